import * as z from 'zod';

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
