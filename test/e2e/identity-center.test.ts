// The Identity Center way through the built CLI against moto: in a pseudo-terminal at 80x24 (what a
// person sees, read through a terminal emulator), and with --yes and its flags, as a script runs it.
import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import { identityCenterExtension } from '../support/identity-center-extension.js';
import { terminalScreen } from '../support/terminal-screen.js';
import { exitCode, runCli, runCliPty, SCREEN_TIMEOUT_MS, summaryOf, TEST_TIMEOUT_MS, useE2EAccount, writeCalls } from './helpers.js';

const extension = identityCenterExtension();
const account = useE2EAccount({ resetEach: false, extension });

const REGION = 'eu-west-1';
/** Root locked away, the password policy and the security contact set: admin-user is what is left. */
beforeEach(async () => {
  await account.reset({ mfa: true, accessKeys: false, rootVirtualMfa: ['root-phone'] });
  extension.reset();
  await account.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
  await account.account.send(
    new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'Security', EmailAddress: 'sec@example.com', PhoneNumber: '+1 555 0100' }),
  );
});

const OPTIONAL = ['--skip', 'account-alias', '--skip', 'billing-alert'];
const IDENTITY_CENTER_FLAGS = [
  '--admin-via', 'identity-center',
  '--identity-center-user', 'jane',
  '--given-name', 'Jane',
  '--family-name', 'Doe',
  '--admin-email', 'jane@example.com',
  '--identity-center-region', REGION,
];

