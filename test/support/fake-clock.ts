import type { Clock } from '../../src/clock.js';

/**
 * Time that passes only when the code sleeps: a sleep advances `now` at once and records its
 * length, so polling tests run instantly and can assert every wait. `onSleep` lets a test change
 * the world "while" the code waits.
 */
export class FakeClock implements Clock {
  nowMs = 0;
  readonly sleeps: number[] = [];
  onSleep?: (ms: number, clock: FakeClock) => void | Promise<void>;

  constructor(private readonly randomValue = 0.5) {}

  now() {
    return this.nowMs;
  }
  random() {
    return this.randomValue;
  }
  async sleep(ms: number, signal: AbortSignal) {
    if (signal.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.nowMs += ms;
    await this.onSleep?.(ms, this);
    // Yield, so a command or abort raced against this sleep gets its turn.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) throw signal.reason;
  }
}
