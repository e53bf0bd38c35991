// --yes without a terminal: creates the admin from flags and a piped password, never asks.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  ADMIN_POLICY,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  adminState,
  runCli,
  startE2EAccount,
  writeCalls,
  type E2EAccount,
} from './helpers.js';

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());
beforeEach(() => account.reset());

const PASSWORD = 'Str0ng-Passw0rd!x';

it(
  '--yes --admin-user NAME --password-stdin creates the admin, lists the console steps still open, exits 1',
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'ops-admin', '--password-stdin'], account.env(), `${PASSWORD}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');

    const admin = await adminState(account.iam, 'ops-admin');
    expect(admin.exists).toBe(true);
    expect(admin.groups).toEqual(['Administrators']);
    expect(admin.groupPolicies?.Administrators).toEqual([ADMIN_POLICY]);
    expect(admin.loginProfile).toBeDefined();
    expect(admin.mfa).toEqual([]);
    // Only the first line of stdin, and a reset at first sign-in (moto keeps neither: read the request).
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(1);
    const login = account.proxy.lastParams('iam:CreateLoginProfile');
    expect(login?.get('UserName')).toBe('ops-admin');
    expect(login?.get('Password')).toBe(PASSWORD);
    expect(login?.get('PasswordResetRequired')).toBe('true');

    const out = result.stdout;
    expect(out).toContain('✔ Done: ops-admin is an admin with console access');
    // The console steps print their checklists and are left open; nothing waits.
    expect(out).toContain('[1/5] Turn on MFA for the root user (root-mfa)');
    expect(out).toContain('Assign MFA device');
    expect(out).not.toContain('Waiting for');
    expect(out).toMatch(/^  root-mfa +still to do$/m);
    expect(out).toMatch(/^  root-access-keys +still to do$/m);
    expect(out).toMatch(/^  admin-user +done now$/m);
    expect(out).toMatch(/^  admin-sign-in +still to do$/m);
    expect(out).toMatch(/^  admin-mfa +still to do$/m);
    expect(out).toContain('Still open: root-mfa, root-access-keys, admin-mfa.');

    expect(out).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(out).not.toContain('\x1b'); // a pipe gets no colour codes
  },
  TEST_TIMEOUT_MS,
);

it(
  '--yes without --admin-user on an account with no admin: exit 2, one line, no write',
  async () => {
    const result = await runCli(['--yes'], account.env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--admin-user');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await adminState(account.iam, 'admin')).users).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  '--yes --admin-user without --password-stdin: exit 2 before any write',
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'ops-admin'], account.env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--password-stdin');
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await adminState(account.iam, 'ops-admin')).exists).toBe(false);
  },
  TEST_TIMEOUT_MS,
);
