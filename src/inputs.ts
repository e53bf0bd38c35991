import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from 'zod';
import { UsageError } from './errors.js';
import type { FieldRule } from './rules/field-rule.js';
import {
  ACCOUNT_ALIAS,
  ALERT_EMAIL,
  CONTACT_EMAIL,
  CONTACT_NAME,
  CONTACT_PHONE,
  IC_DISPLAY_NAME,
  IC_EMAIL,
  IC_FAMILY_NAME,
  IC_GIVEN_NAME,
  IC_USER_NAME,
  MFA_CODE,
  ORG_ACCOUNT_ID,
  ORG_PARENT_ID,
  readBudgetAmount,
  SESSION_DURATION,
  SESSION_HOURS,
  TERMINAL_CONTROLS,
  USER_NAME,
} from './rules/fields.js';
import { didYouMean } from './wording.js';

/**
 * The inputs a person gives, as zod string schemas for flags and prompts alike. Each AWS field is
 * checked by its rule in src/rules/fields.ts (AWS's API model, plus the documented rules it does
 * not carry), so a message names the value's problem and the rule: "has \"'\"; the Account API ...".
 */
export const ruleSchema = (rule: FieldRule) =>
  z.string().superRefine((value, ctx) => {
    // AWS's rule first; then no character a terminal would obey (which some of AWS's models allow).
    const message = rule.check(value) ?? terminalControl(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** What a person types is shown again on terminals (the plan, status): nothing a terminal would obey. */
const terminalControl = (value: string) => {
  const problem = TERMINAL_CONTROLS.problem(value);
  return problem && `${problem}; type the text without control characters`;
};

/** IAM's rule for a user name (userNameType); uniqueness, ignoring case, is checked against the account. */
export const userNameSchema = ruleSchema(USER_NAME);

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
  (schema: z.ZodType<string, string>) =>
  (value: string): true | string => {
    const parsed = schema.safeParse(value);
    return parsed.success ? true : firstIssue(parsed.error);
  };

/**
 * A monthly budget in US dollars as people type it ("20", "20.50", "$20", "1,000"), given out in
 * AWS Budgets' NumericValue form ("1000"); what could be read two ways is refused.
 */
export const budgetAmountSchema = z.string().transform((typed, ctx) => {
  const read = readBudgetAmount(typed);
  if ('amount' in read) return read.amount;
  ctx.addIssue({ code: 'custom', message: read.message });
  return z.NEVER;
});

/** The Account API's rule for an alternate contact's email address (PutAlternateContact EmailAddress). */
export const contactEmailSchema = ruleSchema(CONTACT_EMAIL);

/** Where AWS Budgets mails the billing alerts (Subscriber Address, EMAIL). */
export const alertEmailSchema = ruleSchema(ALERT_EMAIL);

/** The Account API's rule for an alternate contact's name: 1 to 64 characters, any. */
export const contactNameSchema = ruleSchema(CONTACT_NAME);

/** The Account API's rule for phone numbers. */
export const phoneSchema = ruleSchema(CONTACT_PHONE);

/** IAM's rule for an account alias; whether it is free is only known by trying. */
export const accountAliasSchema = ruleSchema(ACCOUNT_ALIAS);

/** Organizations' rule for an account id (AccountId): what --accounts, --account and --delegated-admin take. */
export const accountIdSchema = ruleSchema(ORG_ACCOUNT_ID);

/** Organizations' rule for a root or OU id (ParentId): what --ou takes. */
export const parentIdSchema = ruleSchema(ORG_PARENT_ID);

/** IAM's rule for a code from an MFA app (authenticationCodeType). */
export const mfaCodeSchema = ruleSchema(MFA_CODE);

/** The admin's user name in IAM Identity Center (identitystore CreateUser UserName). */
export const identityCenterUserSchema = ruleSchema(IC_USER_NAME);

/**
 * --reuse-user: an existing user of either way, so either rule will do here (IAM's, or Identity
 * Center's, whose reserved names IAM allows); the way's own rule is checked with the other flags
 * (steps/admin-identity-center.ts, wayInputsProblem).
 */
export const reuseUserSchema = z.string().superRefine((value, ctx) => {
  const iam = USER_NAME.check(value);
  const identityCenter = IC_USER_NAME.check(value);
  const message = iam && identityCenter ? `is not a user name: ${iam}` : terminalControl(value);
  if (message) ctx.addIssue({ code: 'custom', message });
});

/** Its display name, first and last name (identitystore DisplayName, Name.GivenName, Name.FamilyName). */
export const displayNameSchema = ruleSchema(IC_DISPLAY_NAME);
export const givenNameSchema = ruleSchema(IC_GIVEN_NAME);
export const familyNameSchema = ruleSchema(IC_FAMILY_NAME);

/** Its primary work email (identitystore Email.Value, with the shape of an address). */
export const workEmailSchema = ruleSchema(IC_EMAIL);

/**
 * A permission set's session as people say it, in whole hours ("8"), given out as AWS's
 * ISO-8601 duration ("PT8H") and checked by the model's rule and the documented range.
 */
export const sessionHoursSchema = z
  .string()
  .regex(/^\d{1,2}$/, `must be a whole number of hours, ${SESSION_HOURS.min} to ${SESSION_HOURS.max}`)
  .transform((hours, ctx) => {
    const duration = `PT${Number(hours)}H`;
    const message = SESSION_DURATION.check(duration);
    if (!message) return duration;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

/** What a command line held: the values its schema checked, and every flag as parseArgs read it. */
export interface CommandLine<T> {
  checked: T;
  /** Raw values by flag name, for flags the caller checks itself (the wizard's step flags, by their rows). */
  values: Record<string, string | boolean | string[] | undefined>;
}

/** The first positional word is the command (`wizard` when there is none); the rest is left over. */
const oneWordCommand = (positionals: string[]): [string, string[]] => [positionals[0] ?? 'wizard', positionals.slice(1)];

/**
 * Reads argv as node:util's parseArgs does (strict: an unknown flag is an error), takes the command
 * from the positional words (by `commandOf`: the first word, `wizard` when there is none), and
 * checks it all against `schema`. Every problem is a UsageError naming the flag (`--name: rule`)
 * or the command (`"name": rule`), raised before anything else happens, with "did you mean" for a
 * mistyped flag, command or choice. The wizard's parser and the org command's share it.
 */
export function parseCommandLine<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
  commandName: (command: string) => string = (command) => `"${command}"`,
  commandOf: (positionals: string[]) => [string, string[]] = oneWordCommand,
): CommandLine<z.infer<S>> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split(/\.\s/)[0] ?? 'bad arguments';
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
    throw new UsageError(unknown ? `unknown option ${unknown}${didYouMean(unknown, names)}` : message);
  }
  const [command, extra] = commandOf(parsed.positionals);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const values = parsed.values as CommandLine<unknown>['values'];
  const result = schema.safeParse({ ...values, command });
  if (!result.success) {
    const issue = result.error.issues[0];
    const [field, index] = issue?.path ?? [];
    const name = field === 'command' ? commandName(command) : `--${String(field)}`;
    // A mistyped command or list item (--skip roots-mfa): the nearest allowed value, if one is near.
    const typed = field === 'command' ? command : typeof index === 'number' ? (values[String(field)] as string[] | undefined)?.[index] : undefined;
    const allowed = issue?.code === 'invalid_value' ? issue.values.map(String).filter((value) => value !== 'wizard') : [];
    // A command of two words (practice-console) is suggested as it is typed.
    const suggestion = typed === undefined ? '' : didYouMean(typed, field === 'command' ? allowed.map((value) => value.replace('-', ' ')) : allowed);
    // With a suggestion, the rule's own list of choices is left out: one short line.
    if (suggestion) throw new UsageError(`${name}${field === 'command' ? '' : ` ${typed}`}: ${firstIssue(result.error).replace(/ \(.*\)$/, '')}${suggestion}`);
    throw new UsageError(`${name}: ${firstIssue(result.error)}`);
  }
  return { checked: result.data, values };
}
