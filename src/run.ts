import { AccountReader, scopeOf } from './aws/account-reader.js';
import { isInvalidCredentials, isMissingCredentials } from './aws/aws-error.js';
import { createClients } from './aws/clients.js';
import { identify, withCredentials } from './aws/connect.js';
import { explainCredentialFailure } from './aws/credentials.js';
import type { RetryListener } from './aws/retries.js';
import type { Options } from './args.js';
import { realClock } from './engine/clock.js';
import { nothingReadable, readStatus } from './engine/status.js';
import { openReports, runWizard } from './engine/wizard.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import type { PracticeSession } from './practice/session.js';
import { commandLine, invocation, useInvocation } from './invocation.js';
import { noCredentials } from './report-error.js';
import { ALL_STEPS, stepsFor } from '../steps/index.js';
import { PlainUI } from './ui/plain-ui.js';
import { statusJson, statusTable } from './ui/status-view.js';
import type { PracticeInfo } from './ui/text-output.js';

export interface RunIO {
  signal: AbortSignal;
  /** Stops the run as Ctrl-C does (the terminal UI calls it on a raw-mode Ctrl-C). */
  stop: () => void;
  interactive: boolean;
  readStdin: () => Promise<string>;
}

/** Runs the chosen command and returns its exit code; errors are mapped by the caller. */
export async function run(options: Options, io: RunIO): Promise<number> {
  if (options.command === 'wizard' && !io.interactive && !options.yes && !options['dry-run']) {
    throw new UsageError('not a terminal, so nobody can answer questions: run it in a terminal, or pass --yes (or --dry-run)');
  }
  const password = options['password-stdin'] ? await readPassword(io) : undefined;
  if (options.practice) return runPractice(options, io, password);
  try {
    return await runOn(options, io, password);
  } catch (error) {
    // Practice mode is offered only when nothing at all is configured; a configured way of
    // signing in that failed keeps its cause and its remedy.
    const explained = await explainCredentialFailure(error, { profile: options.profile });
    if (explained !== error || !isMissingCredentials(error) || !io.interactive || options.yes || options.json) throw explained;
    if (!(await offerPractice(io))) return EXIT.noCredentials;
    useInvocation({ ...invocation(), sameAccount: ['--practice'] });
    return runPractice({ ...options, practice: true }, io, password);
  }
}

async function runPractice(options: Options, io: RunIO, password: string | undefined): Promise<number> {
  // The practice account (its server, console pages and QR codes) is loaded for practice alone.
  const { startPractice } = await import('./practice/session.js');
  const practice = await startPractice(options['practice-state']);
  try {
    return await runOn(options, io, password, practice);
  } finally {
    await practice.close();
  }
}

/**
 * A newcomer with no AWS credentials, at a terminal, is offered the practice account instead of
 * only a list of ways to sign in. Scripts (no terminal, --yes, --json) still get exit code 4.
 */
async function offerPractice(io: RunIO): Promise<boolean> {
  process.stderr.write(`${noCredentials()}\n\n`);
  const { TerminalUI } = await import('./ui/terminal-ui.js');
  return new TerminalUI(io.signal, io.stop).confirm({
    key: 'practice',
    message: 'Practise on a simulated account on this computer instead? Nothing touches AWS.',
    default: true,
  });
}

async function runOn(options: Options, io: RunIO, password: string | undefined, practice?: PracticeSession): Promise<number> {
  // Prompts and spinners are for the interactive wizard only; loading starts now, so it overlaps
  // the first request instead of delaying `status` or a scripted run.
  const terminalUi = options.command === 'wizard' && io.interactive && !options.yes ? import('./ui/terminal-ui.js') : undefined;
  // Until the wizard's interface exists (and for status), a retry is a line on stderr.
  let onRetry: RetryListener = (notice) => process.stderr.write(`${notice}\n`);
  const clientOptions = practice ? practice.clientOptions : { profile: options.profile, region: options.region, mfaCodeProvider: mfaCodeProvider(io) };
  const shared = withCredentials({ ...clientOptions, onRetry: () => onRetry });
  // Who is calling is asked below, together with the first reads that need no identity.
  const clients = await createClients(shared);
  const identityExtras = practice ? { consoleUrl: practice.consoleUrl } : {};
  const practiceInfo: PracticeInfo | undefined = practice && { consoleUrl: practice.consoleUrl, doStep: practice.doStep };

  if (options.command === 'status') {
    const report = await readStatus(clients, ALL_STEPS, { signal: io.signal, identityExtras, identify: (aws) => identify(aws, shared, io.signal) });
    process.stdout.write(`${options.json ? statusJson(report) : statusTable(report, practiceInfo)}\n`);
    if (nothingReadable(report)) return EXIT.aws;
    return report.ok ? EXIT.ok : EXIT.open;
  }

  const asked = identify(clients, shared, io.signal);
  const ui = terminalUi
    ? new (await terminalUi).TerminalUI(io.signal, io.stop, process.stdout, practiceInfo)
    : new PlainUI(options.yes, process.stdout, practiceInfo);
  onRetry = (text) => ui.note({ level: 'warn', text });
  // The wizard may wait for the credential report, and says so while it does.
  const reportWait = { clock: realClock, onWait: (why: string) => ui.busy(why) };
  // The first check (root MFA) reads the account summary, which needs no identity: it leaves
  // with GetCallerIdentity, a round trip sooner. Every later check gets a reader of its own.
  let first: AccountReader | undefined = new AccountReader(clients, scopeOf(asked.then((c) => c.identity)), io.signal, reportWait);
  first.summary().catch(() => {}); // a failure is the first check's to report
  const { aws, identity: caller } = await asked;
  const identity = { ...caller, ...identityExtras };
  // The credentials belong to another partition: the first reader's clients are gone.
  if (aws !== clients) first = undefined;
  const newReader = () => {
    const reader = first ?? new AccountReader(aws, identity, io.signal, reportWait);
    first = undefined;
    return reader;
  };
  try {
    const reports = await runWizard({
      steps: stepsFor(identity),
      identity,
      aws,
      ui,
      clock: realClock,
      signal: io.signal,
      inputs: {
        password,
        grant: options.grant,
        mfaIn: options['mfa-in'],
        budgetAmount: options['budget-amount'],
        alertEmail: options['alert-email'],
        securityContact: {
          name: options['security-contact-name'],
          email: options['security-contact-email'],
          phone: options['security-contact-phone'],
        },
        accountAlias: options['account-alias'],
      },
      adminUser: options['admin-user'],
      dryRun: options['dry-run'],
      skip: options.skip,
      pollIntervalMs: options['poll-interval'] * 1000,
      waitTimeoutMs: options.wait * 1000,
      newReader,
    });
    return openReports(reports).length === 0 ? EXIT.ok : EXIT.open;
  } catch (error) {
    if (identity.usesRootAccessKey && isInvalidCredentials(error)) {
      process.stderr.write(
        'The root access key this run was signed with no longer works: it was deleted or deactivated.\n' +
          `Sign in as your admin user (AWS CloudShell, or "aws login") and run "${commandLine()}" again to confirm no root key is left.\n`,
      );
      return EXIT.open;
    }
    throw error;
  }
}

/** At a terminal, a role profile's MFA code is asked for (on stderr); without one it cannot be. */
function mfaCodeProvider(io: RunIO) {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async (serial: string) => (await import('./ui/mfa-prompt.js')).askMfaCode(serial, io.signal, io.stop);
}

async function readPassword(io: RunIO): Promise<string> {
  // Only the first line: `echo pw |` adds a newline that is not part of the password.
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input held no password');
  return password;
}
