import { createInterface } from 'node:readline';
import type { Options } from '../args.js';
import { collectStatus } from '../engine/status.js';
import { EXIT } from '../exit-codes.js';
import { commandLine, practiceConsoleLine } from '../invocation.js';
import { noCredentials } from '../report-error.js';
import type { PracticeOptions, PracticeSession } from '../practice/session.js';
import { loadSteps } from '../../steps/manifest.js';
import type { RunContext } from './context.js';
import { describePracticeAccount } from './practice-account.js';
import type { Session } from './session.js';
import { command, lines, paragraph, widthFor } from '../ui/layout.js';
import { style, t, useColour } from '../ui/text.js';

/** The practice flags of a command: which practice account, and whether the command may change it. */
export const practiceOptions = (options: Options): PracticeOptions => ({
  stateFile: options['practice-state'],
  scenario: options['practice-scenario'],
  reset: options['practice-reset'],
  // status and --dry-run read the practice account and never create or change it; status alone, as
  // on AWS, keeps the credential report it had IAM make (practice/session.ts keepReport).
  readOnly: options.command === 'status' || options['dry-run'],
  keepReport: options.command === 'status',
});

/** Runs `work` against a practice account on this computer, closed again whatever happens. */
export async function inPractice<T>(options: PracticeOptions, work: (practice: PracticeSession) => Promise<T>): Promise<T> {
  // The practice account (its server, console pages and QR codes) is loaded for practice alone.
  const { startPractice } = await import('../practice/session.js');
  const practice = await startPractice(options);
  try {
    return await work(practice);
  } finally {
    await practice.close();
  }
}

/**
 * The practice console's dashboard shows the wizard's own checks as security recommendations: it
 * asks, when a page is shown, what `status` would report, through the same SDK clients.
 */
export function showChecksInConsole(session: Session, practice: PracticeSession): void {
  // Pages shown while no wizard runs say how to start one on this same practice account.
  practice.server.console.wizardCommand = commandLine();
  practice.server.console.recommendations = async () =>
    (await collectStatus(session.identity, session.newReader(), await loadSteps(), session.console.links)).checks;
}

/**
 * Keeps the practice console serving until the person presses Enter, closes standard input or
 * presses Ctrl-C (the run's stop signal): after the summary, so the finished account can be seen.
 */
export async function keepConsoleOpen(context: RunContext, practice: PracticeSession, why: string): Promise<void> {
  const { io, signal } = context;
  const width = widthFor(io, 'stdout');
  io.stdout.write(
    `${lines('', paragraph(width, '', why), t`  ${style.underline(practice.console.practice.url)}`, paragraph(width, '', 'Press Enter (or Ctrl-C) to close it.')).value}\n`,
  );
  // An interface that asked questions may have left the terminal raw: Ctrl-C must reach us as a signal.
  if (io.isTTY.stdin) io.stdin.setRawMode?.(false);
  const input = createInterface({ input: io.stdin, terminal: false });
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    input.once('line', done);
    input.once('close', done);
    if (signal.aborted) done();
    signal.addEventListener('abort', done, { once: true });
  });
  input.close();
  io.stdin.pause();
}

/**
 * After a run that cannot keep the practice console open (--yes, --dry-run without a terminal): its
 * links printed above stop working as the program ends, so say so, and where the console runs.
 */
export function sayConsoleClosed(context: RunContext): void {
  const width = widthFor(context.io, 'stdout');
  context.io.stdout.write(
    `${lines(
      '',
      paragraph(width, '', 'The practice console closes with this run: its links above no longer open. It runs with the wizard in a terminal, or alone:'),
      command(2, commandLine()),
      command(2, practiceConsoleLine()),
    ).value}\n`,
  );
}

/** `practice console`: the practice console alone, to look around the practice account. */
export async function practiceConsoleCommand(context: RunContext, session: Session, practice: PracticeSession): Promise<number> {
  const { io } = context;
  const { practiceBanner } = await import('../ui/render.js');
  useColour(io.color);
  const width = widthFor(io, 'stdout');
  io.stdout.write(`${practiceBanner({ url: practice.console.practice.url, account: describePracticeAccount(practice.where) }, width).value}\n`);
  showChecksInConsole(session, practice);
  await keepConsoleOpen(context, practice, `No wizard is running: the practice console shows the account as it is. To work on it, run "${commandLine()}".`);
  return EXIT.ok;
}

/**
 * A newcomer with no AWS credentials, at a terminal, is offered the practice account instead of
 * only a list of ways to sign in. Scripts (no terminal, --yes, --json) still get exit code 4.
 */
export async function offerPractice(context: RunContext): Promise<boolean> {
  context.io.stderr.write(`${lines(...noCredentials().split('\n').map((line) => paragraph(widthFor(context.io, 'stderr'), '', line, 4))).value}\n\n`);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(context.io, context.signal, context.stop).confirm({
    key: 'practice',
    message: 'Practise on a simulated account on this computer instead? Nothing touches AWS.',
    default: true,
  });
}
