// @module-tag e2e
// --yes without a terminal: creates the admin from flags and a piped password, never asks.
import { expect, it } from 'vitest';
import {
  ADMIN_POLICY,
  IN_CONSOLE,
  TEST_TIMEOUT_MS,
  accountSettings,
  adminState,
  runCli,
  useE2EAccount,
  writeCalls,
  summaryOf,
} from './helpers.js';

const account = useE2EAccount();

const PASSWORD = 'Str0ng-Passw0rd!x';

it(
  '--yes --admin-user NAME --password-stdin creates the admin and the password policy, leaves out what needs other flags, lists what is still open, exits 1',
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
    expect(out).toMatch(/^\[1\/\d+\] Turn on MFA for the root user \(root-mfa\)$/m);
    expect(out).toContain('Assign MFA device');
    expect(out).not.toContain('Waiting for');
    // A required step that needs nothing from the person is applied: --yes accepts its plan.
    expect(out).toContain('✔ Done: minimum length 14, reuse prevention the last 24');
    // Steps whose values were not given as flags are left out, each naming its flags.
    expect(out).toContain('Left out: account-alias needs --account-alias when there is no terminal to ask (or --skip account-alias).');
    expect(out).toContain(
      'Left out: security-contact needs --security-contact-name and --security-contact-email and --security-contact-phone when there is no terminal to ask',
    );
    expect(out).toContain('Left out: billing-alert needs --budget-amount and --alert-email when there is no terminal to ask');
    // The summary leads with what is open and required, then the optional steps, then what is done.
    const summary = summaryOf(out);
    expect(summary.required).toEqual({
      'root-mfa': IN_CONSOLE,
      'root-access-keys': IN_CONSOLE,
      'admin-mfa': IN_CONSOLE, // an app needs a terminal: without one, the console checklist
      'security-contact': 'skipped for now',
    });
    expect(summary.optional).toEqual({ 'account-alias': 'skipped for now', 'admin-sign-in': IN_CONSOLE, 'billing-alert': 'skipped for now' });
    expect(summary.doneNow).toEqual(['admin-user', 'password-policy']);
    expect(summary.text).toContain(`Run it again to pick up where you left off: what is done is kept.\n  $ node dist/cli.js`);

    expect(out).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(out).not.toContain('\x1b'); // a pipe gets no colour codes
    expect((await accountSettings(account)).passwordPolicy).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 });
  },
  TEST_TIMEOUT_MS,
);

it(
  '--yes with every value as a flag: every automated step applied, only the console steps left, exit 1',
  async () => {
    const flags = [
      ['--admin-user', 'ops-admin'],
      ['--security-contact-name', 'Sec Ops'],
      ['--security-contact-email', 'secops@example.com'],
      ['--security-contact-phone', '+44 20 7946 0000'],
      ['--account-alias', 'yes-e2e'],
      ['--budget-amount', '35.50'],
      ['--alert-email', 'money@example.com'],
    ].flat();
    const result = await runCli(['--yes', '--password-stdin', ...flags], account.env(), `${PASSWORD}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).not.toContain('Left out');
    const summary = summaryOf(out);
    expect(summary.doneNow).toEqual(['admin-user', 'password-policy', 'account-alias', 'security-contact', 'billing-alert']);
    expect(Object.keys(summary.required)).toEqual(['root-mfa', 'root-access-keys', 'admin-mfa']);

    const admin = await adminState(account.iam, 'ops-admin');
    expect(admin.groups).toEqual(['Administrators']);
    expect(admin.loginProfile).toBeDefined();
    const settings = await accountSettings(account);
    expect(settings.passwordPolicy).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 });
    expect(settings.aliases).toEqual(['yes-e2e']);
    expect(settings.securityContact).toMatchObject({ Name: 'Sec Ops', EmailAddress: 'secops@example.com', PhoneNumber: '+44 20 7946 0000' });
    expect(settings.budgets.map((b) => [b.BudgetName, Number(b.BudgetLimit?.Amount)])).toEqual([['monthly-cost-alert', 35.5]]);
    expect(settings.budgetAlerts).toEqual({ 'monthly-cost-alert': 3 });
  },
  TEST_TIMEOUT_MS,
);


it(
  '--yes without --admin-user on an account with no admin: exit 2 before the first step is shown, one line naming every flag it needs, no write',
  async () => {
    const result = await runCli(['--yes'], account.env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'aws-root-lockdown: --yes needs --admin-user and --password-stdin (for admin-user) on this account, or --skip admin-user (see --help)',
    ]);
    expect(result.stdout).toBe('');
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
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--yes needs --password-stdin (for admin-user)');
    expect(result.stdout).toBe('');
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await adminState(account.iam, 'ops-admin')).exists).toBe(false);
  },
  TEST_TIMEOUT_MS,
);
