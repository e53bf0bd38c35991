import { AccountReader } from '../aws/account-reader.js';
import type { AwsClients } from '../aws/clients.js';
import { connect as connectToAws } from '../aws/connect.js';
import type { Identity } from '../aws/identity.js';
import type { RetryListener } from '../aws/retries.js';
import type { Options } from '../args.js';
import { awsConsoleLinks } from '../aws/console-links.js';
import type { ConsolePort } from '../engine/console.js';
import type { PracticeSession } from '../practice/session.js';
import type { RunContext } from './context.js';

/** An account reached: its clients, who is calling, its console, and a reader with nothing cached for each check. */
export interface Session {
  aws: AwsClients;
  identity: Identity;
  /** AWS's console for the caller's partition, or the practice console. */
  console: ConsolePort;
  newReader(): AccountReader;
  /** Who hears of a retried call: a line on stderr until the wizard's interface takes over. */
  onRetry(listener: RetryListener): void;
}

/** Builds the SDK clients once (for the practice account when given) and asks AWS who is calling. */
export async function openSession(options: Options, context: RunContext, practice?: PracticeSession): Promise<Session> {
  let onRetry: RetryListener = (notice) => context.io.stderr.write(`${notice}\n`);
  const clientOptions = practice
    ? practice.clientOptions
    : { profile: options.profile, region: options.region, mfaCodeProvider: mfaCodeProvider(context) };
  const { aws, identity } = await connectToAws({ ...clientOptions, onRetry: () => onRetry }, context.signal);
  return {
    aws,
    identity,
    console: practice ? practice.console : { links: awsConsoleLinks(identity.partition) },
    newReader: () => new AccountReader(aws, identity, context.signal),
    onRetry: (listener) => void (onRetry = listener),
  };
}

/** At a terminal, a role profile's MFA code is asked for (on stderr); without one it cannot be. The org command's too. */
export function mfaCodeProvider(context: RunContext) {
  if (!context.io.isTTY.stdin || !context.io.isTTY.stderr) return undefined;
  return async (serial: string) => (await import('../ui/mfa-prompt.js')).askMfaCode(context.io, serial, context.signal, context.stop);
}
