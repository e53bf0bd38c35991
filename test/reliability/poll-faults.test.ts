// Faults while the wizard waits for a console step, in-process: the product's SDK clients (five
// attempts, each retry told) with no backoff between attempts, the engine's poll on a fake clock.
// Each fault lasts through a whole check: the SDK gives up, the poll says it slows down and keeps
// waiting, and it notices the change once AWS answers again. faults.test.ts has the spawned case.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { rootMfa } from '../../steps/root-mfa.js';
import { FAULTS } from '../support/account-proxy.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEFAULT_ROOT, retryingClients, runSteps, startTestAccount, type TestAccount } from '../support/test-account.js';

const notices: string[] = [];
let account: TestAccount;

beforeAll(async () => {
  account = await startTestAccount();
}, 60_000);
afterAll(() => account?.close());

// The tests change only the proxy's root state: moto needs no reset.
beforeEach(() => {
  notices.length = 0;
  account.proxy.state = { ...DEFAULT_ROOT, signedIn: new Set(), accessKeys: false };
  account.proxy.resetCounts();
  account.proxy.clearFailures();
});

it.each(FAULTS)(
  '%s on every poll of root-mfa: each retry is told, the poll slows down and keeps waiting, and sees the change once AWS answers',
  async (fault) => {
    const clock = new FakeClock();
    clock.onSleep = () => {
      // After the first check: AWS starts failing. After the check that failed: it recovers, with MFA on.
      if (clock.sleeps.length === 1) account.proxy.injectFault('iam:GetAccountSummary', fault, Infinity);
      if (clock.sleeps.length === 2) {
        account.proxy.clearFailures();
        account.proxy.state.mfa = true;
      }
    };
    const aws = await retryingClients(notices, { stall: fault === 'stall' });
    const { ui, outcomes } = await runSteps(account, [rootMfa], {}, { clock, aws });
    expect(outcomes).toEqual(['done']);
    // The failed check: four retries, each told, then the poll doubles its 5 s interval.
    expect(notices.filter((n) => n.startsWith('iam:GetAccountSummary: ')).map((n) => /attempt \d of 5/.exec(n)![0])).toEqual(
      ['attempt 2 of 5', 'attempt 3 of 5', 'attempt 4 of 5', 'attempt 5 of 5'],
    );
    expect(ui.of('slowed').map((e) => e.reason)).toEqual([
      `${fault === 'throttling' ? 'AWS asked us to slow down' : 'AWS is not answering properly'}; checking every 10 s`,
    ]);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]).toBeGreaterThan(clock.sleeps[0]!);
  },
);
