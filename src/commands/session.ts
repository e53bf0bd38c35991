import { AccountReader, scopeOf } from '../aws/account-reader.js';
import { createClients, type AwsClients } from '../aws/clients.js';
import { identify, withCredentials } from '../aws/connect.js';
import type { ReportWait } from '../aws/credential-report.js';
import type { Identity } from '../aws/identity.js';
import type { RetryListener } from '../aws/retries.js';
import type { Options } from '../args.js';
import type { IO } from '../io.js';
import { awsConsoleLinks } from '../aws/console-links.js';
import type { ConsolePort } from '../engine/console.js';
import type { PracticeSession } from '../practice/session.js';
import { describePracticeAccount } from './practice-account.js';
import type { RunContext } from './context.js';

/** An account reached: its clients, who is calling, its console, and a reader with nothing cached for each check. */
export interface Session {
  aws: AwsClients;
  identity: Identity;
  /** AWS's console for the caller's partition, or the practice console. */
  console: ConsolePort;
  /** Practice mode: where the practice account is kept, in one line for the banner. */
  practiceAccount?: string;
  /** With `wait`, the reader waits for a credential report AWS is making (the wizard); without, never (status). */
  newReader(wait?: ReportWait): AccountReader;
  /** Who hears of a retried call: a paragraph on stderr until the wizard's interface takes over. */
  onRetry(listener: RetryListener): void;
}

/** An account being reached: the clients exist, GetCallerIdentity has not been asked yet. */
export interface Connecting {
  /** Signed for the configured region's partition: for the reads that need no identity, sent with GetCallerIdentity. */
  clients: AwsClients;
  /** Asks who is calling, on these clients or on those of the partition the credentials belong to (connect.ts). */
  identify(): Promise<Session>;
}

/** Builds the SDK clients once (for the practice account when given); who is calling is asked by `identify`. */
export async function startSession(options: Options, context: RunContext, practice?: PracticeSession): Promise<Connecting> {
  let onRetry = retryOnStderr(context.io);
  const clientOptions = practice
    ? practice.clientOptions
    : { profile: options.profile, region: options.region, mfaCodeProvider: mfaCodeProvider(context) };
  const shared = withCredentials({ ...clientOptions, onRetry: () => onRetry });
  const clients = await createClients(shared);
  return {
    clients,
    async identify() {
      const { aws, identity } = await identify(clients, shared, context.signal);
      return {
        aws,
        identity,
        console: practice ? practice.console : { links: awsConsoleLinks(identity.partition) },
        practiceAccount: practice && describePracticeAccount(practice.where),
        newReader: (wait) => new AccountReader(aws, identity, context.signal, wait),
        onRetry: (listener) => void (onRetry = listener),
      };
    },
  };
}

/**
 * The wizard's session. Its first check (root MFA) reads the account summary, which needs no
 * identity: it is asked for together with GetCallerIdentity, and the first reader handed out has
 * it, a round trip sooner (unless the clients moved to another partition). That reader never
 * waits for a credential report; no first step reads one.
 */
export async function openSession(connecting: Connecting, signal: AbortSignal): Promise<Session> {
  const asked = connecting.identify();
  let first: AccountReader | undefined = new AccountReader(connecting.clients, scopeOf(asked.then((s) => s.identity)), signal);
  first.summary().catch(() => {}); // a failure is the first check's to report
  const session = await asked;
  if (session.aws !== connecting.clients) return session;
  return {
    ...session,
    newReader(wait) {
      const reader = first ?? session.newReader(wait);
      first = undefined;
      return reader;
    },
  };
}

/**
 * A retried call before the wizard's interface takes over, and all through status: one paragraph
 * on stderr, made printable and wrapped to the window as reportError's are. The layout
 * (string-width, slow to load) is loaded at the first retry, not at start-up: `status --json`
 * lays nothing out otherwise.
 */
function retryOnStderr(io: IO): RetryListener {
  return async (notice) => {
    const { paragraph, widthFor } = await import('../ui/layout.js');
    io.stderr.write(`${paragraph(widthFor(io, 'stderr'), '', notice, 2).value}\n`);
  };
}

/** At a terminal, a role profile's MFA code is asked for (on stderr); without one it cannot be. The org command's too. */
export function mfaCodeProvider(context: RunContext) {
  if (!context.io.isTTY.stdin || !context.io.isTTY.stderr) return undefined;
  return async (serial: string) => (await import('../ui/mfa-prompt.js')).askMfaCode(context.io, serial, context.signal, context.stop);
}
