import { noCredentials } from '../report-error.js';
import type { PracticeSession } from '../practice/session.js';
import type { RunContext } from './context.js';
import { lines, paragraph, widthFor } from '../ui/layout.js';

/** Runs `work` against a practice account on this computer, closed again whatever happens. */
export async function inPractice<T>(stateFile: string | undefined, work: (practice: PracticeSession) => Promise<T>): Promise<T> {
  // The practice account (its server, console pages and QR codes) is loaded for practice alone.
  const { startPractice } = await import('../practice/session.js');
  const practice = await startPractice(stateFile);
  try {
    return await work(practice);
  } finally {
    await practice.close();
  }
}

/**
 * A newcomer with no AWS credentials, at a terminal, is offered the practice account instead of
 * only a list of ways to sign in. Scripts (no terminal, --yes, --json) still get exit code 4.
 */
export async function offerPractice(context: RunContext): Promise<boolean> {
  context.io.stderr.write(`${lines(...noCredentials().split('\n').map((line) => paragraph(widthFor(context.io.isTTY.stderr, context.io.columns()), '', line, 4))).value}\n\n`);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(context.io, context.signal, context.stop).confirm({
    key: 'practice',
    message: 'Practise on a simulated account on this computer instead? Nothing touches AWS.',
    default: true,
  });
}
