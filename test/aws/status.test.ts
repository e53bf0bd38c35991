import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import { whoAmI } from '../../src/aws/identity.js';
import { collectStatus, nothingReadable, readInTwoWaves } from '../../src/engine/status.js';
import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { CreateVirtualMFADeviceCommandOutput } from '@aws-sdk/client-iam';
import { totp } from '../support/totp.js';
import { statusJson } from '../../src/ui/status-json.js';
import { statusTable } from '../../src/ui/status-view.js';
import { adminMfa } from '../../steps/admin-mfa.js';
import { adminSignIn } from '../../steps/admin-sign-in.js';
import { loadSteps, MANIFEST, STEP_IDS } from '../../steps/manifest.js';
import { createAlertingBudget } from '../support/budget.js';
import { requestDepths, runDepth } from '../support/request-depth.js';
import { TEMPORARY_CREDENTIALS, useTestAccount, writeCalls, checkContext } from '../support/test-account.js';

const account = useTestAccount();
const ALL_STEPS = await loadSteps();

/** status as the command runs it: its reads in two waves, then every check (on `aws`, the test's clients by default). */
async function status(aws: AwsClients = account.aws) {
  const identify = async () => ({ aws, identity: await whoAmI(aws) });
  const { caller, read } = await readInTwoWaves(aws, identify, new AbortController().signal);
  return collectStatus(caller.identity, read, ALL_STEPS, awsConsoleLinks(caller.identity.partition));
}
const statuses = (report: Awaited<ReturnType<typeof status>>) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

const seedOf = (device: CreateVirtualMFADeviceCommandOutput) => new TextDecoder().decode(device.VirtualMFADevice!.Base32StringSeed);

async function makeAdmin(name: string, { mfa }: { mfa: boolean }) {
  const iam = account.aws.iam;
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Some-Passw0rd!' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'Admins' })).catch(() => undefined);
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: name }));
  if (mfa) {
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: name,
        SerialNumber: device.VirtualMFADevice!.SerialNumber,
        AuthenticationCode1: totp(seedOf(device), Date.now()),
        AuthenticationCode2: totp(seedOf(device), Date.now() + 30_000),
      }),
    );
  }
}

/** The required account-wide settings: a CIS password policy and a security contact. */
async function finishAccountSettings() {
  await account.aws.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
  await account.aws.account.send(
    new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'Security', EmailAddress: 's@example.com', PhoneNumber: '+1 555 0100' }),
  );
}

describe('status', () => {
  it('on a new account: every check fails, with the summary and caller', async () => {
    const report = await status();
    expect(statuses(report)).toEqual({
      'root-mfa': 'fail',
      'root-mfa-backup': 'not-applicable',
      'root-hardware-mfa': 'not-applicable',
      'root-access-keys': 'fail',
      'root-signing-certificates': 'pass',
      'root-recent-use': 'info',
      'password-policy': 'fail',
      'admin-user': 'fail',
      'account-alias': 'fail',
      'admin-mfa': 'fail',
      'security-contact': 'fail',
      'billing-alert': 'fail',
    });
    expect(report).toMatchObject({
      account: '123456789012',
      partition: 'aws',
      caller: { arn: 'arn:aws:iam::123456789012:root', isRoot: true },
      summary: { RootMFA: 0, RootKeys: 1, Users: 0, MFADevices: 0 },
      ok: false,
    });
  });

  it('on a finished account: ok whatever the advice and the optional steps say, and admin groups count', async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false, rootVirtualMfa: ['root-app'] });
    await makeAdmin('admin-jane', { mfa: true });
    await finishAccountSettings();
    const report = await status();
    expect(statuses(report)).toEqual({
      'root-mfa': 'pass',
      'root-mfa-backup': 'info',
      'root-hardware-mfa': 'info',
      'root-access-keys': 'pass',
      'root-signing-certificates': 'pass',
      'root-recent-use': 'info',
      'password-policy': 'pass',
      'admin-user': 'pass',
      'account-alias': 'fail',
      'admin-mfa': 'pass',
      'security-contact': 'pass',
      'billing-alert': 'fail',
    });
    expect(report.ok).toBe(true);
    expect(statusTable(report, 120).value).toMatch(/INFO  root-hardware-mfa/);
    expect(statusTable(report, 120).value).toMatch(/OPT   billing-alert/);
    expect(statusTable(report, 120).value).toMatch(/All required checks pass/);
    expect(report.summary).toEqual({ RootMFA: 1, RootKeys: 0, Users: 1, MFADevices: 1 });
  });

  it('names the admin who still lacks MFA', async () => {
    await makeAdmin('with-mfa', { mfa: true });
    await makeAdmin('without-mfa', { mfa: false });
    const report = await status();
    expect(report.checks.find((c) => c.id === 'admin-mfa')).toMatchObject({ status: 'fail', detail: 'no MFA device on without-mfa' });
  });

  it('counts a root with no password as not-applicable, which is ok', async () => {
    Object.assign(account.proxy.state, { password: false, accessKeys: false });
    await makeAdmin('a', { mfa: true });
    await finishAccountSettings();
    const report = await status();
    expect(statuses(report)['root-mfa']).toBe('not-applicable');
    expect(report.ok).toBe(true);
  });

  it('says which permission is missing when a read is denied, and still reports the rest', async () => {
    account.proxy.failNext('iam:GetAccountSummary', { status: 403, code: 'AccessDenied', message: 'denied' }, 10);
    const report = await status();
    expect(report.checks.find((c) => c.id === 'root-mfa')).toMatchObject({
      status: 'unknown',
      detail: 'cannot read this: grant iam:GetAccountSummary',
    });
    expect(statuses(report)['admin-user']).toBe('fail');
    expect(report.summary).toBeNull();
    expect(nothingReadable(report)).toBe(false);
  });

  it('is read-only, and makes one summary call however many checks need it', async () => {
    await status();
    expect(writeCalls(account.proxy)).toEqual([]);
    expect(account.proxy.count('iam:GetAccountSummary')).toBe(1);
  });

  it('prints exactly the documented JSON fields', async () => {
    const parsed = JSON.parse(statusJson(await status()));
    expect(Object.keys(parsed)).toEqual(['account', 'partition', 'caller', 'summary', 'checks', 'ok']);
    expect(Object.keys(parsed.checks[0])).toEqual(['id', 'title', 'status', 'detail', 'required']);
    expect(parsed.checks.map((c: { id: string }) => c.id)).toEqual([...STEP_IDS.filter((id) => id !== 'admin-sign-in')]);
    const required = parsed.checks.filter((c: { required: boolean }) => c.required).map((c: { id: string }) => c.id);
    expect(required).toEqual(MANIFEST.filter((r) => r.required).map((r) => r.id));
  });

  it('lists the steps in the order of the manifest, which --skip and --help use', () => {
    expect(ALL_STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
  });
});

