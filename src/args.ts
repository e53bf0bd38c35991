import { parseArgs } from 'node:util';
import * as z from 'zod';
import { UsageError } from './errors.js';
import {
  accountAliasSchema,
  budgetAmountSchema,
  contactNameSchema,
  emailSchema,
  firstIssue,
  phoneSchema,
  profileSchema,
  regionSchema,
  userNameSchema,
} from './inputs.js';
import { STEP_IDS } from './step-ids.js';

const seconds = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const schema = z
  .object({
    command: z.enum(['wizard', 'status'], { message: 'unknown command (the commands are: status, or none for the wizard)' }),
    yes: z.boolean(),
    'dry-run': z.boolean(),
    'admin-user': userNameSchema.optional(),
    'password-stdin': z.boolean(),
    grant: z.enum(['group', 'direct'], { message: 'must be group or direct' }).optional(),
    'mfa-in': z.enum(['terminal', 'console'], { message: 'must be terminal or console' }).optional(),
    'budget-amount': budgetAmountSchema.optional(),
    'alert-email': emailSchema.optional(),
    'security-contact-name': contactNameSchema.optional(),
    'security-contact-email': emailSchema.optional(),
    'security-contact-phone': phoneSchema.optional(),
    'account-alias': accountAliasSchema.optional(),
    skip: z.array(z.enum(STEP_IDS, { message: `must be a step id (${STEP_IDS.join(', ')})` })).default([]),
    wait: seconds(0, 86_400).default(900),
    'poll-interval': seconds(1, 300).default(5),
    profile: profileSchema.optional(),
    region: regionSchema.optional(),
    json: z.boolean(),
    practice: z.boolean(),
    'practice-state': z.string().min(1, 'must name a file').optional(),
    debug: z.boolean(),
    help: z.boolean(),
    version: z.boolean(),
  })
  .refine((o) => !o.json || o.command === 'status', { message: 'only "status" writes JSON', path: ['json'] })
  .refine((o) => !o['password-stdin'] || o.command === 'wizard', { message: 'only the wizard sets a password', path: ['password-stdin'] })
  .refine((o) => !(o.practice || o['practice-state']) || !o.profile, { message: 'practice mode never uses AWS credentials', path: ['profile'] })
  // A scenario file means practice: it is never read against a real account.
  .transform((o) => ({ ...o, practice: o.practice || o['practice-state'] !== undefined }));

export type Options = z.infer<typeof schema>;

/** Parses argv once; every problem becomes a UsageError naming the flag and the rule. */
export function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        yes: { type: 'boolean', short: 'y', default: false },
        'dry-run': { type: 'boolean', default: false },
        'admin-user': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        grant: { type: 'string' },
        'mfa-in': { type: 'string' },
        'budget-amount': { type: 'string' },
        'alert-email': { type: 'string' },
        'security-contact-name': { type: 'string' },
        'security-contact-email': { type: 'string' },
        'security-contact-phone': { type: 'string' },
        'account-alias': { type: 'string' },
        skip: { type: 'string', multiple: true },
        wait: { type: 'string' },
        'poll-interval': { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean', default: false },
        practice: { type: 'boolean', default: false },
        'practice-state': { type: 'string' },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\.\s/)[0] ?? 'bad arguments');
  }
  const [command = 'wizard', ...extra] = parsed.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const result = schema.safeParse({ ...parsed.values, command });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path[0];
    const name = field === 'command' ? `"${command}"` : `--${String(field)}`;
    throw new UsageError(`${name}: ${firstIssue(result.error)}`);
  }
  return result.data;
}

export const HELP = `aws-root-lockdown: lock the AWS root user away and set up an admin for daily work.

Usage
  aws-root-lockdown [options]          walk through the steps (interactive)
  aws-root-lockdown status [--json]    report what is done and what is open (read-only)

Steps (ids, in order): ${STEP_IDS.join(', ')}

Options
  --profile NAME        use this profile from ~/.aws/config (SSO and "aws login" profiles work)
  --region REGION       picks the partition (aws, aws-cn, aws-us-gov) by one of its regions; IAM, STS,
                        Budgets and Account are called in its main region (us-east-1 for aws)
  -y, --yes             no questions: accept every confirmation (needs --admin-user to create one)
  --admin-user NAME     the admin IAM user to create or reuse
  --password-stdin      read the admin's first console password from standard input
  --grant group|direct  give AdministratorAccess through the Administrators group (default) or directly
  --mfa-in terminal|console  set up the admin's MFA here (authenticator app) or in the console (passkey, key)
  --budget-amount USD   monthly budget for the billing alert (e.g. 20)
  --alert-email EMAIL   where the billing alerts go
  --security-contact-name NAME / --security-contact-email EMAIL / --security-contact-phone PHONE
                        the account's security contact
  --account-alias ALIAS alias for the sign-in address (3-63 of a-z, 0-9, -)
  --skip STEP           leave a step out this run (repeatable); a required one stays open
  --dry-run             show the plan and the equivalent AWS CLI commands; change nothing
  --wait SECONDS        how long to wait for each console step (default 900)
  --poll-interval SECONDS  how often to check while waiting (default 5)
  --json                with status: print one JSON object on stdout
  --practice            practise on a simulated account on this computer (no AWS account needed)
  --practice-state FILE load the practice account from FILE (a scenario) and save it back there
  --debug               show stack traces
  -h, --help            this text
  -V, --version         the version

Exit codes
  0 all done / all checks pass    1 something is still open    2 bad usage
  3 AWS could not be read or changed    4 no AWS credentials    130 stopped (Ctrl-C)
`;
