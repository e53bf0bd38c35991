// Faults while the wizard waits for a console step: the poll is told of every retry, keeps
// waiting through a fault that lasts, and notices the change once AWS answers again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliPty, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';
import { FAULTS } from '../support/account-proxy.js';

const TEST_TIMEOUT_MS = 90_000;
const OTHER_STEPS = ['password-policy', 'admin-user', 'account-alias', 'admin-sign-in', 'admin-mfa', 'security-contact', 'billing-alert'];

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());

it.each(FAULTS)(
  '%s on every poll of root-mfa: retries are shown, the wait goes on, and the change is seen once AWS answers',
  async (fault) => {
    await account.reset({ accessKeys: false });
    const pty = runCliPty(
      ['--poll-interval', '1', ...OTHER_STEPS.flatMap((s) => ['--skip', s])],
      account.env({ AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS: '1000' }),
    );
    try {
      await pty.waitFor('Waiting for an MFA device on the root user', 60_000);
      account.proxy.injectFault('iam:GetAccountSummary', fault, Infinity);
      await pty.waitFor(/iam:GetAccountSummary: .*; trying again \(attempt 2 of 5\)/, 60_000);
      // The SDK gave up on that check; the poll slows down and keeps waiting.
      await pty.waitFor('checking every', 60_000);
      account.proxy.clearFailures();
      account.proxy.state.mfa = true;
      await pty.waitFor('Done: root has at least one MFA device', 60_000);
      expect((await pty.exited).exitCode).toBe(1); // the other required steps were skipped
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);