describe('admin follow-up checks', () => {
  it('admin-sign-in passes once the admin has used its password', async () => {
    await makeAdmin('admin-jane', { mfa: false });
    const identity = await account.identity();
    const check = () => adminSignIn.check(checkContext(identity, account.reader(identity), { adminUser: 'admin-jane' }));
    expect(await check()).toMatchObject({ status: 'fail' });
    account.proxy.state.signedIn.add('admin-jane');
    expect(await check()).toMatchObject({ status: 'pass', detail: expect.stringContaining('last signed in') });
  });

  it('admin-mfa looks at the user this run set up when there is one', async () => {
    await makeAdmin('protected', { mfa: true });
    await makeAdmin('fresh', { mfa: false });
    const identity = await account.identity();
    const read = account.reader(identity);
    expect(await adminMfa.check(checkContext(identity, read, { adminUser: 'protected' }))).toMatchObject({ status: 'pass' });
    expect(await adminMfa.check(checkContext(identity, read, { adminUser: 'fresh' }))).toMatchObject({ status: 'fail' });
    expect(await adminMfa.check(checkContext(identity, read, { adminUser: 'nobody' }))).toMatchObject({ status: 'fail' });
  });
});

/** Each call and how many round trips deep it was, the calls at each depth sorted. */
function callsByDepth(): Record<number, string[]> {
  const depths = requestDepths(account.proxy.timings);
  const byDepth: Record<number, string[]> = {};
  account.proxy.timings.forEach((t, i) => (byDepth[depths[i]!] ??= []).push(t.call));
  return Object.fromEntries(Object.entries(byDepth).map(([depth, calls]) => [depth, [...new Set(calls)].sort()]));
}

