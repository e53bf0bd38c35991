import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import { collectStatus, nothingReadable } from '../../src/engine/status.js';
import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import type { CreateVirtualMFADeviceCommandOutput } from '@aws-sdk/client-iam';
import { totp } from '../support/totp.js';
import { statusJson, statusTable } from '../../src/ui/status-view.js';
import { adminMfa } from '../../steps/admin-mfa.js';
import { adminSignIn } from '../../steps/admin-sign-in.js';
import { loadSteps, MANIFEST, STEP_IDS } from '../../steps/manifest.js';
import { useTestAccount, writeCalls, checkContext } from '../support/test-account.js';

const account = useTestAccount();
const ALL_STEPS = await loadSteps();

async function status() {
  const identity = await account.identity();
  return collectStatus(identity, account.reader(identity), ALL_STEPS, awsConsoleLinks(identity.partition));
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
