import * as z from 'zod';
import { accountIdSchema, parentIdSchema, parseCommandLine, profileSchema, regionSchema } from '../inputs.js';
import { helpLayout } from '../ui/help-layout.js';
import { lines } from '../ui/layout.js';
import { ORG_OPTIONS as OPTIONS } from './argv.js';

/** Requests to AWS in flight at once. AssumeRoot is rate-limited per organization: more is not faster for long. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 50;


const schema = z
  .object({
    command: z.enum(['wizard', 'status', 'break-glass'], {
      message: 'unknown org command (the org commands are: status, break-glass, or none for the wizard)',
    }),
    accounts: z
      .array(z.string())
      .optional()
      .transform((lists) => lists?.flatMap((list) => list.split(',').map((id) => id.trim())))
      .pipe(z.array(accountIdSchema).min(1, 'must name at least one account').optional()),
    ou: parentIdSchema.optional(),
    account: accountIdSchema.optional(),
    concurrency: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1').max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`))
      .default(DEFAULT_CONCURRENCY),
    'delegated-admin': accountIdSchema.optional(),
    json: z.boolean(),
    csv: z.boolean(),
    yes: z.boolean(),
    'dry-run': z.boolean(),
    profile: profileSchema.optional(),
    region: regionSchema.optional(),
    practice: z.boolean(),
    debug: z.boolean(),
    help: z.boolean(),
  })
  .refine((o) => !(o.json || o.csv) || o.command === 'status', { message: 'only "org status" writes JSON or CSV', path: ['json'] })
  .refine((o) => !(o.json && o.csv), { message: 'choose one of --json and --csv', path: ['csv'] })
  .refine((o) => !(o.accounts && o.ou), { message: 'choose one of --accounts and --ou', path: ['ou'] })
  .refine((o) => o.command !== 'break-glass' || o.help || o.account, { message: '"org break-glass" needs the one account to open: --account ID', path: ['account'] })
  .refine((o) => o.command === 'break-glass' || !o.account, { message: 'only "org break-glass" takes --account (to choose members, use --accounts or --ou)', path: ['account'] })
  .refine((o) => o.command !== 'break-glass' || !(o.accounts || o.ou), { message: '"org break-glass" opens one account at a time: use --account ID', path: ['accounts'] })
  .refine((o) => !o['delegated-admin'] || o.command === 'wizard', { message: 'only the org wizard registers a delegated administrator', path: ['delegated-admin'] })
  .refine((o) => !o['dry-run'] || o.command === 'wizard', { message: 'only the org wizard has a dry run ("org status" never changes anything)', path: ['dry-run'] })
  .refine((o) => !o.yes || o.command !== 'status', { message: '"org status" asks nothing: it has no --yes', path: ['yes'] })
  // Never "every account" by default without a person: --yes removes credentials only from accounts named.
  .refine((o) => !(o.command === 'wizard' && o.yes && !o['dry-run']) || o.accounts || o.ou, {
    message: 'removes root credentials without asking only from accounts you name: add --accounts ID,… or --ou ID',
    path: ['yes'],
  })
  .refine((o) => !(o.practice && o.profile), { message: 'practice mode never uses AWS credentials', path: ['profile'] });

export type OrgOptions = z.infer<typeof schema>;
export type OrgCommand = OrgOptions['command'];

/** Parses the org command's arguments; every problem is a UsageError naming the flag and the rule. */
export function parseOrgOptions(argv: string[]): OrgOptions {
  return parseCommandLine(argv, OPTIONS, schema, (command) => `"org ${command}"`).checked;
}

/**
 * `org --help` laid out for `width` columns (80 at most), the usage lines naming the program as
 * `program` (how this run was started: `npm start --`, `npx …`).
 */
export function orgHelpText(width: number, program = 'aws-root-lockdown'): string {
  const { usage, option, heading, text } = helpLayout(width, program, 50);
  return `${lines(
    heading("aws-root-lockdown org: lock away every member account's root, from the management account."),
    '',
    'Usage',
    usage('org [options]', "turn on centralized root access, audit the members' root users, and remove their root credentials (asks first)"),
    usage('org status [--json|--csv]', "every member's root posture: locked, open or unknown (read-only)"),
    usage('org break-glass --account ID', "let one member's root recover its password by email, for a task only root can do (asks first)"),
    '',
    heading(
      "Run it as an IAM user or role (not root: root cannot call sts:AssumeRoot) in the organization's management account, or in IAM's delegated administrator account.",
    ),
    '',
    'Options',
    option('--accounts ID,…', 'only these member accounts (repeatable)'),
    option('--ou ID', 'only the accounts under this organizational unit, at any depth (ou-… or r-…)'),
    option('--account ID', 'with break-glass: the member account to open'),
    option('--concurrency N', `at most N requests to AWS at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})`),
    option('--delegated-admin ID', "register this member account as IAM's delegated administrator"),
    option('-y, --yes', 'no questions: accept every confirmation; removes root credentials only with --accounts or --ou (never every account by default)'),
    option('--dry-run', 'show what would change, change nothing'),
    option('--json / --csv', 'with status: one JSON object / CSV rows on stdout, one account at a time'),
    option('--profile NAME', 'as for the single-account wizard'),
    option('--region REGION', 'as for the single-account wizard'),
    option('--practice', 'practise on a simulated organization on this computer'),
    option('--debug', 'show stack traces'),
    option('-h, --help', 'this text'),
    '',
    'Exit codes',
    text('0 every member chosen is locked · 1 some member is open or could not be read · 2 bad usage · 3 AWS could not be read or changed · 4 no AWS credentials · 130 stopped (Ctrl-C)'),
  ).value}\n`;
}