/** A finished account with a budget that alerts, and a credential report AWS made an hour ago. */
async function finishedAccountWithBudget() {
  Object.assign(account.proxy.state, { mfa: true, accessKeys: false, rootReport: { passwordLastUsed: 'no_information', generatedAt: hoursAgo(1) } });
  await makeAdmin('admin-jane', { mfa: true });
  await finishAccountSettings();
  await account.aws.iam.send(new GenerateCredentialReportCommand({}));
  await account.aws.budgets.send(createAlertingBudget('123456789012'));
  account.proxy.resetCounts();
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Depth is read from when each request reached the proxy and when each answer left it. 150 ms of
 * added latency per request keeps answers back long enough that a busy machine, slow to send the
 * first wave, cannot make a request look as if it waited for one it did not.
 */
const LATENCY_MS = 150;

async function withLatency<T>(run: () => Promise<T>): Promise<T> {
  account.proxy.latencyMs = LATENCY_MS;
  try {
    return await run();
  } finally {
    account.proxy.latencyMs = 0;
  }
}

/** The product's own clients, signed with credentials whose source names the account (as IAM Identity Center, `aws login` and roles do). */
async function clientsNamingTheAccount(accountId = '123456789012'): Promise<AwsClients> {
  return createClients({
    credentials: { accessKeyId: TEMPORARY_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret', sessionToken: 'token', accountId },
  });
}

describe('status, round trips', () => {
  it('is two round trips deep: the identity with every account-level read, then each admin and budget', async () => {
    await finishedAccountWithBudget();
    const aws = await clientsNamingTheAccount();
    try {
      const report = await withLatency(() => status(aws));
      expect(report.ok).toBe(true);
      expect(runDepth(account.proxy.timings)).toBe(2);
      expect(callsByDepth()).toEqual({
        1: [
          'account:GetAlternateContact',
          'budgets:DescribeBudgets',
          'iam:GetAccountAuthorizationDetails',
          'iam:GetAccountPasswordPolicy',
          'iam:GetAccountSummary',
          'iam:GetCredentialReport',
          'iam:ListAccountAliases',
          'iam:ListEntitiesForPolicy',
          'iam:ListVirtualMFADevices',
          'sts:GetCallerIdentity',
        ],
        2: ['budgets:DescribeNotificationsForBudget', 'iam:GetLoginProfile', 'iam:ListMFADevices'],
      });
    } finally {
      Object.values(aws).forEach((client) => client.destroy());
    }
  });

  it('reads everything again when the identity contradicts what the first wave assumed', async () => {
    await finishedAccountWithBudget();
    const aws = await clientsNamingTheAccount('999999999999');
    try {
      const report = await status(aws);
      expect(report.account).toBe('123456789012');
      expect(report.checks.find((c) => c.id === 'billing-alert')).toMatchObject({ status: 'pass' });
      expect(account.proxy.count('budgets:DescribeBudgets')).toBe(2);
      expect(account.proxy.count('iam:GetAccountSummary')).toBe(2);
    } finally {
      Object.values(aws).forEach((client) => client.destroy());
    }
  });

  it('without the account id in the credentials (CloudShell, access keys), only Budgets waits for the identity', async () => {
    await finishedAccountWithBudget();
    await withLatency(() => status());
    expect(runDepth(account.proxy.timings)).toBe(3);
    expect(callsByDepth()[2]).toContain('budgets:DescribeBudgets');
    expect(callsByDepth()[3]).toEqual(['budgets:DescribeNotificationsForBudget']);
  });
});

describe('status and the credential report: it never waits for one', () => {
  const recentUse = (report: Awaited<ReturnType<typeof status>>) => report.checks.find((c) => c.id === 'root-recent-use');

  it('uses a report under four hours old as it is, and asks for no new one', async () => {
    await finishedAccountWithBudget();
    expect(recentUse(await status())).toMatchObject({ status: 'info', detail: expect.stringMatching(/\(report made 1 hour ago, \d{4}-\d\d-\d\d\)/) });
    expect(account.proxy.count('iam:GetCredentialReport')).toBe(1);
    expect(account.proxy.count('iam:GenerateCredentialReport')).toBe(0);
  });

  it('uses an older report, saying how old, and asks for a new one for next time', async () => {
    await finishedAccountWithBudget();
    account.proxy.state.rootReport = { passwordLastUsed: hoursAgo(30), generatedAt: hoursAgo(6) };
    account.proxy.state.caller = 'user';
    expect(recentUse(await status())).toEqual({
      id: 'root-recent-use',
      title: expect.any(String),
      required: false,
      status: 'info',
      detail: expect.stringMatching(/^root last signed in 30 hours ago, \d{4}-\d\d-\d\d \(report made 6 hours ago, \d{4}-\d\d-\d\d; a newer one is being made\)$/),
    });
    expect(account.proxy.calls.filter((c) => c.includes('CredentialReport'))).toEqual(['iam:GetCredentialReport', 'iam:GenerateCredentialReport']);
  });

  it.each([
    ['none was ever made', undefined],
    ['the last one expired', { status: 410, code: 'ReportExpired', message: 'The credential report has expired.' }],
    ['one is being made', { status: 404, code: 'ReportInProgress', message: 'Report generation in progress.' }],
  ])('asks once and says so when %s', async (_, answer) => {
    if (answer) {
      await account.aws.iam.send(new GenerateCredentialReportCommand({}));
      account.proxy.failNext('iam:GetCredentialReport', answer);
      account.proxy.resetCounts();
    }
    expect(recentUse(await status())).toMatchObject({ status: 'info', detail: expect.stringContaining('a new one is being made') });
    expect(account.proxy.count('iam:GetCredentialReport')).toBe(1);
    // A report already being made is not asked for again.
    expect(account.proxy.count('iam:GenerateCredentialReport')).toBe(answer?.code === 'ReportInProgress' ? 0 : 1);
  });
});
