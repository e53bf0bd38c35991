import type { ClientOptions } from '../aws/clients.js';
import { connect } from '../aws/connect.js';
import { explainCredentialFailure } from '../aws/credentials.js';
import type { RetryListener } from '../aws/retries.js';
import { realClock, type Clock } from '../clock.js';
import type { RunContext } from '../commands/context.js';
import { mfaCodeProvider } from '../commands/session.js';
import { UsageError } from '../errors.js';
import { sameAccountFlags, useInvocation } from '../invocation.js';
import { t, useColour } from '../ui/text.js';
import { count } from '../wording.js';
import { sayer } from './say.js';
import { singleAccountCommand } from './commands.js';
import { EXIT } from '../exit-codes.js';
import { orgHelpText, parseOrgOptions, type OrgOptions } from './args.js';
import { breakGlass } from './break-glass.js';
import { orgClients } from './clients.js';
import type { OrgContext } from './context.js';
import { OrgStateError } from './org-errors.js';
import { accountsOf } from './organization.js';
import type { Prompts } from './prompts.js';
import { orgStatus } from './status.js';
import { selectionFrom } from './survey.js';
import { orgWizard } from './wizard.js';

/** What the org command gets from the entry: the run's IO, stop switch and launcher, and the wizard to hand over to. */
export interface OrgRunContext extends RunContext {
  /** Runs the single-account wizard in this process and terminal, for the management account's own root. */
  singleAccountWizard?: (argv: string[]) => Promise<number>;
  /** How this process was started (`npm start --`, `npx …`): printed commands are spelled the same way. */
  launcher?: string[];
  /** Answers to the questions, instead of the terminal's or --yes (tests). */
  prompts?: Prompts;
  /** Time for backoff between an account's tries (tests pass one that does not wait). */
  clock?: Clock;
}

export const ROOT_CANNOT_ASSUME_ROOT =
  'aws-root-lockdown org: you are signed in as the root user, and root cannot call sts:AssumeRoot. Sign in to the management ' +
  'account as an IAM user or role (AWS CloudShell as an admin user, "aws login", or an SSO profile with --profile) and run it again. ' +
  "To lock this account's own root, use the single-account wizard:";

/** `aws-root-lockdown org …`: parses its own flags, builds the clients once, checks who is calling, runs the command. */
export async function runOrg(argv: string[], context: OrgRunContext): Promise<number> {
  const options = parseOrgOptions(argv);
  if (options.help) {
    // The usage lines name the program the way this run started it (`npm start -- org status`).
    context.io.stdout.write(orgHelpText(context.io.columns(), (context.launcher ?? ['aws-root-lockdown']).join(' ')));
    return EXIT.ok;
  }
  if (options.command !== 'status' && !context.io.canPrompt && !options.yes && !options['dry-run']) {
    throw new UsageError('not a terminal, so nobody can answer questions: run it in a terminal, or pass --yes (or --dry-run)');
  }
  if (options.practice) return runPractice(options, context);
  return runWith(options, context, { profile: options.profile, region: options.region });
}

/** What practice mode says first, the organization's size in the words the choice of accounts uses. */
export const practiceNote = (accounts: number): string =>
  `PRACTICE: a simulated organization on this computer (${accountsOf(accounts)}); nothing touches AWS.`;

/** The built-in practice organization, signed in as its administrator role (never the real credential chain). */
async function runPractice(options: OrgOptions, context: OrgRunContext): Promise<number> {
  const { startPractice } = await import('../practice/session.js');
  // The practice organization is new every run: the learner's kept practice account is not touched.
  const practice = await startPractice({ inMemory: true });
  try {
    sayer(context.io, 'stderr')(practiceNote(practice.server.organization.members.length));
    return await runWith(options, context, { ...practice.clientOptions, credentials: practice.server.orgAdminCredentials });
  } finally {
    await practice.close();
  }
}

/**
 * Runs parsed org options with the given client options (a profile, or practice mode's endpoint and
 * credentials): builds the clients, refuses root, and dispatches. An OrgStateError becomes one line
 * on stderr and exit 3; other errors are the caller's to report.
 */
export async function runWith(options: OrgOptions, context: OrgRunContext, clientOptions: ClientOptions): Promise<number> {
  const { io } = context;
  const say = sayer(io);
  const warn = sayer(io, 'stderr');
  useColour(io.color);
  // Every command printed from here on runs the org command again, started the same way, on the same account.
  useInvocation({ launcher: [...(context.launcher ?? ['aws-root-lockdown']), 'org'], sameAccount: sameAccountFlags(options) });
  // Retries are counted, not printed one by one: a large organization would scroll them past.
  let retried = 0;
  const onRetry: RetryListener = () => void (retried += 1);
  let connected;
  try {
    connected = await connect({ ...clientOptions, onRetry: () => onRetry, mfaCodeProvider: mfaCodeProvider(context) }, context.signal);
  } catch (error) {
    // A configured way of signing in that failed keeps its cause and its remedy (as for the wizard).
    throw await explainCredentialFailure(error, { profile: clientOptions.profile });
  }
  const { aws, identity } = connected;
  try {
    if (identity.isRoot) {
      warn(t`${ROOT_CANNOT_ASSUME_ROOT}\n  $ ${singleAccountCommand()}`);
      return EXIT.usage;
    }
    if (!identity.hasRootCredentials) {
      say(`Not applicable: accounts in the ${identity.partition} partition have no root user credentials to lock away.`);
      return EXIT.ok;
    }
    const ctx: OrgContext = {
      clients: orgClients(aws, { endpoint: clientOptions.endpoint, onRetry: () => onRetry }),
      identity,
      partition: identity.partition,
      concurrency: options.concurrency,
      signal: context.signal,
      clock: context.clock ?? realClock,
      io,
    };
    const code = await dispatch(options, ctx, context);
    if (retried > 0) warn(`(AWS throttled or dropped ${count(retried, 'request')} along the way; each was tried again.)`);
    return code;
  } catch (error) {
    if (!(error instanceof OrgStateError)) throw error;
    warn(`aws-root-lockdown org: ${error.message}`);
    return EXIT.aws;
  } finally {
    for (const client of Object.values(aws)) client.destroy();
  }
}

function dispatch(options: OrgOptions, ctx: OrgContext, context: OrgRunContext): Promise<number> {
  switch (options.command) {
    case 'status':
      return orgStatus(ctx, selectionFrom(options), options.json ? 'json' : options.csv ? 'csv' : 'plain');
    case 'break-glass':
      return breakGlass(ctx, context, options.account!, options.yes);
    case 'wizard':
      return orgWizard(ctx, context, {
        selection: options.accounts || options.ou ? selectionFrom(options) : undefined,
        yes: options.yes,
        dryRun: options['dry-run'],
        delegatedAdmin: options['delegated-admin'],
        wizardArgv: [
          ...(options.practice ? ['--practice'] : []),
          ...(options.profile ? ['--profile', options.profile] : []),
          ...(options.region ? ['--region', options.region] : []),
        ],
      });
  }
}
