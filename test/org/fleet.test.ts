// The machinery that runs many accounts: bounded concurrency, backoff on throttling, one account's
// failure kept to itself, and Ctrl-C. In-process with a fake clock; the AWS path is in throttling below.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ATTEMPTS, forEachAccount } from '../../src/org/fleet.js';
import { runOrgInProcess } from '../support/org/run-org.js';
import { useTestOrg } from '../support/org/test-org.js';
import { FakeClock } from '../support/fake-clock.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
const tick = () => new Promise((r) => setImmediate(r));

function run(items: number[], work: (n: number) => Promise<string>, o: { concurrency?: number; signal?: AbortSignal; clock?: FakeClock } = {}) {
  const results: string[] = [];
  const clock = o.clock ?? new FakeClock();
  const done = forEachAccount(items, work, {
    concurrency: o.concurrency ?? 3,
    signal: o.signal ?? new AbortController().signal,
    clock,
    failed: (n, error) => `${n}: failed (${(error as Error).name})`,
    onResult: (r) => results.push(r),
  });
  return { results, clock, done };
}

describe('forEachAccount', () => {
  it('never works on more accounts at once than the limit, and reports every one', async () => {
    let running = 0;
    let most = 0;
    const { results, done } = run(
      Array.from({ length: 40 }, (_, i) => i),
      async (n) => {
        most = Math.max(most, ++running);
        for (let i = 0; i < n % 4; i++) await tick();
        running -= 1;
        return `${n}: ok`;
      },
      { concurrency: 7 },
    );
    await done;
    expect(most).toBe(7);
    expect(results).toHaveLength(40);
  });

  it('an account AWS throttles waits longer each time and is tried again; one still throttled is reported, not lost', async () => {
    const tries = new Map<number, number>();
    const { results, clock, done } = run([1, 2], async (n) => {
      tries.set(n, (tries.get(n) ?? 0) + 1);
      if (n === 2 || tries.get(n)! < 3) throw throttled();
      return `${n}: ok`;
    });
    await done;
    expect(results.sort()).toEqual(['1: ok', '2: failed (Throttling)']);
    expect(tries.get(2)).toBe(ACCOUNT_ATTEMPTS);
    // 2, 4, 8 s (jitter 0.5 + 0.5 = 1×): account 1 waited twice, account 2 three times.
    expect(clock.sleeps.sort((a, b) => a - b)).toEqual([2000, 2000, 4000, 4000, 8000]);
  });

  it('a failure that is not passing is reported at once, and the others carry on', async () => {
    const { results, clock, done } = run([1, 2, 3], async (n) => {
      if (n === 2) throw Object.assign(new Error('no'), { name: 'AccessDenied' });
      return `${n}: ok`;
    });
    await done;
    expect(results.sort()).toEqual(['1: ok', '2: failed (AccessDenied)', '3: ok']);
    expect(clock.sleeps).toEqual([]);
  });

  it('stopping starts no further account and rejects with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const { done } = run(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort(new Error('stopped'));
        await tick();
        return `${n}: ok`;
      },
      { concurrency: 2, signal: controller.signal },
    );
    await expect(done).rejects.toThrow('stopped');
    expect(started).toEqual([1, 2]);
  });
});

describe('throttled AssumeRoot, end to end', () => {
  const t = useTestOrg();

  it('with a third of the AssumeRoot calls throttled, every member is still reported with its verdict', async () => {
    const members = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i}`, { root: i % 2 ? { password: true } : {} }]));
    await t.reset({ members });
    t.extension.throttleFraction = 0.34;
    const { stdout, code } = await runOrgInProcess(t, ['status', '--json', '--concurrency', '4']);
    const report = JSON.parse(stdout) as { accounts: { verdict: string }[]; summary: Record<string, number> };
    expect(report.summary).toEqual({ locked: 6, open: 6, unknown: 0, notApplicable: 1 });
    expect(t.proxy.count('sts:AssumeRoot')).toBeGreaterThan(12);
    expect(t.extension.maxInFlight).toBeLessThanOrEqual(4);
    expect(code).toBe(1);
  }, 60_000);
});
