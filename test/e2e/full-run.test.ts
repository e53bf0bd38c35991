// @module-tag e2e
// A person walks the whole wizard in a terminal, from a new account to "Root is locked away".
import { expect, it } from 'vitest';
import { keyShown, totp } from '../support/totp.js';
import {
  ADMIN_POLICY,
  SPINNER_KEYS,
  TEST_TIMEOUT_MS,
  accountSettings,
  adminState,
  answer,
  answerAdminQuestions,
  exitCode,
  header,
  runCliPty,
  useE2EAccount,
  waitChecked,
  writeCalls,
  summaryOf,
  loosely,
} from './helpers.js';
import { renderScreen } from '../support/terminal.js';

const account = useE2EAccount();

/** Said where a password or an MFA seed was, once it is erased. */
const CLEARED = '(the password is cleared from the screen)';
const QR_CLEARED = '(the QR code and its key are cleared from the screen)';
const GO_AHEAD = 'Go ahead with these changes?';
const ALIAS = 'e2e-company';
const SIGN_IN_URL = `https://${ALIAS}.signin.aws.amazon.com/console`;

it(
  'takes a new account to all-done: console steps done while it polls, every automated step applied, the state read back',
  async () => {
    const { proxy, iam } = account;
    // Root just signed in to run this, as the credential report (fresh) says.
    const justNow = new Date().toISOString();
    proxy.state.rootReport = { passwordLastUsed: justNow, generatedAt: justNow };
    const pty = runCliPty(['--poll-interval', '1'], account.env());

    await pty.waitFor('signed in as root');
    await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    await pty.waitFor('To do: root can sign in with a password alone');
    await pty.waitFor('Waiting for an MFA device on the root user');
    await pty.waitFor(SPINNER_KEYS);
    await waitChecked(pty);
    // The person turns on root MFA in the console, mid-poll: an authenticator app.
    Object.assign(proxy.state, { mfa: true, rootVirtualMfa: ['root-phone'] });
    await pty.waitFor('✔ Done: root has at least one MFA device');

    // The advisory steps say what they found and advise; nothing waits.
    await pty.waitFor(header('Keep a second MFA device for root', 'root-mfa-backup'));
    await pty.waitFor('i Worth knowing: root has MFA (one authenticator app)');
    await pty.waitFor('If you have not yet, register a backup device');
    await pty.waitFor(header('Prefer a security key for root', 'root-hardware-mfa'));
    await pty.waitFor('i Worth knowing: root uses an authenticator app (arn:aws:iam::123456789012:mfa/root-phone)');

    await pty.waitFor(header('Delete every root access key', 'root-access-keys'));
    await pty.waitFor('Waiting for the root user to have no access keys');
    await waitChecked(pty);
    proxy.state.accessKeys = false;
    await pty.waitFor('✔ Done: root has no access keys');

    await pty.waitFor(header('Keep root unused', 'root-recent-use'));
    await pty.waitFor(loosely('i Worth knowing: root last signed in less than an hour ago'));
    await pty.waitFor(loosely('this run itself is signed in as root'));
    await pty.waitFor('Keeping root unused:');

    await pty.waitFor(header('Create an admin identity for daily work', 'admin-user'));
    const writesBeforeAdmin = writeCalls(proxy);
    await answerAdminQuestions(pty);
    const plan = await pty.waitFor(`? ${GO_AHEAD}`);
    expect(plan).toContain('$ aws iam create-user --user-name admin');
    expect(plan).toContain('$ aws iam create-group --group-name Administrators');
    expect(plan).toContain(`$ aws iam attach-group-policy --group-name Administrators --policy-arn ${ADMIN_POLICY}`);
    expect(plan).toContain('$ aws iam add-user-to-group --group-name Administrators --user-name admin');
    expect(plan).toContain("--password-reset-required --password '<shown once>'");
    expect(writeCalls(proxy)).toEqual(writesBeforeAdmin); // nothing written before the person says yes
    pty.press('enter'); // default: yes

    await pty.waitFor('First console password for admin:');
    await answer(pty, 'Saved it in a password manager? It is not shown again.', 'y');
    await pty.waitFor(CLEARED);
    await pty.waitFor('✔ Done: admin is an admin with console access');

    await pty.waitFor(header('Require long, fresh passwords for IAM users', 'password-policy'));
    await pty.waitFor('To do: no password policy');
    const policyPlan = await answer(pty, GO_AHEAD);
    expect(policyPlan).toContain('$ aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24');
    await pty.waitFor('✔ Done: minimum length 14, reuse prevention the last 24');

    // Optional: offered, accepted, then asked for.
    await pty.waitFor(header('Give the account a memorable sign-in address', 'account-alias'));
    await answer(pty, 'Give the account a memorable sign-in address? (optional)');
    await answer(pty, 'Alias for the sign-in address', ALIAS);
    expect(await answer(pty, GO_AHEAD)).toContain(`$ aws iam create-account-alias --account-alias ${ALIAS}`);
    await pty.waitFor(`✔ Done: IAM users sign in at ${SIGN_IN_URL}`);

    await pty.waitFor(header('Sign in once as the admin user', 'admin-sign-in'));
    await pty.waitFor(SIGN_IN_URL); // the alias address, made one step earlier
    await waitChecked(pty);
    proxy.state.signedIn.add('admin');
    await pty.waitFor('✔ Done: admin last signed in');

    // The admin's MFA, enrolled right here with codes from the seed on the screen.
    await pty.waitFor(header('Turn on MFA for the admin user', 'admin-mfa'));
    await pty.waitFor('To do: no MFA device on admin');
    await answer(pty, 'How do you want to add MFA for the admin user?'); // default: in this terminal
    expect(await answer(pty, GO_AHEAD)).toContain('$ aws iam enable-mfa-device --user-name admin');
    await pty.waitFor('Scan this with your authenticator app (it appears as AWS:admin@123456789012)');
    const seed = keyShown(await pty.waitFor('Then type two codes'));
    const now = Date.now();
    await answer(pty, 'First 6-digit code from the app', totp(seed, now));
    await answer(pty, 'Wait for the code to change, then type the next one', totp(seed, now + 30_000));
    await pty.waitFor(QR_CLEARED);
    await pty.waitFor('✔ Done: MFA is on for admin');

    await pty.waitFor(header('Name a security contact for the account', 'security-contact'));
    await answer(pty, 'Security contact: name', 'Security Team');
    await answer(pty, 'Security contact: email address', 'security@example.com');
    await answer(pty, 'Security contact: phone number', '+1 555 0100');
    expect(await answer(pty, GO_AHEAD)).toContain(
      "$ aws account put-alternate-contact --alternate-contact-type SECURITY --name 'Security Team'",
    );
    await pty.waitFor('✔ Done: Security Team <security@example.com>');

    await pty.waitFor(header('Get an email when spending passes a monthly budget', 'billing-alert'));
    await answer(pty, 'Get an email when spending passes a monthly budget? (optional)');
    await answer(pty, 'Monthly budget in US dollars'); // default: 20
    await answer(pty, 'Email address for the alerts', 'billing@example.com');
    expect(await answer(pty, GO_AHEAD)).toContain('$ aws budgets create-budget --account-id 123456789012');
    await pty.waitFor(/✔ Done: cost budget "monthly-cost-alert" \(20(\.0+)? USD a month, 3 alerts\)/);

    await pty.waitFor('Root is locked away.');
    // Nothing required is open; every step this run did is named once, in the run's order.
    const summary = summaryOf(pty.output());
    expect(summary.required).toEqual({});
    expect(summary.doneNow).toEqual([
      'root-mfa',
      'root-access-keys',
      'admin-user',
      'password-policy',
      'account-alias',
      'admin-sign-in',
      'admin-mfa',
      'security-contact',
      'billing-alert',
    ]);
    expect(await exitCode(pty)).toBe(0);

    // The account, read back from moto.
    const admin = await adminState(iam, 'admin');
    expect(admin.exists).toBe(true);
    expect(admin.groups).toEqual(['Administrators']);
    expect(admin.groupPolicies?.Administrators).toEqual([ADMIN_POLICY]);
    expect(admin.userPolicies).toEqual([]); // through the group, not attached directly
    expect(admin.loginProfile).toBeDefined(); // console access
    expect(admin.mfa).toEqual(['arn:aws:iam::123456789012:mfa/admin']);
    const settings = await accountSettings(account);
    expect(settings.passwordPolicy).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, AllowUsersToChangePassword: true });
    expect(settings.aliases).toEqual([ALIAS]);
    expect(settings.securityContact).toMatchObject({
      AlternateContactType: 'SECURITY',
      Name: 'Security Team',
      EmailAddress: 'security@example.com',
      PhoneNumber: '+1 555 0100',
    });
    expect(settings.budgets.map((b) => [b.BudgetName, b.BudgetType, b.TimeUnit, Number(b.BudgetLimit?.Amount), b.BudgetLimit?.Unit])).toEqual([
      ['monthly-cost-alert', 'COST', 'MONTHLY', 20, 'USD'],
    ]);
    expect(settings.budgetAlerts).toEqual({ 'monthly-cost-alert': 3 });
    expect(writeCalls(proxy).sort()).toEqual(
      [
        'iam:UpdateAccountPasswordPolicy',
        'iam:CreateUser',
        'iam:CreateGroup',
        'iam:AttachGroupPolicy',
        'iam:AddUserToGroup',
        'iam:CreateLoginProfile',
        'iam:CreateAccountAlias',
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'account:PutAlternateContact',
        'budgets:CreateBudget',
      ].sort(),
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

    // What the person sees at the end: the password and the MFA seed erased, the rest of the run intact.
    const screen = await renderScreen(pty.raw());
    expect(screen).not.toContain(password);
    expect(screen).not.toContain('First console password for admin');
    for (const group of seed.match(/.{4}/g)!) expect(screen).not.toContain(group);
    expect(screen).not.toContain('Scan this with your authenticator app');
    // An action's line turns ✔ where it stands; one that showed a secret says so, then ✔.
    expect(screen).toContain(`✔ ${GO_AHEAD} Yes\n  ✔ Create the IAM user admin\n`);
    expect(screen).not.toContain('… Create the IAM user admin');
    const setPassword = 'Let admin sign in to the console (a new password is required at first sign-in)';
    expect(screen).toContain(`  … ${setPassword}\n  ${CLEARED}\n  ✔ ${setPassword}\n`);
    expect(screen.split(CLEARED)).toHaveLength(2);
    expect(screen.split(QR_CLEARED)).toHaveLength(2);
    expect(screen).not.toMatch(SPINNER_KEYS); // every spinner cleaned up after itself
    expect(screen).toContain('Root is locked away. Re-check it monthly, and after anyone changes IAM:\n  $ node dist/cli.js status\n');
  },
  TEST_TIMEOUT_MS,
);
