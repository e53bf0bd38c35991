import type { RequestTiming } from './account-proxy.js';

/**
 * How many round trips deep each request was: 1 for a request sent before any answer had come
 * back, otherwise one more than the deepest request whose answer had come back before it was
 * sent (it may have waited for that answer). This is an upper bound: a run measured 2 deep is at
 * most 2 deep. With latency added by the proxy, answers come back late enough that a request
 * which did not wait is not taken for one that did. Returned in the order of `timings`.
 */
export function requestDepths(timings: readonly RequestTiming[]): number[] {
  const order = timings.map((_, i) => i).sort((a, b) => timings[a]!.startedAt - timings[b]!.startedAt);
  const depths: number[] = new Array(timings.length).fill(1);
  order.forEach((i, position) => {
    // An answer that came back before this request left belongs to a request that left earlier still.
    for (const j of order.slice(0, position)) {
      const answeredAt = timings[j]!.answeredAt;
      if (answeredAt !== undefined && answeredAt <= timings[i]!.startedAt) depths[i] = Math.max(depths[i]!, depths[j]! + 1);
    }
  });
  return depths;
}

/** The deepest request: how many round trips the run waited for, one after another (0 for no request). */
export const runDepth = (timings: readonly RequestTiming[]) => Math.max(0, ...requestDepths(timings));
