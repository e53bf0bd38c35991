import { describe, expect, it } from 'vitest';
import { pollUntilDone } from '../../src/engine/poll.js';
import type { CheckResult } from '../../src/engine/types.js';
import { FakeClock } from '../support/fake-clock.js';
import { ScriptedUI } from '../support/scripted-ui.js';
import { rootMfa } from '../../steps/root-mfa.js';

const fail: CheckResult = { status: 'fail', detail: 'not yet' };
const pass: CheckResult = { status: 'pass', detail: 'done' };

function setup(results: (CheckResult | Error)[], random = 0.5) {
  const clock = new FakeClock(random);
  const ui = new ScriptedUI();
  let calls = 0;
  const check = async () => {
    const next = results[Math.min(calls++, results.length - 1)]!;
    if (next instanceof Error) throw next;
    return next;
  };
  const options = {
    check,
    isDone: (r: CheckResult) => r.status === 'pass',
    waiter: ui.waiting(rootMfa, rootMfa.waitingFor),
    clock,
    signal: new AbortController().signal,
    intervalMs: 5000,
    timeoutMs: 60_000,
  };
  return { clock, ui, options, calls: () => calls };
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });

describe('pollUntilDone', () => {
  it('checks at once and returns without sleeping when already done', async () => {
    const { clock, options, calls } = setup([pass]);
    expect(await pollUntilDone(options)).toEqual({ kind: 'done', result: pass });
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('waits the interval between checks and reports each one to the waiter', async () => {
    const { clock, ui, options, calls } = setup([fail, fail, pass]);
    expect((await pollUntilDone(options)).kind).toBe('done');
    expect(calls()).toBe(3);
    expect(clock.sleeps).toEqual([5000, 5000]);
    expect(ui.of('checked').map((e) => e.detail)).toEqual(['not yet', 'not yet']);
  });

  it('spreads checks with ±20% jitter', async () => {
    const low = setup([fail, pass], 0);
    await pollUntilDone(low.options);
    const high = setup([fail, pass], 0.999);
    await pollUntilDone(high.options);
    expect(low.clock.sleeps[0]).toBe(4000);
    expect(high.clock.sleeps[0]).toBeCloseTo(6000, -1);
  });

  it('doubles the interval while throttled, says so, and returns to normal after', async () => {
    const { clock, ui, options } = setup([throttled(), throttled(), fail, pass]);
    expect((await pollUntilDone(options)).kind).toBe('done');
    expect(clock.sleeps).toEqual([10_000, 20_000, 5000]);
    expect(ui.of('slowed')).toHaveLength(2);
  });

  it('never sleeps past the deadline and reports a timeout', async () => {
    const { clock, options } = setup([fail]);
    const outcome = await pollUntilDone({ ...options, timeoutMs: 12_000 });
    expect(outcome.kind).toBe('timed-out');
    expect(clock.sleeps).toEqual([5000, 5000, 2000]);
    expect(clock.now()).toBe(12_000);
  });

  it('checks again at once when asked, and stops when told to skip', async () => {
    const { ui, options, calls } = setup([fail]);
    ui.waitCommands.push('check', 'check', 'skip');
    expect(await pollUntilDone(options)).toEqual({ kind: 'skipped' });
    expect(calls()).toBe(3);
  });

  it('lets a non-retryable error through', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDenied' });
    const { options } = setup([denied]);
    await expect(pollUntilDone(options)).rejects.toThrow('no');
  });

  it('stops with the abort reason when the run is stopped mid-wait', async () => {
    const { clock, options } = setup([fail]);
    const controller = new AbortController();
    clock.onSleep = () => controller.abort(new Error('stopped by test'));
    await expect(pollUntilDone({ ...options, signal: controller.signal })).rejects.toThrow('stopped by test');
  });
});

describe('pollUntilDone after a fresh check', () => {
  it('does not repeat the check it was handed, but waits first', async () => {
    const { clock, options, calls } = setup([pass]);
    expect((await pollUntilDone({ ...options, lastResult: fail })).kind).toBe('done');
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([5000]);
  });
});
