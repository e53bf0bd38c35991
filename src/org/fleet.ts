import pLimit from 'p-limit';
import { isAbort, isRetryableLater } from '../aws/aws-error.js';
import type { Clock } from '../clock.js';

export interface FleetOptions<T, R> {
  /** Accounts worked on at once. Each account's calls are made one after another, so this also bounds the requests in flight. */
  concurrency: number;
  signal: AbortSignal;
  clock: Clock;
  /** The result for an account whose work failed for good: reported, and the others carry on. */
  failed(item: T, error: unknown): R;
  /** Each account's result, as soon as it is known (completion order). */
  onResult(result: R): void;
  /** Told when an account waits before trying again, with the wait in ms. */
  onBackoff?(item: T, waitMs: number, error: unknown): void;
}

/**
 * Tries per account, on top of the SDK's own five attempts per call: AssumeRoot is rate-limited
 * across the organization, and a burst of throttling can outlast the SDK's backoff. Each account
 * then waits 2, 4, 8 s (with jitter) before starting over; after that it is reported with the reason.
 */
export const ACCOUNT_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 2_000;

/**
 * Runs `work` for every item, at most `concurrency` at a time, and reports each result as it comes.
 * A failure in one account never stops the others: throttling and passing faults are tried again
 * with backoff, anything else (or what still fails) becomes `failed(item, error)`. Only stopping
 * the run (the signal) ends it early: the accounts not started are not started, and it throws.
 */
export async function forEachAccount<T, R>(items: readonly T[], work: (item: T, signal: AbortSignal) => Promise<R>, options: FleetOptions<T, R>): Promise<void> {
  const limit = pLimit(options.concurrency);
  const { signal, clock } = options;

  async function attempt(item: T): Promise<R> {
    for (let tries = 1; ; tries++) {
      try {
        return await work(item, signal);
      } catch (error) {
        if (signal.aborted || isAbort(error)) throw signal.reason ?? error;
        if (!isRetryableLater(error) || tries >= ACCOUNT_ATTEMPTS) return options.failed(item, error);
        const waitMs = BACKOFF_BASE_MS * 2 ** (tries - 1) * (0.5 + clock.random());
        options.onBackoff?.(item, waitMs, error);
        await clock.sleep(waitMs, signal);
      }
    }
  }

  // Once stopped, each queued account starts only to end at once: no account is begun after Ctrl-C.
  const run = async (item: T) => {
    if (signal.aborted) throw signal.reason;
    options.onResult(await attempt(item));
  };
  const settled = await Promise.allSettled(items.map((item) => limit(run, item)));
  if (signal.aborted) throw signal.reason;
  const bug = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (bug) throw bug.reason;
}
