import { describeAwsError, isAbort, isMissingCredentials } from './aws/aws-error.js';
import { CredentialProblem, FileProblem, NotGranted, StoppedError, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { commandLine, invocation, launch } from './invocation.js';
import { processIO, type IO } from './io.js';
import { lines, paragraph, widthFor } from './ui/layout.js';

/** What to do without credentials, with commands spelled the way this run was started. */
export const noCredentials = () => `No AWS credentials were found. Any of these works:
  - AWS CloudShell: open it from the AWS console and run this there (it is signed in already).
  - aws login: sign in through your browser (AWS CLI 2.32 or later), then run this again.
  - aws configure sso: set up an IAM Identity Center profile, then run ${launch('--profile', 'NAME')}.
  - ${launch('--profile', 'NAME')}: use a profile from ~/.aws/config or ~/.aws/credentials.
  - ${launch('--practice')}: practise on a simulated account on this computer, with no AWS account at all.`;

/** How to go on after Ctrl-C: the same command, on the same (practice) account. */
function stoppedText(): string {
  const { sameAccount } = invocation();
  if (sameAccount[0] === '--practice' || sameAccount[0] === '--practice-state') {
    return `\nStopped. The practice account is saved with everything done so far: run "${commandLine()}" to continue where you left off.`;
  }
  return `\nStopped. Every change made so far is complete on its own: run "${commandLine()}" again to continue where you left off.`;
}

/**
 * One line (a few for missing credentials) on stderr, and the exit code that goes with it. Error
 * messages can hold text from outside (AWS's messages, what was typed, a profile's name): each
 * line is made printable and wrapped to the window.
 */
export function reportError(error: unknown, debug: boolean, io: Pick<IO, 'stderr' | 'columns' | 'isTTY'> = processIO()): number {
  const width = widthFor(io, 'stderr');
  /** One paragraph: any line break in it is shown escaped. */
  const say = (text: string) => io.stderr.write(`${paragraph(width, '', text, 2).value}\n`);
  /** This program's own text of several lines (and a stack trace): each line made printable. */
  const sayLines = (text: string) => io.stderr.write(`${lines(...text.split('\n').map((line) => paragraph(width, '', line, 2))).value}\n`);
  if (debug && error instanceof Error && !(error instanceof UsageError) && !(error instanceof FileProblem)) sayLines(error.stack ?? String(error));
  if (error instanceof UsageError) {
    say(`aws-root-lockdown: ${error.message} (see --help)`);
    return EXIT.usage;
  }
  if (error instanceof FileProblem) {
    say(`aws-root-lockdown: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof NotGranted) {
    say(`aws-root-lockdown: ${error.message}`);
    return EXIT.open;
  }
  if (error instanceof StoppedError || isAbort(error)) {
    sayLines(stoppedText());
    return EXIT.stopped;
  }
  if (error instanceof CredentialProblem) {
    say(error.message);
    return EXIT.noCredentials;
  }
  if (isMissingCredentials(error)) {
    sayLines(noCredentials());
    return EXIT.noCredentials;
  }
  if (error instanceof Error && ('$metadata' in error || 'action' in error)) {
    say(describeAwsError(error));
    return EXIT.aws;
  }
  say(`aws-root-lockdown: unexpected error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)`);
  return EXIT.internal;
}
