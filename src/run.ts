import { AccountReader } from './aws/account-reader.js';
import { isInvalidCredentials } from './aws/aws-error.js';
import { createClients } from './aws/clients.js';
import { whoAmI } from './aws/identity.js';
import type { Options } from './args.js';
import { realClock } from './engine/clock.js';
import { collectStatus, nothingReadable } from './engine/status.js';
import { openReports, runWizard } from './engine/wizard.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { ALL_STEPS, stepsFor } from '../steps/index.js';
import { PlainUI } from './ui/plain-ui.js';
import { statusJson, statusTable } from './ui/status-view.js';

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
  // Prompts and spinners are for the interactive wizard only; loading starts now, so it overlaps
  // the first request instead of delaying `status` or a scripted run.
  const terminalUi = options.command === 'wizard' && io.interactive && !options.yes ? import('./ui/terminal-ui.js') : undefined;
  const aws = await createClients({ profile: options.profile, region: options.region });
  const identity = await whoAmI(aws, io.signal);
  const newReader = () => new AccountReader(aws.iam, identity.partition, io.signal);

  if (options.command === 'status') {
    const report = await collectStatus(identity, newReader(), ALL_STEPS);
    process.stdout.write(`${options.json ? statusJson(report) : statusTable(report)}\n`);
    if (nothingReadable(report)) return EXIT.aws;
    return report.ok ? EXIT.ok : EXIT.open;
  }

  const ui = terminalUi ? new (await terminalUi).TerminalUI(io.signal, io.stop) : new PlainUI(options.yes);
  try {
    const reports = await runWizard({
      steps: stepsFor(identity),
      identity,
      aws,
      ui,
      clock: realClock,
      signal: io.signal,
      inputs: { password, grant: options.grant },
      adminUser: options['admin-user'],
      dryRun: options['dry-run'],
      pollIntervalMs: options['poll-interval'] * 1000,
      waitTimeoutMs: options.wait * 1000,
      newReader,
    });
    return openReports(reports).length === 0 ? EXIT.ok : EXIT.open;
  } catch (error) {
    if (identity.usesRootAccessKey && isInvalidCredentials(error)) {
      process.stderr.write(
        'The root access key this run was signed with no longer works: it was deleted or deactivated.\n' +
          'Sign in as your admin user (AWS CloudShell, or "aws login") and run aws-root-lockdown again to confirm no root key is left.\n',
      );
      return EXIT.open;
    }
    throw error;
  }
}

async function readPassword(io: RunIO): Promise<string> {
  // Only the first line: `echo pw |` adds a newline that is not part of the password.
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input held no password');
  return password;
}
