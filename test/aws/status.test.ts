import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectStatus, nothingReadable } from '../../src/engine/status.js';
import { statusJson } from '../../src/ui/status-view.js';
import { adminMfa } from '../../steps/admin-mfa.js';
import { adminSignIn } from '../../steps/admin-sign-in.js';
import { ALL_STEPS } from '../../steps/index.js';
import { startTestAccount, writeCalls, type TestAccount } from '../support/test-account.js';

let account: TestAccount;
beforeAll(async () => {
  account = await startTestAccount();
}, 30_000);
afterAll(() => account?.close());
beforeEach(() => account.reset());

async function status() {
  const identity = await account.identity();
  return collectStatus(identity, account.reader(identity), ALL_STEPS);
}
const statuses = (report: Awaited<ReturnType<typeof status>>) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

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
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
  }
}

describe('status', () => {
  it('on a new account: every check fails, with the summary and caller', async () => {
    const report = await status();
    expect(statuses(report)).toEqual({ 'root-mfa': 'fail', 'root-access-keys': 'fail', 'admin-user': 'fail', 'admin-mfa': 'fail' });
    expect(report).toMatchObject({
      account: '123456789012',
      partition: 'aws',
      caller: { arn: 'arn:aws:iam::123456789012:root', isRoot: true },
      summary: { RootMFA: 0, RootKeys: 1, Users: 0, MFADevices: 0 },
      ok: false,
    });
  });

  it('on a finished account: ok, and admin groups count', async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false });
    await makeAdmin('admin-jane', { mfa: true });
    const report = await status();
    expect(statuses(report)).toEqual({ 'root-mfa': 'pass', 'root-access-keys': 'pass', 'admin-user': 'pass', 'admin-mfa': 'pass' });
    expect(report.ok).toBe(true);
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
    expect(parsed.checks.map((c: { id: string }) => c.id)).toEqual(['root-mfa', 'root-access-keys', 'admin-user', 'admin-mfa']);
  });
});

describe('admin follow-up checks', () => {
  it('admin-sign-in passes once the admin has used its password', async () => {
    await makeAdmin('admin-jane', { mfa: false });
    const identity = await account.identity();
    const check = () => adminSignIn.check({ identity, read: account.reader(identity), adminUser: 'admin-jane' });
    expect(await check()).toMatchObject({ status: 'fail' });
    account.proxy.state.signedIn.add('admin-jane');
    expect(await check()).toMatchObject({ status: 'pass', detail: expect.stringContaining('last signed in') });
  });

  it('admin-mfa looks at the user this run set up when there is one', async () => {
    await makeAdmin('protected', { mfa: true });
    await makeAdmin('fresh', { mfa: false });
    const identity = await account.identity();
    const read = account.reader(identity);
    expect(await adminMfa.check({ identity, read, adminUser: 'protected' })).toMatchObject({ status: 'pass' });
    expect(await adminMfa.check({ identity, read, adminUser: 'fresh' })).toMatchObject({ status: 'fail' });
    expect(await adminMfa.check({ identity, read, adminUser: 'nobody' })).toMatchObject({ status: 'fail' });
  });
});
