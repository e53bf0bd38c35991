// @module-tag e2e
// @module-tag slow
// Faults from AWS on each write of a full run of the built CLI, one case per write: a fault that
// lasts stops the run with one line and exit 3 after the retries it told of; the re-run, whose
// answer to that write arrives garbled once (the write made, the program not told), gets through
// and converges to the account a run without faults leaves. Each fault kind meets the retry
// mechanism in-process, both ways, in retries.test.ts (and while polling, in poll-faults.test.ts);
// here it goes through the binary, with the SDK's real backoff, and once in a terminal while polling.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, runCliPty, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';
import type { Fault } from '../support/account-proxy.js';
import { accountState, FULL_RUN_FLAGS, FULL_RUN_PASSWORD, FULL_RUN_WRITES } from './full-run.js';

const TEST_TIMEOUT_MS = 120_000;
/** A run that meets a stall gives up on a call after 5 s, not 15 s: still ample for any other call on a busy machine. */
const STALL_TIMEOUT = { AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS: '5000' };

/**
 * The fault that stops each write, and the one its re-run meets once. Every kind that can last is
 * used; throttling (its backoff is the longest, 1 s base) and a stall (five timeouts) once only.
 * PutAlternateContact's answer has no body for a fault to garble: the SDK never reads it.
 */
const CASES: { action: string; forGood: Fault; onRerun: Fault }[] = [
  { action: 'iam:CreateUser', forGood: 'http-500', onRerun: 'malformed' },
  { action: 'iam:CreateLoginProfile', forGood: 'http-503', onRerun: 'malformed' },
  { action: 'iam:CreateGroup', forGood: 'reset', onRerun: 'malformed' },
  { action: 'iam:AttachGroupPolicy', forGood: 'stall', onRerun: 'malformed' },
  { action: 'iam:AddUserToGroup', forGood: 'throttling', onRerun: 'malformed' },
  { action: 'iam:UpdateAccountPasswordPolicy', forGood: 'http-500', onRerun: 'malformed' },
  { action: 'iam:CreateAccountAlias', forGood: 'http-503', onRerun: 'malformed' },
  { action: 'account:PutAlternateContact', forGood: 'reset', onRerun: 'stall' },
  { action: 'budgets:CreateBudget', forGood: 'http-500', onRerun: 'malformed' },
];

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

const fullRun = (fault?: Fault) => runCli(FULL_RUN_FLAGS, account.env(fault === 'stall' ? STALL_TIMEOUT : {}), `${FULL_RUN_PASSWORD}\n`);

/** The permission a message names: Budgets groups its operations under one. */
const permission = (action: string) => (action === 'budgets:CreateBudget' ? 'budgets:ModifyBudget' : action);
const retried = (action: string, attempt: number) => `${permission(action)}: ` + `[^\\n]*; trying again \\(attempt ${attempt} of 5\\)`;

it('covers every write of the full run', () => {
  expect(CASES.map((c) => c.action)).toEqual(FULL_RUN_WRITES);
});

it.each(CASES)(
  '$action: $forGood for good stops the run in one line (exit 3); the re-run meets $onRerun once and converges',
  async ({ action, forGood, onRerun }) => {
    await account.reset({ mfa: true, accessKeys: false });
    account.proxy.injectFault(action, forGood, Infinity);
    const stopped = await fullRun(forGood);
    expect(stopped.code).toBe(3);
    expect(stopped.stderr.trim().split('\n'), stopped.stderr).toHaveLength(1);
    expect(stopped.stderr).toMatch(new RegExp(`^${permission(action)} failed: `));
    // The person saw every retry before the run gave up.
    for (const attempt of [2, 3, 4, 5]) expect(stopped.stdout).toMatch(new RegExp(retried(action, attempt)));

    account.proxy.clearFailures();
    account.proxy.injectFault(action, onRerun, 1);
    const again = await fullRun(onRerun);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(new RegExp(retried(action, 2)));
    expect(again.code).toBe(1);
    expect(await accountState(account)).toEqual(clean);
  },
  TEST_TIMEOUT_MS,
);

const OTHER_STEPS = ['password-policy', 'admin-user', 'account-alias', 'admin-sign-in', 'admin-mfa', 'security-contact', 'billing-alert'];

it(
  'http-503 on every poll of root-mfa, in a terminal: the retries are shown, the wait goes on, and the change is seen once AWS answers',
  async () => {
    await account.reset({ accessKeys: false });
    const pty = runCliPty(['--poll-interval', '1', ...OTHER_STEPS.flatMap((s) => ['--skip', s])], account.env());
    try {
      await pty.waitFor('Waiting for an MFA device on the root user', 60_000);
      account.proxy.injectFault('iam:GetAccountSummary', 'http-503', Infinity);
      // One status line that changes: a notice replaced before the next frame is never drawn, so any attempt will do.
      await pty.waitFor(/iam:GetAccountSummary: AWS answered HTTP 503; trying again \(attempt [2-5] of 5\)/, 60_000);
      // The SDK gave up on that check; the poll slows down and keeps waiting.
      await pty.waitFor('checking every 2 s', 60_000);
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
