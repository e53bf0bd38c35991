import { AccountReader, scopeOf } from '../aws/account-reader.js';
import type { AwsClients } from '../aws/clients.js';
import type { ConsoleLinks } from '../aws/console-links.js';
import { partitionOf } from '../aws/endpoints.js';
import type { Identity } from '../aws/identity.js';
import { isSettled, runCheck } from './check.js';
import type { CheckStatus, Step } from './types.js';

export interface StatusReport {
  account: string;
  partition: string;
  caller: { arn: string; isRoot: boolean };
  summary: { RootMFA: number | null; RootKeys: number | null; Users: number | null; MFADevices: number | null } | null;
  checks: { id: string; title: string; status: CheckStatus; detail: string; required: boolean }[];
  ok: boolean;
}

/** Who is calling, on which clients: what GetCallerIdentity tells, with more a caller may carry (a session). */
export interface Caller {
  aws: AwsClients;
  identity: Identity;
}

/**
 * `status`'s reads, two round trips deep whatever the latency: GetCallerIdentity (`identify`) and
 * every account-level read leave together, then the reads about each admin user and each cost
 * budget. The first wave cannot wait for the identity, so the partition (in the AdministratorAccess
 * ARN) is the one `clients` are signed for (the configured region's), and the account id (which
 * Budgets needs) comes from the credentials where the SDK's source names it (IAM Identity Center,
 * `aws login`, assumed roles, AWS_ACCOUNT_ID); otherwise Budgets waits for the identity, one round
 * trip more on that path alone. Where the identity says otherwise, or `identify` moved to the
 * clients of another partition (connect.ts), everything is read again on what it found.
 * Resolves with the caller and the reader to run the checks on (collectStatus).
 */
export async function readInTwoWaves<C extends Caller>(clients: AwsClients, identify: () => Promise<C>, signal: AbortSignal): Promise<{ caller: C; read: AccountReader }> {
  // Resolved before the first call anyway (and a missing credential fails here, before any call).
  const { accountId } = await clients.sts.config.credentials();
  const partition = partitionOf(await clients.iam.config.region());
  const asked = identify();
  const account = accountId ?? scopeOf(asked.then((c) => c.identity)).account;
  const read = startReads(new AccountReader(clients, { partition, account }, signal));
  const caller = await asked;
  const { identity } = caller;
  const guessedRight = caller.aws === clients && identity.partition === partition && (accountId === undefined || accountId === identity.account);
  return { caller, read: guessedRight ? read : startReads(new AccountReader(caller.aws, identity, signal)) };
}

/**
 * Starts every read the status checks make, so none waits for another it does not need: the
 * account-level reads now, and each admin's console access and MFA devices as soon as the admins
 * are known. The checks then find their answers asked for already (a reader asks AWS once).
 */
function startReads(read: AccountReader): AccountReader {
  const reads: Promise<unknown>[] = [
    read.summary(),
    read.passwordPolicy(),
    read.accountAlias(),
    read.virtualMfaDevices(),
    read.credentialReport(),
    read.securityContact(),
    read.costBudgets(),
    read.adminHolders().then(({ users }) => Promise.all(users.flatMap((u) => [read.hasConsoleAccess(u), read.mfaDevices(u)]))),
  ];
  // A read that fails is reported by the check that needs it.
  for (const reading of reads) reading.catch(() => {});
  return read;
}

/** Every status check at once on one reader, so shared reads (the account summary) happen once. */
export async function collectStatus(identity: Identity, read: AccountReader, steps: Step[], console: ConsoleLinks): Promise<StatusReport> {
  const shown = steps.filter((s) => s.inStatus);
  const [summary, results] = await Promise.all([
    read.summary().catch(() => undefined),
    Promise.all(shown.map((step) => runCheck(step, { identity, read, run: {}, console }, true))),
  ]);
  const checks = shown.map((step, i) => ({ id: step.id, title: step.title, required: step.required, ...results[i]! }));
  return {
    account: identity.account,
    partition: identity.partition,
    caller: { arn: identity.arn, isRoot: identity.isRoot },
    summary: summary
      ? {
          RootMFA: summary.AccountMFAEnabled ?? null,
          RootKeys: summary.AccountAccessKeysPresent ?? null,
          Users: summary.Users ?? null,
          MFADevices: summary.MFADevices ?? null,
        }
      : null,
    checks,
    ok: checks.every((c) => !c.required || isSettled(c)),
  };
}

/** Nothing could be read: not one check got an answer. */
export const nothingReadable = (report: StatusReport) => report.checks.every((c) => c.status === 'unknown');
