import { isRetryableLater, isThrottling } from '../aws/aws-error.js';
import type { Clock } from '../clock.js';
import type { Waiter } from './ui.js';
import type { CheckResult } from './types.js';

export interface PollOptions {
  check: () => Promise<CheckResult>;
  isDone: (result: CheckResult) => boolean;
  waiter: Waiter;
  clock: Clock;
  signal: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  /** A result the caller got a moment ago: the first check is then skipped, not repeated. */
  lastResult?: CheckResult;
}

export type PollOutcome = { kind: 'done'; result: CheckResult } | { kind: 'skipped' } | { kind: 'timed-out' };

/** Backing off never goes past this, so a slowed-down poll still notices within a minute. */
const MAX_INTERVAL_MS = 60_000;

/**
 * Checks at once, then again every interval (±20% jitter, so many runs never poll in lockstep),
 * doubling the interval while AWS throttles. Never sleeps past the deadline.
 */
export async function pollUntilDone(o: PollOptions): Promise<PollOutcome> {
  const started = o.clock.now();
  const deadline = started + o.timeoutMs;
  let interval = o.intervalMs;
  let fresh = o.lastResult;
  for (;;) {
    try {
      const result = fresh ?? (await o.check());
      fresh = undefined;
      if (o.isDone(result)) return { kind: 'done', result };
      o.waiter.checked(result.detail, o.clock.now() - started);
      interval = o.intervalMs;
    } catch (error) {
      if (!isRetryableLater(error)) throw error;
      interval = Math.min(interval * 2, MAX_INTERVAL_MS);
      const why = isThrottling(error) ? 'AWS asked us to slow down' : 'AWS is not answering properly';
      o.waiter.slowedDown(`${why}; checking every ${Math.round(interval / 1000)} s`);
    }
    const remaining = deadline - o.clock.now();
    if (remaining <= 0) return { kind: 'timed-out' };
    const jittered = interval * (0.8 + 0.4 * o.clock.random());
    const command = await sleepOrCommand(o, Math.min(jittered, remaining));
    if (command === 'skip') return { kind: 'skipped' };
  }
}

async function sleepOrCommand(o: PollOptions, ms: number): Promise<'tick' | 'check' | 'skip'> {
  const round = new AbortController();
  const onAbort = () => round.abort(o.signal.reason);
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([
      o.clock.sleep(ms, round.signal).then(() => 'tick' as const),
      o.waiter.nextCommand(round.signal),
    ]);
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    round.abort();
  }
}
