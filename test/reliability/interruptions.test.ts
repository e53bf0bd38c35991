// @module-tag e2e
// @module-tag slow
// Killed (SIGKILL, no chance to clean up) right after each write of a full run: the re-run
// converges to the account one uninterrupted run leaves, with nothing duplicated. And runs
// repeated on a finished account change nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, runCli, runCliPty, SETUP_TIMEOUT_MS, startE2EAccount, writeCalls, type E2EAccount } from '../e2e/helpers.js';
import { runProcess } from '../support/process.js';
import { accountState, FULL_RUN_FLAGS, FULL_RUN_PASSWORD, FULL_RUN_WRITES } from './full-run.js';

const TEST_TIMEOUT_MS = 90_000;

let account: E2EAccount;
let clean: unknown;
beforeAll(async () => {
  account = await startE2EAccount();
  await account.reset({ mfa: true, accessKeys: false });
  expect((await fullRun()).code).toBe(1);
  clean = await accountState(account);
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());

const fullRun = () => runCli(FULL_RUN_FLAGS, account.env(), `${FULL_RUN_PASSWORD}\n`);

it.each(FULL_RUN_WRITES)(
  'killed as the answer to %s goes out: the re-run finishes the job, duplicating nothing',
  async (action) => {
    await account.reset({ mfa: true, accessKeys: false });
    let pid = 0;
    account.proxy.afterResponse(action, () => process.kill(pid, 'SIGKILL'));
    const killed = await runProcess(process.execPath, [CLI, ...FULL_RUN_FLAGS], {
      env: account.env(),
      input: `${FULL_RUN_PASSWORD}\n`,
      onSpawn: (p) => (pid = p),
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(account.proxy.calls).toContain(action);
    expect(killed.stdout).not.toMatch(/^Summary$/m); // it never got to the end

    account.proxy.resetCounts();
    const again = await fullRun();
    expect(again.stderr).toBe('');
    expect(again.code).toBe(1);
    // Nothing done before the kill is done again.
    expect(writeCalls(account.proxy)).not.toContain(action);
    expect(await accountState(account)).toEqual(clean);
  },
  TEST_TIMEOUT_MS,
);

it(
  'three full runs in a row leave exactly the account of one: the later runs make no write',
  async () => {
    await account.reset({ mfa: true, accessKeys: false });
    expect((await fullRun()).code).toBe(1);
    expect(await accountState(account)).toEqual(clean);
    for (const run of [2, 3]) {
      account.proxy.resetCounts();
      const result = await fullRun();
      expect(result.code, `run ${run}`).toBe(1);
      expect(writeCalls(account.proxy), `run ${run}`).toEqual([]);
      expect(await accountState(account)).toEqual(clean);
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'killed as the generated password is set: the person saved it first, and the re-run keeps that password',
  async () => {
    await account.reset({ mfa: true, accessKeys: false });
    const pty = runCliPty(['--admin-user', 'ops-admin', '--grant', 'group', '--skip', 'admin-mfa', '--skip', 'account-alias'], account.env());
    try {
      account.proxy.afterResponse('iam:CreateLoginProfile', () => pty.kill('SIGKILL'));
      await pty.waitFor("? How should ops-admin's first console password be made?", 60_000);
      pty.press('enter');
      await pty.waitFor('? Go ahead with these changes?', 60_000);
      pty.press('enter');
      await pty.waitFor('? Saved it in a password manager?', 60_000);
      pty.write('y\r');
      expect((await pty.exited).signal).toBe(9);
    } finally {
      pty.kill();
    }
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(1);
    account.proxy.resetCounts();
    const again = await runCli([...FULL_RUN_FLAGS.filter((f) => f !== '--password-stdin')], account.env());
    expect(again.stdout).toContain('ops-admin already has a console password; it is left as it is.');
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(0);
    expect(await accountState(account)).toEqual(clean);
  },
  TEST_TIMEOUT_MS,
);
