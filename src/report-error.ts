import { describeAwsError, isAbort, isMissingCredentials } from './aws/aws-error.js';
import { StoppedError, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';

export const NO_CREDENTIALS = `No AWS credentials were found. Any of these works:
  - AWS CloudShell: open it from the AWS console and run this there (it is signed in already).
  - aws login: sign in through your browser (AWS CLI 2.32 or later), then run this again.
  - aws configure sso: set up an IAM Identity Center profile, then pass --profile NAME.
  - --profile NAME: use a profile from ~/.aws/config or ~/.aws/credentials.
  - --practice: practise on a simulated account on this computer, with no AWS account at all.`;

/** One line (a few for missing credentials) on stderr, and the exit code that goes with it. */
export function reportError(error: unknown, debug: boolean): number {
  const say = (text: string) => process.stderr.write(`${text}\n`);
  if (debug && error instanceof Error && !(error instanceof UsageError)) say(error.stack ?? String(error));
  if (error instanceof UsageError) {
    say(`aws-root-lockdown: ${error.message} (see --help)`);
    return EXIT.usage;
  }
  if (error instanceof StoppedError || isAbort(error)) {
    say('\nStopped. Every change made so far is complete on its own: run aws-root-lockdown again to continue where you left off.');
    return EXIT.stopped;
  }
  if (isMissingCredentials(error)) {
    say(NO_CREDENTIALS);
    return EXIT.noCredentials;
  }
  if (error instanceof Error && ('$metadata' in error || 'action' in error)) {
    say(describeAwsError(error));
    return EXIT.aws;
  }
  say(`aws-root-lockdown: unexpected error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)`);
  return EXIT.internal;
}
