import { CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { rootHardwareMfa } from '../../steps/root-hardware-mfa.js';
import { rootMfaBackup } from '../../steps/root-mfa-backup.js';
import { rootRecentUse } from '../../steps/root-recent-use.js';
import { FakeClock } from '../support/fake-clock.js';
import { totp } from '../support/totp.js';
import { runSteps, useTestAccount, checkContext } from '../support/test-account.js';

const account = useTestAccount({ mfa: true });

/** A step's check as the wizard runs it (its reader may wait for the credential report, on `clock`). */
async function check(step: typeof rootMfaBackup | typeof rootRecentUse, clock = new FakeClock()) {
  const identity = await account.identity();
  return step.check(checkContext(identity, account.reader(identity, { clock })));
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
/** The date as the wizard shows it beside "… ago": the UTC day. */
const day = (iso: string) => iso.slice(0, 10);

describe('root-hardware-mfa and root-mfa-backup (advisory)', () => {
  it('with root on one authenticator app: info for both, and the wizard gives advice without waiting', async () => {
    account.proxy.state.rootVirtualMfa = ['root-account-mfa-device'];
    expect(await check(rootHardwareMfa)).toMatchObject({ status: 'info', detail: expect.stringContaining('authenticator app') });
    expect(await check(rootMfaBackup)).toMatchObject({ status: 'info', detail: expect.stringContaining('one authenticator app') });
    const { ui, outcomes } = await runSteps(account, [rootHardwareMfa, rootMfaBackup]);
    expect(outcomes).toEqual(['advised', 'advised']);
    expect(ui.of('checklist').map((c) => c.list.heading)).toEqual(['To move root to a security key', 'If you have not yet, register a backup device']);
    expect(ui.of('waiting')).toEqual([]);
  });

  it('with no root device in ListVirtualMFADevices: a security key or passkey, which passes', async () => {
    expect(await check(rootHardwareMfa)).toMatchObject({ status: 'pass' });
    account.proxy.state.rootVirtualMfa = ['a', 'b'];
    expect(await check(rootMfaBackup)).toMatchObject({ status: 'pass', detail: 'root has 2 authenticator-app devices' });
  });

  it("matches root's ARN exactly: an IAM user named root is not root", async () => {
    const iam = account.aws.iam;
    await iam.send(new CreateUserCommand({ UserName: 'root' }));
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'root' }));
    const seed = new TextDecoder().decode(VirtualMFADevice!.Base32StringSeed);
    const serial = VirtualMFADevice!.SerialNumber;
    const [code1, code2] = [totp(seed, Date.now()), totp(seed, Date.now() + 30_000)];
    await iam.send(new EnableMFADeviceCommand({ UserName: 'root', SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }));
    expect(await check(rootHardwareMfa)).toMatchObject({ status: 'pass' });
  });

  it('do not apply before root has MFA, or when root has no password', async () => {
    account.proxy.state.mfa = false;
    expect(await check(rootMfaBackup)).toMatchObject({ status: 'not-applicable' });
    account.proxy.state.password = false;
    expect(await check(rootHardwareMfa)).toMatchObject({ status: 'not-applicable' });
  });
});

describe('root-recent-use (advisory, from the credential report)', () => {
  it('warns, with the report age, when root signed in recently', async () => {
    account.proxy.state.rootReport = { passwordLastUsed: hoursAgo(5), generatedAt: hoursAgo(2) };
    account.proxy.state.caller = 'user';
    expect(await check(rootRecentUse)).toEqual({
      status: 'info',
      detail: `root last signed in 5 hours ago, ${day(hoursAgo(5))} (report made 2 hours ago, ${day(hoursAgo(2))})`,
    });
  });

  it('passes when root has been quiet for weeks, and names a root key use', async () => {
    account.proxy.state.caller = 'user';
    account.proxy.state.rootReport = { passwordLastUsed: hoursAgo(24 * 40), accessKey1LastUsed: hoursAgo(24 * 30), generatedAt: hoursAgo(1) };
    expect(await check(rootRecentUse)).toEqual({
      status: 'pass',
      detail: `root last used access key 1 30 days ago, ${day(hoursAgo(24 * 30))} (report made 1 hour ago, ${day(hoursAgo(1))})`,
    });
  });

  it('says so when this very run is signed in as root', async () => {
    account.proxy.state.rootReport = { passwordLastUsed: 'no_information' };
    expect(await check(rootRecentUse)).toMatchObject({ status: 'info', detail: expect.stringContaining('this run itself is signed in as root') });
  });

  it('generates the report once and waits with backoff while AWS makes it', async () => {
    account.proxy.state.rootReport = { passwordLastUsed: 'no_information' };
    account.proxy.failNext('iam:GetCredentialReport', { status: 410, code: 'ReportInProgress', message: 'in progress' }, 2);
    const clock = new FakeClock();
    expect(await check(rootRecentUse, clock)).toMatchObject({ status: 'info' });
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(account.proxy.count('iam:GenerateCredentialReport')).toBe(1);
    expect(account.proxy.count('iam:GetCredentialReport')).toBe(3);
  });

  it('in the wizard, says why it waits while AWS makes the report, and only then', async () => {
    account.proxy.state.rootReport = { passwordLastUsed: 'no_information' };
    account.proxy.failNext('iam:GetCredentialReport', { status: 404, code: 'ReportInProgress', message: 'in progress' }, 1);
    const waited = await runSteps(account, [rootRecentUse]);
    expect(waited.ui.of('busy')).toEqual([{ type: 'busy', message: expect.stringContaining('credential report'), done: true }]);
    expect(waited.clock.sleeps).toEqual([1000]);
    // The report is there now: the next run does not wait.
    const again = await runSteps(account, [rootRecentUse]);
    expect(again.ui.of('busy')).toEqual([]);
    expect(again.clock.sleeps).toEqual([]);
  });
});
