// Re-running on a finished account proves every step and changes nothing.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  WRITE,
  adminState,
  exitCode,
  finishAccount,
  runCli,
  runCliPty,
  startE2EAccount,
  writeCalls,
  type E2EAccount,
} from './helpers.js';

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());
beforeEach(async () => {
  await account.reset();
  await finishAccount(account, 'admin');
});

const STEPS = [
  ['[1/5] Turn on MFA for the root user (root-mfa)', '✔ Already done: root has at least one MFA device'],
  ['[2/5] Delete every root access key (root-access-keys)', '✔ Already done: root has no access keys'],
  ['[3/5] Create an admin IAM user for daily work (admin-user)', '✔ Already done: admin with console access: admin'],
  ['[4/5] Sign in once as the admin user (admin-sign-in)', '✔ Already done: admin last signed in 2026-01-01T00:00:00.000Z'],
  ['[5/5] Turn on MFA for the admin user (admin-mfa)', '✔ Already done: MFA is on for admin'],
] as const;

it(
  'in a terminal: every step is "Already done", no question, no write, exit 0',
  async () => {
    const before = await adminState(account.iam, 'admin');
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    for (const [header, result] of STEPS) {
      await pty.waitFor(header);
      await pty.waitFor(result);
    }
    const summary = await pty.waitFor('Root is locked away.');
    for (const id of ['root-mfa', 'root-access-keys', 'admin-user', 'admin-sign-in', 'admin-mfa']) {
      expect(summary).toMatch(new RegExp(`^  ${id} +already done$`, 'm'));
    }
    expect(await exitCode(pty)).toBe(0);

    const output = pty.output();
    expect(output.match(/Already done/g)).toHaveLength(5);
    expect(output).not.toMatch(/^\? /m); // no question asked
    expect(output).not.toContain('Waiting for');
    expect(writeCalls(account.proxy)).toEqual([]);
    expect(account.proxy.calls.filter((c) => WRITE.test(c))).toHaveLength(0);
    expect(account.proxy.count()).toBeGreaterThan(0); // it did read the account
    expect(await adminState(account.iam, 'admin')).toEqual(before);
  },
  TEST_TIMEOUT_MS,
);

it(
  'with --yes and --admin-user (no terminal): the same, exit 0 and no write',
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'admin'], account.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Already done/g)).toHaveLength(5);
    expect(result.stdout).toContain('Root is locked away.');
    expect(result.stdout).not.toContain('\x1b'); // no colour codes in a pipe
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
