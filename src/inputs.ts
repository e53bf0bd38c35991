import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from 'zod';
import { UsageError } from './errors.js';

/** IAM's own rules for a user name; uniqueness (ignoring case) is checked against the account. */
export const userNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\w+=,.@-]+$/, 'may use only letters, digits and + = , . @ _ -');

/** Named profiles in ~/.aws/config: no spaces or brackets, which the ini files cannot hold. */
export const profileSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w+=,.@:/-]+$/, 'may use only letters, digits and + = , . @ : / _ -');

export const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must look like us-east-1 or eu-central-2');

/** The first problem zod found, as "what: rule". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'is not valid';
}

/** A prompt validator built from a schema: true, or the rule that was broken. */
export const validatorFor =
  (schema: z.ZodType<string>) =>
  (value: string): true | string => {
    const parsed = schema.safeParse(value);
    return parsed.success ? true : firstIssue(parsed.error);
  };

/** A monthly budget in US dollars: a positive amount with at most two decimals. */
export const budgetAmountSchema = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount in US dollars, such as 20 or 20.50')
  .refine((v) => Number(v) > 0, 'must be more than 0');

export const emailSchema = z.email('must be an email address').max(254, 'must be at most 254 characters');

export const contactNameSchema = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** The Account API's rule for phone numbers. */
export const phoneSchema = z
  .string()
  .max(25, 'must be at most 25 characters')
  .regex(/^[\s0-9()+-]+$/, 'may use only digits, spaces and + ( ) -')
  .regex(/(\d.*){5}/, 'must hold at least 5 digits');

/** IAM's rule for an account alias; whether it is free is only known by trying. */
export const accountAliasSchema = z
  .string()
  .min(3, 'must be 3 to 63 characters')
  .max(63, 'must be 3 to 63 characters')
  .regex(/^[a-z0-9-]+$/, 'may use only lowercase letters, digits and -')
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, 'must start and end with a letter or digit')
  .refine((v) => !v.includes('--'), 'must not hold two hyphens in a row');

/**
 * Reads argv as node:util's parseArgs does (strict: an unknown flag is an error), takes the first
 * positional as the command (`wizard` when there is none), and checks it all against `schema`.
 * Every problem is a UsageError naming the flag (`--name: rule`) or the command (`"name": rule`),
 * raised before anything else happens.
 */
export function parseCommandLine<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
  commandName: (command: string) => string = (command) => `"${command}"`,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\.\s/)[0] ?? 'bad arguments');
  }
  const [command = 'wizard', ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const result = schema.safeParse({ ...parsed.values, command });
  if (!result.success) {
    const field = result.error.issues[0]?.path[0];
    throw new UsageError(`${field === 'command' ? commandName(command) : `--${String(field)}`}: ${firstIssue(result.error)}`);
  }
  return result.data;
}
