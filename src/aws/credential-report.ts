import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Clock } from '../clock.js';
import { isReportNotReady } from './aws-error.js';

export interface CredentialReport {
  /** AWS makes a new report at most every 4 hours: this says how old its answers are. */
  generatedAt: Date;
  rows: Record<string, string>[];
}

/** How long to wait between asks while AWS makes the report: about 30 s in all. */
const WAITS_MS = [1000, 2000, 4000, 8000, 16000];

/**
 * Asks for a report once, then fetches it, waiting with backoff while it is being made. Only good
 * for "last used" dates: it can be hours old, so it never confirms a change made minutes ago.
 */
export async function fetchCredentialReport(iam: IAMClient, clock: Clock, signal: AbortSignal): Promise<CredentialReport> {
  await iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
      return { generatedAt: answer.GeneratedTime ?? new Date(0), rows: parseCsv(new TextDecoder().decode(answer.Content)) };
    } catch (error) {
      const wait = WAITS_MS[attempt];
      if (wait === undefined || !isReportNotReady(error)) throw error;
      await clock.sleep(wait, signal);
    }
  }
}

/** The report is plain CSV: a header row, no quoting (no field holds a comma). */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}