describe('the Identity Center way, in a terminal', () => {
  it(
    'at 80x24: the choice explained, an organization, Identity Center enabled while it waits, the admin made, then the sign-in advice; exit 0',
    async () => {
      const pty = runCliPty(['--poll-interval', '1', ...OPTIONAL], account.env(), { cols: 80, rows: 24 });
      const answer = async (question: string, keys: () => void) => {
        await pty.waitFor(`? ${question}`, SCREEN_TIMEOUT_MS);
        keys();
        await pty.waitFor(`✔ ${question}`, SCREEN_TIMEOUT_MS);
      };
      await answer('Which kind of admin for daily work?', () => (pty.press('down'), pty.press('enter')));
      await answer('Region for IAM Identity Center', () => (pty.write(REGION), pty.press('enter')));
      await pty.waitFor('$ aws organizations create-organization --feature-set ALL', SCREEN_TIMEOUT_MS);
      await answer('Go ahead with these changes?', () => (pty.write('y'), pty.press('enter')));
      await pty.waitFor(`Waiting for IAM Identity Center to be enabled in ${REGION}`, SCREEN_TIMEOUT_MS);
      extension.enable(REGION);
      pty.press('enter'); // check now
      await answer('User name in Identity Center', () => (pty.write('jane'), pty.press('enter')));
      await answer("The admin's first name", () => (pty.write('Jane'), pty.press('enter')));
      await answer("The admin's last name", () => (pty.write('Doe'), pty.press('enter')));
      await answer("The admin's work email", () => (pty.write('jane@example.com'), pty.press('enter')));
      await answer('How long should a signed-in session of the admin last?', () => pty.press('enter'));
      await answer('Go ahead with these changes?', () => (pty.write('y'), pty.press('enter')));
      await pty.waitFor('Root is locked away', SCREEN_TIMEOUT_MS);
      expect(await exitCode(pty)).toBe(0);

      // What the person sees, as the terminal drew it at 80 columns (wrapped wherever it wrapped).
      const seen = (await terminalScreen(pty.raw(), 80, 24)).join('\n').replace(/\s+/g, '');
      const shows = (text: string) => expect(seen).toContain(text.replace(/\s+/g, ''));
      shows("A user in IAM Identity Center, AWS's recommended way for people");
      shows('Part 2 of 4: IAM Identity Center enabled in eu-west-1');
      shows('Done: IAM Identity Center admin role: AWSReservedSSO_AdministratorAccess_');
      shows("jane's first sign-in and Identity Center's MFA settings cannot be verified through the API");
      shows('aws configure sso');
      expect(writeCalls(account.proxy)).toEqual([
        'organizations:CreateOrganization',
        'identitystore:CreateUser',
        'sso:CreatePermissionSet',
        'sso:AttachManagedPolicyToPermissionSet',
        'sso:CreateAccountAssignment',
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the Identity Center way, stopped', () => {
  it(
    'Ctrl-C while it waits for Identity Center: exit 130, the organization kept; run again, it goes on from there',
    async () => {
      const stopped = runCliPty(['--poll-interval', '1', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      await stopped.waitFor('? Go ahead with these changes?', SCREEN_TIMEOUT_MS);
      stopped.write('y');
      stopped.press('enter');
      await stopped.waitFor(`Waiting for IAM Identity Center to be enabled in ${REGION}`, SCREEN_TIMEOUT_MS);
      stopped.press('ctrl-c');
      expect(await exitCode(stopped)).toBe(130);
      expect(stopped.output()).toMatch(/^Stopped\. .*again to continue where you left off\.$/m);
      expect(writeCalls(account.proxy)).toEqual(['organizations:CreateOrganization']);

      extension.enable(REGION);
      account.proxy.resetCounts();
      const again = runCliPty(['--poll-interval', '1', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      await again.waitFor('Already done: this account manages organization', SCREEN_TIMEOUT_MS);
      await again.waitFor(`Already done: IAM Identity Center is enabled in ${REGION}`, SCREEN_TIMEOUT_MS);
      await again.waitFor('? How long should a signed-in session of the admin last?', SCREEN_TIMEOUT_MS);
      again.press('enter');
      await again.waitFor('? Go ahead with these changes?', SCREEN_TIMEOUT_MS);
      again.press('enter');
      expect(await exitCode(again)).toBe(0);
      expect(writeCalls(account.proxy)).not.toContain('organizations:CreateOrganization');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the Identity Center way, with --yes', () => {
  it(
    'before Identity Center is enabled: the organization is made and the console step listed (exit 1); enabled, the next run finishes it (exit 0)',
    async () => {
      const first = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      expect(first.stderr).toBe('');
      expect(first.code).toBe(1);
      expect(first.stdout).toContain(`IAM Identity Center is not enabled in ${REGION}`);
      expect(Object.keys(summaryOf(first.stdout).required)).toEqual(['admin-user', 'admin-mfa']);
      expect(writeCalls(account.proxy)).toEqual(['organizations:CreateOrganization']);

      extension.enable(REGION);
      const second = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      expect(second.stderr).toBe('');
      expect(second.stdout).toMatch(/Done: IAM Identity Center admin role: AWSReservedSSO_AdministratorAccess_/);
      expect(second.code).toBe(0);

      const status = JSON.parse((await runCli(['status', '--json'], account.env())).stdout) as { ok: boolean; checks: { id: string; status: string }[] };
      expect(status.checks.filter((c) => c.id.startsWith('admin-')).map((c) => [c.id, c.status])).toEqual([
        ['admin-user', 'pass'],
        ['admin-mfa', 'info'],
      ]);
      expect(status.ok).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a user an earlier run made, then stopped (its assignment FAILED): the next --yes run stops before any grant (exit 2, one line) until --reuse-user names it',
    async () => {
      extension.enable(REGION);
      extension.failAssignments = 'Received a 404 status error';
      const first = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      expect(first.code).toBe(3);
      extension.failAssignments = undefined;

      account.proxy.resetCounts();
      const refused = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, ...OPTIONAL], account.env());
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split('\n')).toEqual([
        'aws-root-lockdown: --identity-center-user jane: the user jane exists in Identity Center and would be given AdministratorAccess; its password and MFA ' +
          'cannot be read through the API, so this run cannot tell whether an earlier run made it or someone else did (or has signed in as it). ' +
          'Look at it in the Identity Center console, then pass --reuse-user jane to make it the admin, or choose another name (see --help)',
      ]);
      expect(refused.stdout).toContain('Display name: Jane Doe. Emails: jane@example.com (primary).');
      expect(writeCalls(account.proxy)).toEqual([]);

      const named = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, '--reuse-user', 'jane', ...OPTIONAL], account.env());
      expect(named.stderr).toBe('');
      expect(named.code).toBe(0);
      expect(writeCalls(account.proxy)).toEqual(['sso:CreateAccountAssignment']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'names every flag it lacks, and a flag of the other way, before any call (exit 2)',
    async () => {
      const missing = await runCli(['--yes', '--admin-via', 'identity-center', ...OPTIONAL], account.env());
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim()).toBe(
        'aws-root-lockdown: --yes needs --identity-center-user and --given-name and --family-name and --admin-email (for admin-user) on this account, or --skip admin-user (see --help)',
      );
      const mixed = await runCli(['--yes', '--admin-via', 'identity-center', '--admin-user', 'ops'], account.env());
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toContain('--admin-user names an IAM user; with --admin-via identity-center, name the admin with --identity-center-user');
      const reuse = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, '--reuse-user', 'ops'], account.env());
      expect(reuse.code).toBe(2);
      expect(reuse.stderr).toContain('--reuse-user ops is not --identity-center-user jane: it names the existing user that may become the admin; give both the same name');
      const kept = await runCli(['--yes', ...IDENTITY_CENTER_FLAGS, '--reuse-user', 'Administrator'], account.env());
      expect(kept.code).toBe(2);
      expect(kept.stderr).toContain('--reuse-user: is a name Identity Center keeps for itself');
      const stray = await runCli(['--yes', '--given-name', 'Jane'], account.env());
      expect(stray.code).toBe(2);
      expect(stray.stderr).toContain('--given-name goes with --admin-via identity-center');
      const reserved = await runCli(['--yes', '--admin-via', 'identity-center', '--identity-center-user', 'Administrator'], account.env());
      expect(reserved.code).toBe(2);
      expect(reserved.stderr).toContain('--identity-center-user: is a name Identity Center keeps for itself');
      expect(writeCalls(account.proxy)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
