import { awsAction, describeAwsError, errorName, isAccessDenied, isThrottling } from '../aws/aws-error.js';
import { grantHelps, parseDenial } from '../aws/denial.js';
import { singleAccountCommand } from './commands.js';
import type { Member } from './organization.js';
import { isLocked, remaining, type RootCredentials } from './root-credentials.js';

/**
 * A member's root, in one word: `locked` (no root credentials at all), `open` (what remains is
 * listed), `unknown` (it could not be read; the reason says why), `not-applicable` (the
 * management account, whose root cannot be managed centrally).
 */
export type Verdict = 'locked' | 'open' | 'unknown' | 'not-applicable';

export interface MemberReport {
  id: string;
  name: string;
  /** Organizations' `State` of the account. */
  state: string | undefined;
  verdict: Verdict;
  /** What root holds, when it could be read. */
  root?: RootCredentials;
  /** What this run removed, in words ("the root password", "access key AKIA…"). */
  removed?: string[];
  /** Why the verdict: what remains, why it is unknown, or what to do. */
  detail: string;
}

/** Accounts a root session can reach. The others are reported without asking AWS. */
export const reachable = (m: Pick<Member, 'state'>) => m.state === undefined || m.state === 'ACTIVE';

export const managementDetail = () =>
  `the management account: its root cannot be managed centrally; lock it with the single-account wizard (${singleAccountCommand()})`;

export function managementReport(m: Member): MemberReport {
  return { id: m.id, name: m.name, state: m.state, verdict: 'not-applicable', detail: managementDetail() };
}

export function unreachableReport(m: Member): MemberReport {
  const closed = m.state === 'SUSPENDED' || m.state === 'PENDING_CLOSURE' || m.state === 'CLOSED';
  const detail = closed
    ? `the account is ${m.state?.toLowerCase().replace('_', ' ')} (closed): no root session reaches it`
    : `the account is ${m.state?.toLowerCase().replace('_', ' ')}: run again once it is active`;
  return { id: m.id, name: m.name, state: m.state, verdict: 'unknown', detail };
}

export function readReport(m: Member, root: RootCredentials, removed?: string[]): MemberReport {
  const locked = isLocked(root);
  const detail = locked ? 'no root credentials' : remaining(root);
  return { id: m.id, name: m.name, state: m.state, verdict: locked ? 'locked' : 'open', root, ...(removed ? { removed } : {}), detail };
}

/** Why an account could not be read or changed, for a person: which call, and what stops it. */
export function failureDetail(error: unknown): string {
  const action = awsAction(error) ?? 'An AWS call';
  const message = String((error as { message?: unknown })?.message ?? '');
  if (isThrottling(error)) return `${action}: AWS kept throttling the requests (sts:AssumeRoot is rate-limited across the organization); run again later`;
  const denial = isAccessDenied(error) ? parseDenial(message) : undefined;
  if (denial?.source === 'service control policy') {
    return `${action} was denied by a service control policy: it blocks root sessions in this account (an SCP that denies root must exempt aws:AssumedRoot)`;
  }
  if (denial && grantHelps(denial) && action === 'sts:AssumeRoot') {
    return 'sts:AssumeRoot was denied: the identity you use needs sts:AssumeRoot for this task policy (see policies/org-*.json), and root sessions must be on';
  }
  if (errorName(error).startsWith('RegionDisabled')) return `${action}: STS is not active in this region for the account; use --region with a region it has enabled`;
  return describeAwsError(error);
}

export function failedReport(m: Member, error: unknown): MemberReport {
  return { id: m.id, name: m.name, state: m.state, verdict: 'unknown', detail: failureDetail(error) };
}

export interface Tally {
  locked: number;
  open: number;
  unknown: number;
  notApplicable: number;
}

export const emptyTally = (): Tally => ({ locked: 0, open: 0, unknown: 0, notApplicable: 0 });

export function count(tally: Tally, report: MemberReport): void {
  if (report.verdict === 'not-applicable') tally.notApplicable += 1;
  else tally[report.verdict] += 1;
}

/** The run is done when no active member is open or unreadable; closed accounts and the management account do not count. */
export const settles = (report: MemberReport) => report.verdict === 'locked' || report.verdict === 'not-applicable' || !reachable(report);
