import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Clock } from '../clock.js';
import { isReportMissing, isReportNotReady } from './aws-error.js';

export interface CredentialReport {
  /** AWS makes a new report at most every 4 hours: this says how old its answers are. */
  generatedAt: Date;
  rows: Record<string, string>[];
}

/** What asking for the report found. */
export interface ReportLookup {
  /** The newest report AWS has; undefined when it has none (or only an expired one). */
  report?: CredentialReport;
  /** A new report was asked for (GenerateCredentialReport) and not waited for: the next run finds it. */
  renewing: boolean;
}

/**
 * AWS makes a new report at most once every four hours and hands out the last one until then
 * (IAM User Guide, "Getting credential reports"): a report this old is worth asking again for.
 */
export const REPORT_RENEWAL_MS = 4 * 3_600_000;

/** How long to wait between asks while AWS makes the report: about 30 s in all. */
const WAITS_MS = [1000, 2000, 4000, 8000, 16000];

/** How the wizard waits for a report: on `clock`, telling the person why (`onWait` returns "done"). */
export interface ReportWait {
  clock: Clock;
  onWait?: (why: string) => () => void;
}

export const REPORT_WAIT_REASON = 'Waiting for AWS to make the credential report, which says when root was last used';

/**
 * The newest report there is, never waiting for one (for `status`): one GetCredentialReport, and
 * when the report is missing, expired or older than four hours (by `nowMs`, wall-clock ms), one
 * GenerateCredentialReport so that the next run finds a new one. A report being made already
 * (ReportInProgress) is left to finish. Only good for "last used" dates: it can be hours old.
 */
export async function newestCredentialReport(iam: IAMClient, nowMs: number, signal: AbortSignal): Promise<ReportLookup> {
  let report: CredentialReport | undefined;
  try {
    report = await getReport(iam, signal);
  } catch (error) {
    if (isReportNotReady(error)) return { renewing: true };
    if (!isReportMissing(error)) throw error;
  }
  if (report && nowMs - report.generatedAt.getTime() < REPORT_RENEWAL_MS) return { report, renewing: false };
  await iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
  return { report, renewing: true };
}

/**
 * A current report, waiting for it when AWS has to make one (for the wizard): asks for a report
 * once (AWS makes one only when its last is over four hours old), then fetches it, asking again
 * with backoff while it is being made, about 30 s in all. `wait.onWait` is told before the first wait.
 */
export async function waitForCredentialReport(iam: IAMClient, wait: ReportWait, signal: AbortSignal): Promise<ReportLookup> {
  await iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
  let waiting: (() => void) | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return { report: await getReport(iam, signal), renewing: false };
      } catch (error) {
        const ms = WAITS_MS[attempt];
        if (ms === undefined || !(isReportNotReady(error) || isReportMissing(error))) throw error;
        waiting ??= wait.onWait?.(REPORT_WAIT_REASON) ?? (() => {});
        await wait.clock.sleep(ms, signal);
      }
    }
  } finally {
    waiting?.();
  }
}

async function getReport(iam: IAMClient, signal: AbortSignal): Promise<CredentialReport> {
  const answer = await iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
  return { generatedAt: answer.GeneratedTime ?? new Date(0), rows: parseCsv(new TextDecoder().decode(answer.Content)) };
}

/** The report is plain CSV: a header row, no quoting (no field holds a comma). */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}
