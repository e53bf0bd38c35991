import { AccountReader, scopeOf } from '../aws/account-reader.js';
import type { AwsClients } from '../aws/clients.js';
import type { Connection } from '../aws/connect.js';
import { partitionOf } from '../aws/endpoints.js';
import { whoAmI, type Identity } from '../aws/identity.js';
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

export interface StatusOptions {
  signal: AbortSignal;
  /** Merged into the identity: where the practice console is, in practice mode. */
  identityExtras?: Partial<Identity>;
  /**
   * Asks who is calling on `aws`, moving to the clients of another partition where the
   * credentials belong there (connect.ts `identify`); by default GetCallerIdentity on `aws`.
   */
  identify?: (aws: AwsClients) => Promise<Connection>;
}

/**
 * `status`, two round trips deep whatever the latency: GetCallerIdentity and every account-level
 * read leave together, then the reads about each admin user and each cost budget. The first wave
 * cannot wait for the identity, so the partition (in the AdministratorAccess ARN) is the one the
 * clients are signed for (the configured region's), and the account id (which Budgets needs)
 * comes from the credentials where the SDK's source names it (IAM Identity Center, `aws login`,
 * assumed roles, AWS_ACCOUNT_ID); otherwise Budgets waits for the identity, one round trip more
 * on that path alone. Where the identity says otherwise than a guess, or the credentials belong
 * to another partition (`o.identify` moves the clients), everything is read again.
 */
export async function readStatus(aws: AwsClients, steps: Step[], o: StatusOptions): Promise<StatusReport> {
  // Resolved before the first call anyway (and a missing credential fails here, before any call).
  const { accountId } = await aws.sts.config.credentials();
  const partition = partitionOf(await aws.iam.config.region());
  const identify = o.identify ?? (async (clients: AwsClients) => ({ aws: clients, identity: await whoAmI(clients, o.signal) }));
  const asked = identify(aws);
  const account = accountId ?? scopeOf(asked.then((c) => c.identity)).account;
  const read = startReads(new AccountReader(aws, { partition, account }, o.signal));
  const connected = await asked;
  const identity = { ...connected.identity, ...o.identityExtras };
  const guessedRight =
    connected.aws === aws && identity.partition === partition && (accountId === undefined || accountId === identity.account);
  return collectStatus(identity, guessedRight ? read : startReads(new AccountReader(connected.aws, identity, o.signal)), steps);
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
export async function collectStatus(identity: Identity, read: AccountReader, steps: Step[]): Promise<StatusReport> {
  const shown = steps.filter((s) => s.inStatus);
  const [summary, results] = await Promise.all([
    read.summary().catch(() => undefined),
    Promise.all(shown.map((step) => runCheck(step, { identity, read }, true))),
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
