// Faults from AWS on every write of every automated step: each run either gets through on the
// SDK's retries (and says it is retrying) or stops with one line and exit 3; a re-run then
// converges to the account a run without faults leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';
import { FAULTS, type Fault } from '../support/account-proxy.js';
import { accountState, FULL_RUN_FLAGS, FULL_RUN_PASSWORD, FULL_RUN_WRITES } from './full-run.js';

const TEST_TIMEOUT_MS = 90_000;
/** A stalled call times out after 1 s here, not 15 s. */
const FAST_TIMEOUT = { AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS: '1000' };

let account: E2EAccount;
let clean: unknown;
beforeAll(async () => {
  account = await startE2EAccount();
  await account.reset({ mfa: true, accessKeys: false });
  const result = await fullRun();
  expect(result.code).toBe(1);
  clean = await accountState(account);
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());

const fullRun = () => runCli(FULL_RUN_FLAGS, account.env(FAST_TIMEOUT), `${FULL_RUN_PASSWORD}\n`);

// PutAlternateContact's answer has no body for a fault to garble: the SDK never reads it.
const cases = FULL_RUN_WRITES.flatMap((action) => FAULTS.map((fault) => ({ action, fault }))).filter(
  (c) => !(c.fault === 'malformed' && c.action === 'account:PutAlternateContact'),
);

/** The permission a message names: Budgets groups its operations under one. */
const permission = (action: string) => (action === 'budgets:CreateBudget' ? 'budgets:ModifyBudget' : action);

describe.each(cases)('$fault on $action', ({ action, fault }: { action: string; fault: Fault }) => {
  it(
    'once: the retry gets through, the person is told, and the account ends as without the fault',
    async () => {
      await account.reset({ mfa: true, accessKeys: false });
      account.proxy.injectFault(action, fault, 1);
      const result = await fullRun();
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`${permission(action)}: .*; trying again \\(attempt 2 of 5\\)`));
      expect(result.code).toBe(1);
      expect(await accountState(account)).toEqual(clean);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'for good: the run stops with one line naming the call, exit 3; the re-run converges',
    async () => {
      await account.reset({ mfa: true, accessKeys: false });
      account.proxy.injectFault(action, fault, Infinity);
      const stopped = await fullRun();
      expect(stopped.code).toBe(3);
      expect(stopped.stderr.trim().split('\n')).toHaveLength(1);
      expect(stopped.stderr).toMatch(new RegExp(`^${permission(action)} failed: `));
      account.proxy.clearFailures();
      const again = await fullRun();
      expect(again.code).toBe(1);
      expect(await accountState(account)).toEqual(clean);
    },
    TEST_TIMEOUT_MS,
  );
});
