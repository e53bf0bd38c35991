import type { Clock } from '../clock.js';
import type { OrgClients } from './clients.js';
import { forEachAccount } from './fleet.js';
import { failedReport, managementReport, reachable, readReport, unreachableReport, type MemberReport } from './member-report.js';
import type { Member } from './organization.js';
import { removeRootCredentials } from './removal.js';
import { readRootCredentials } from './root-credentials.js';
import { openRootSession } from './root-session.js';

/** What a sweep over many accounts needs. */
export interface SweepContext {
  clients: OrgClients;
  partition: string;
  managementAccountId: string;
  concurrency: number;
  signal: AbortSignal;
  clock: Clock;
}

/**
 * Splits the chosen accounts: the management account and accounts no root session reaches are
 * reported at once, without a call; the rest are returned for a sweep.
 */
export function triage(ctx: Pick<SweepContext, 'managementAccountId'>, members: readonly Member[], report: (r: MemberReport) => void): Member[] {
  const reachableMembers: Member[] = [];
  for (const m of members) {
    if (m.id === ctx.managementAccountId) report(managementReport(m));
    else if (!reachable(m)) report(unreachableReport(m));
    else reachableMembers.push(m);
  }
  return reachableMembers;
}

/** Audits each member's root in a root session scoped by IAMAuditRootUserCredentials. */
export function auditMembers(ctx: SweepContext, members: readonly Member[], report: (r: MemberReport) => void): Promise<void> {
  return forEachAccount(
    members,
    async (m, signal) => {
      const iam = await openRootSession(ctx.clients, ctx.partition, m.id, 'IAMAuditRootUserCredentials', signal);
      return readReport(m, await readRootCredentials(iam, signal));
    },
    { concurrency: ctx.concurrency, signal: ctx.signal, clock: ctx.clock, failed: (m, error) => failedReport(m, error), onResult: report },
  );
}

/** Removes each member's root credentials in a root session scoped by IAMDeleteRootUserCredentials, and reads them again. */
export function removeFromMembers(ctx: SweepContext, members: readonly Member[], report: (r: MemberReport) => void): Promise<void> {
  return forEachAccount(
    members,
    async (m, signal) => {
      const iam = await openRootSession(ctx.clients, ctx.partition, m.id, 'IAMDeleteRootUserCredentials', signal);
      const { removed, after } = await removeRootCredentials(iam, signal);
      return readReport(m, after, removed);
    },
    { concurrency: ctx.concurrency, signal: ctx.signal, clock: ctx.clock, failed: (m, error) => failedReport(m, error), onResult: report },
  );
}
