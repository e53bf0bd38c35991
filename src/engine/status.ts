import type { AccountReader } from '../aws/account-reader.js';
import type { ConsoleLinks } from '../aws/console-links.js';
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
