// A person walks the whole wizard in a terminal, from a new account to "Root is locked away".
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  ADMIN_POLICY,
  SETUP_TIMEOUT_MS,
  SPINNER_KEYS,
  TEST_TIMEOUT_MS,
  adminState,
  answerAdminQuestions,
  enableUserMfa,
  exitCode,
  runCliPty,
  startE2EAccount,
  waitChecked,
  writeCalls,
  type E2EAccount,
} from './helpers.js';
import { renderScreen } from './screen.js';

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());
beforeEach(() => account.reset());

const CLEARED = '(password saved by you, and cleared from the screen)';

it(
  'takes a new account to all-done, with the console steps done while it polls',
  async () => {
    const { proxy, iam } = account;
    const pty = runCliPty(['--poll-interval', '1'], account.env());

    await pty.waitFor('signed in as root');
    await pty.waitFor('[1/5] Turn on MFA for the root user (root-mfa)');
    await pty.waitFor('To do: root can sign in with a password alone');
    await pty.waitFor('Waiting for an MFA device on the root user');
    await pty.waitFor(SPINNER_KEYS);
    await waitChecked(pty);
    proxy.state.mfa = true; // the person turns on root MFA in the console, mid-poll
    await pty.waitFor('✔ Done: root has at least one MFA device');

    await pty.waitFor('[2/5] Delete every root access key (root-access-keys)');
    await pty.waitFor('Waiting for the root user to have no access keys');
    await waitChecked(pty);
    proxy.state.accessKeys = false;
    await pty.waitFor('✔ Done: root has no access keys');

    await pty.waitFor('[3/5] Create an admin IAM user for daily work (admin-user)');
    await answerAdminQuestions(pty);
    const plan = await pty.waitFor('? Go ahead with these changes?');
    expect(plan).toContain('$ aws iam create-user --user-name admin');
    expect(plan).toContain('$ aws iam create-group --group-name Administrators');
    expect(plan).toContain(`$ aws iam attach-group-policy --group-name Administrators --policy-arn ${ADMIN_POLICY}`);
    expect(plan).toContain('$ aws iam add-user-to-group --group-name Administrators --user-name admin');
    expect(plan).toContain("--password-reset-required --password '<shown once>'");
    expect(writeCalls(proxy)).toEqual([]); // nothing written before the person says yes
    pty.press('enter'); // default: yes

    await pty.waitFor('First console password for admin:');
    await pty.waitFor('? Saved it in a password manager? It is not shown again.');
    pty.write('y');
    pty.press('enter');
    await pty.waitFor(CLEARED);
    await pty.waitFor('✔ Done: admin is an admin with console access');

    await pty.waitFor('[4/5] Sign in once as the admin user (admin-sign-in)');
    await pty.waitFor('https://123456789012.signin.aws.amazon.com/console');
    await waitChecked(pty);
    proxy.state.signedIn.add('admin');
    await pty.waitFor('✔ Done: admin last signed in');

    await pty.waitFor('[5/5] Turn on MFA for the admin user (admin-mfa)');
    await pty.waitFor('To do: no MFA device on admin');
    await waitChecked(pty);
    const serial = await enableUserMfa(iam, 'admin');
    await pty.waitFor('✔ Done: MFA is on for admin');

    const summary = await pty.waitFor('Root is locked away.');
    for (const id of ['root-mfa', 'root-access-keys', 'admin-user', 'admin-sign-in', 'admin-mfa']) {
      expect(summary).toMatch(new RegExp(`^  ${id} +done now$`, 'm'));
    }
    expect(await exitCode(pty)).toBe(0);

    // The account, read back from moto.
    const admin = await adminState(iam, 'admin');
    expect(admin.exists).toBe(true);
    expect(admin.groups).toEqual(['Administrators']);
    expect(admin.groupPolicies?.Administrators).toEqual([ADMIN_POLICY]);
    expect(admin.userPolicies).toEqual([]); // through the group, not attached directly
    expect(admin.loginProfile).toBeDefined(); // console access
    expect(admin.mfa).toEqual([serial]);
    expect(writeCalls(proxy).sort()).toEqual(
      ['iam:AddUserToGroup', 'iam:AttachGroupPolicy', 'iam:CreateGroup', 'iam:CreateLoginProfile', 'iam:CreateUser'].sort(),
    );

    // The generated password: shown once, in its block, and gone from the screen afterwards.
    const output = pty.output();
    const block = /\n  First console password for admin:\n\n {6}(\S+)\n\n  Shown only this once\. It must be changed at first sign-in\.\n/.exec(output);
    expect(block, 'the password block').not.toBeNull();
    const password = block![1]!;
    expect(password).toMatch(/^[\x21-\x7e]{20,}$/);
    expect(output.split(password).length - 1).toBe(1);
    expect(pty.raw().split(password).length - 1).toBe(1);
    expect(output.indexOf(password)).toBeGreaterThan(block!.index);
    expect(output.slice(output.indexOf(CLEARED))).not.toContain(password);

    // The login profile was asked for with that very password and a reset at first sign-in
    // (moto keeps neither, so this reads the request the CLI sent).
    expect(proxy.count('iam:CreateLoginProfile')).toBe(1);
    const login = proxy.lastParams('iam:CreateLoginProfile');
    expect(login?.get('UserName')).toBe('admin');
    expect(login?.get('Password')).toBe(password);
    expect(login?.get('PasswordResetRequired')).toBe('true');

    // What the person sees at the end: the password block erased, the rest of the run intact.
    const screen = renderScreen(pty.raw());
    expect(screen).not.toContain(password);
    expect(screen).not.toContain('First console password for admin');
    expect(screen).toContain(`✔ Go ahead with these changes? Yes\n  … Create the IAM user admin\n`);
    expect(screen).toContain(`  … Let admin sign in to the console (a new password is required at first sign-in)\n  ${CLEARED}\n`);
    expect(screen).not.toContain(SPINNER_KEYS); // every spinner cleaned up after itself
    expect(screen.split('\n').at(-1)).toBe(
      'Root is locked away. Re-run "aws-root-lockdown status" now and then to confirm it stays that way.',
    );
  },
  TEST_TIMEOUT_MS,
);
