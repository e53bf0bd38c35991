// @module-tag e2e
// --dry-run shows the plan with the equivalent AWS CLI commands and changes nothing.
import { expect, it } from 'vitest';
import {
  ADMIN_POLICY,
  IN_CONSOLE,
  TEST_TIMEOUT_MS,
  WOULD_WAIT,
  accountSettings,
  adminState,
  answer,
  answerAdminQuestions,
  exitCode,
  header,
  runCli,
  runCliPty,
  useE2EAccount,
  writeCalls,
  summaryOf,
} from './helpers.js';

const account = useE2EAccount();

/** The commands that give the admin AdministratorAccess, each way. */
const GRANT_COMMANDS = {
  group: (name: string) => [
    '$ aws iam create-group --group-name Administrators',
    `$ aws iam attach-group-policy --group-name Administrators --policy-arn ${ADMIN_POLICY}`,
    `$ aws iam add-user-to-group --group-name Administrators --user-name ${name}`,
  ],
  direct: (name: string) => [`$ aws iam attach-user-policy --user-name ${name} --policy-arn ${ADMIN_POLICY}`],
};

function expectPlan(text: string, name: string, grant: 'group' | 'direct') {
  expect(text).toContain(`Would do: Set up ${name} as an administrator`);
  expect(text).toContain(`$ aws iam create-user --user-name ${name}`);
  expect(text).toContain(`$ aws iam create-login-profile --user-name ${name} --password-reset-required`);
  for (const command of GRANT_COMMANDS[grant](name)) expect(text).toContain(command);
  const other = grant === 'group' ? 'direct' : 'group';
  for (const command of GRANT_COMMANDS[other](name)) expect(text).not.toContain(command);
}

/** The automated steps' plans but the admin's MFA (each test checks its own way), with the values given (or placeholders where none was). */
function expectOtherPlans(text: string, v: { alias: string; contact: string[]; amount?: string; email: string }) {
  expect(text).toContain('Would do: Raise the password policy to the CIS recommendation');
  expect(text).toContain('$ aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24');
  expect(text).toContain(`$ aws iam create-account-alias --account-alias ${v.alias}`);
  expect(text).toContain(`$ aws account put-alternate-contact --alternate-contact-type SECURITY --name ${v.contact[0]}`);
  expect(text).toContain(`--email-address ${v.contact[1]} --phone-number ${v.contact[2]}`);
  expect(text).toContain(`Would do: Create ${v.amount ? `a ${v.amount} USD` : 'a'} monthly cost budget that emails ${v.email}`);
}

/**
 * Every automated step planned, every console step left open as what a real run would do with it
 * (wait for the person at a terminal; leave its checklist without one), what is done named;
 * nothing waited for, nothing asked to be confirmed.
 */
function expectDryRunSummary(text: string, terminal: boolean) {
  const summary = summaryOf(text);
  const console = terminal ? WOULD_WAIT : IN_CONSOLE;
  const planned = ['admin-user', 'password-policy', 'account-alias', ...(terminal ? ['admin-mfa'] : []), 'security-contact', 'billing-alert'];
  expect(Object.keys(summary.planned)).toEqual(planned);
  expect(summary.required).toEqual({ 'root-mfa': console, 'root-access-keys': console, ...(terminal ? {} : { 'admin-mfa': console }) });
  expect(summary.optional).toEqual({ 'admin-sign-in': console });
  expect(summary.text).toMatch(/^Done \(3 steps\): (root-signing-certificates|root-mfa-backup|root-hardware-mfa)(, (root-signing-certificates|root-mfa-backup|root-hardware-mfa)){2}\.$/m);
  expect(summary.text).toContain('Run it without --dry-run to carry out the plan.');
  expect(text).not.toContain('Go ahead with these changes?');
  expect(text).not.toContain('Waiting for');
  expect(text).not.toContain('First console password for');
  expect(text).not.toContain('Scan this with your authenticator app');
}

async function expectNothingWritten() {
  expect(writeCalls(account.proxy)).toEqual([]);
  expect((await adminState(account.iam, 'dry-admin')).users).toEqual([]);
  const settings = await accountSettings(account);
  expect(settings).toMatchObject({ passwordPolicy: undefined, aliases: [], securityContact: undefined, budgets: [] });
}

it(
  'in a terminal, with answers: the plan, no wait, no confirmation, no write, exit 1',
  async () => {
    const pty = runCliPty(['--dry-run', '--poll-interval', '1'], account.env());
    await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    await pty.waitFor(header('Delete every root access key', 'root-access-keys')); // no wait on root-mfa
    await pty.waitFor(header('Create an admin identity for daily work', 'admin-user'));
    await answerAdminQuestions(pty, { name: 'dry-admin', grant: 'direct' });
    expectPlan(await pty.waitFor(header('Give the account a memorable sign-in address', 'account-alias')), 'dry-admin', 'direct');
    await answer(pty, 'Give the account a memorable sign-in address? (optional)');
    await answer(pty, 'Alias for the sign-in address', 'dry-alias');
    await pty.waitFor(header('Turn on MFA for the admin user', 'admin-mfa'));
    await answer(pty, 'How do you want to add MFA for the admin user?'); // in this terminal: planned, not shown
    await answer(pty, 'Security contact: name', 'Dry Team');
    await answer(pty, 'Security contact: email address', 'dry@example.com');
    await answer(pty, 'Security contact: phone number', '+15550100');
    await answer(pty, 'Get an email when spending passes a monthly budget? (optional)');
    await answer(pty, 'Monthly budget in US dollars', '40');
    await answer(pty, 'Email address for the alerts', 'dry-bills@example.com');
    await pty.waitFor('Run it without --dry-run to carry out the plan.');
    expect(await exitCode(pty)).toBe(1);

    const output = pty.output();
    expectOtherPlans(output, { alias: 'dry-alias', contact: ["'Dry Team'", 'dry@example.com', '+15550100'], amount: '40', email: 'dry-bills@example.com' });
    // The app in this terminal, as answered: its two commands.
    expect(output).toContain('$ aws iam create-virtual-mfa-device --virtual-mfa-device-name dry-admin');
    expect(output).toContain('$ aws iam enable-mfa-device --user-name dry-admin');
    expectDryRunSummary(output, true);
    await expectNothingWritten();
  },
  TEST_TIMEOUT_MS,
);

it(
  'without a terminal, with --admin-user: the same plan on stdout, placeholders for values not given, no write, exit 1',
  async () => {
    const result = await runCli(['--dry-run', '--admin-user', 'dry-admin'], account.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expectPlan(result.stdout, 'dry-admin', 'group');
    expectOtherPlans(result.stdout, { alias: 'ALIAS', contact: ['NAME', 'EMAIL', 'PHONE'], email: 'EMAIL' });
    // No terminal, so no app: the console checklist, as a real --yes run gives it.
    expect(result.stdout).not.toContain('create-virtual-mfa-device');
    expect(result.stdout).toContain('1. In the IAM console, choose "Users", then "dry-admin", then the "Security credentials" tab.');
    expectDryRunSummary(result.stdout, false);
    await expectNothingWritten();
  },
  TEST_TIMEOUT_MS,
);
