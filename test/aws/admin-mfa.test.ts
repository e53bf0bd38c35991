import { AttachUserPolicyCommand, CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, ListMFADevicesCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import { EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { adminMfa } from '../../steps/admin-mfa.js';
import { adminUser } from '../../steps/admin-user.js';
import { FakeClock } from '../support/fake-clock.js';
import type { Answer, ScriptedUI } from '../support/scripted-ui.js';
import { totp } from '../support/totp.js';
import { runSteps, useTestAccount, writeCalls } from '../support/test-account.js';

const account = useTestAccount();

const USER = 'admin-jane';
const SERIAL = `arn:aws:iam::123456789012:mfa/${USER}`;

/** The seed as the person's app would read it from the QR code shown last. */
const seedShown = (ui: ScriptedUI) => new URL(ui.of('qr').at(-1)!.uri).searchParams.get('secret')!;
/** Codes typed from the app: the current one, then the next. */
const appCode = (offsetMs: number) => (ui: ScriptedUI) => totp(seedShown(ui), Date.now() + offsetMs);
const GOOD = { 'mfa-code-1': appCode(0), 'mfa-code-2': appCode(30_000) };

async function devices() {
  const listed = await account.aws.iam.send(new ListVirtualMFADevicesCommand({}));
  return listed.VirtualMFADevices!.map((d) => ({ serial: d.SerialNumber, user: d.User?.UserName }));
}

const enrol = (answers: Record<string, Answer | Answer[]>) =>
  runSteps(account, [adminUser, adminMfa], { 'mfa-in': 'terminal', 'apply-admin-mfa': true, ...answers }, { adminUser: USER });

describe('admin-mfa in the terminal', () => {
  beforeEach(async () => {
    await account.aws.iam.send(new CreateUserCommand({ UserName: USER }));
    await account.aws.iam.send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Some-Passw0rd!' }));
    await account.aws.iam.send(new AttachUserPolicyCommand({ UserName: USER, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    account.proxy.resetCounts();
  });

  it('shows a QR code with the seed as fallback, enables the device with two real codes, then clears the secret', async () => {
    const { ui, outcomes } = await enrol(GOOD);
    expect(outcomes).toEqual(['already-done', 'done']);
    const [qr] = ui.of('qr');
    expect(qr!.uri).toMatch(new RegExp(`^otpauth://totp/AWS:${USER}@123456789012\\?secret=[A-Z2-7]+$`)); // no issuer parameter: the label says it, one QR size less
    expect(qr!.fallback).toBe(seedShown(ui));
    // The secret leaves the screen after enrolment, and appears in nothing else the UI was given.
    const kinds = ui.events.map((e) => e.type);
    expect(kinds.lastIndexOf('forget-secret')).toBeGreaterThan(kinds.lastIndexOf('ask'));
    const elsewhere = ui.events.filter((e) => e.type !== 'qr');
    expect(JSON.stringify(elsewhere)).not.toContain(qr!.fallback);
    const assigned = await account.aws.iam.send(new ListMFADevicesCommand({ UserName: USER }));
    expect(assigned.MFADevices!.map((d) => d.SerialNumber)).toEqual([SERIAL]);
  });

  it('says why a wrong code, and codes from a clock out of sync, were refused, and lets the person try again', async () => {
    const { ui, outcomes } = await enrol({
      'mfa-code-1': ['123456', appCode(-600_000), appCode(0)],
      'mfa-code-2': ['654321', appCode(-570_000), appCode(30_000)],
    });
    expect(outcomes).toEqual(['already-done', 'done']);
    const warnings = ui.of('note').map((n) => n.note.text);
    expect(warnings[0]).toMatch(/do not come from this device/);
    expect(warnings[1]).toMatch(/out of sync/);
    expect(account.proxy.count('iam:EnableMFADevice')).toBe(3);
    expect(account.proxy.count('iam:CreateVirtualMFADevice')).toBe(1);
  });

  it('replaces an unfinished device left by an interrupted run, and leaks none', async () => {
    await account.aws.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: USER }));
    const { outcomes } = await enrol({ ...GOOD, 'mfa-leftover': 'replace' });
    expect(outcomes).toEqual(['already-done', 'done']);
    expect(account.proxy.count('iam:DeleteVirtualMFADevice')).toBe(1);
    expect(await devices()).toEqual([{ serial: SERIAL, user: USER }]);
  });

  it('reuses the unfinished device when the person already scanned it, with codes from that entry', async () => {
    const stopped = new Error('Ctrl-C');
    let scanned = '';
    const first = enrol({
      'mfa-code-1': (ui) => {
        scanned = seedShown(ui);
        throw stopped;
      },
    });
    await expect(first).rejects.toBe(stopped);
    expect(await devices()).toEqual([{ serial: SERIAL, user: undefined }]);

    account.proxy.resetCounts();
    const { ui, outcomes } = await enrol({
      'mfa-leftover': 'reuse',
      'mfa-code-1': () => totp(scanned, Date.now()),
      'mfa-code-2': () => totp(scanned, Date.now() + 30_000),
    });
    expect(outcomes).toEqual(['already-done', 'done']);
    expect(ui.of('qr')).toEqual([]);
    expect(account.proxy.count('iam:CreateVirtualMFADevice') + account.proxy.count('iam:DeleteVirtualMFADevice')).toBe(0);
    expect(await devices()).toEqual([{ serial: SERIAL, user: USER }]);
  });

  it('on the 8-device limit, deletes the fresh device instead of leaving it behind, and says why', async () => {
    // The SDK retries LimitExceeded as if it were throttling: fail every attempt.
    account.proxy.failNext('iam:EnableMFADevice', { status: 409, code: 'LimitExceeded', message: 'too many' }, 10);
    await expect(enrol(GOOD)).rejects.toThrow(/already has 8 MFA devices/);
    expect(await devices()).toEqual([]);
    // Five attempts with the SDK's throttling backoff take several seconds.
  }, 30_000);

  it('hands over to the console for a passkey or security key, and waits for the device there', async () => {
    const clock = new FakeClock();
    clock.onSleep = async () => {
      if (clock.sleeps.length !== 2) return;
      // Meanwhile, in the console: a device appears on the user.
      const { VirtualMFADevice } = await account.aws.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'console-key' }));
      const seed = new TextDecoder().decode(VirtualMFADevice!.Base32StringSeed);
      await account.aws.iam.send(
        new EnableMFADeviceCommand({
          UserName: USER,
          SerialNumber: VirtualMFADevice!.SerialNumber,
          AuthenticationCode1: totp(seed, Date.now()),
          AuthenticationCode2: totp(seed, Date.now() + 30_000),
        }),
      );
    };
    const { ui, outcomes } = await runSteps(account, [adminUser, adminMfa], { 'mfa-in': 'console' }, { adminUser: USER, clock });
    expect(outcomes).toEqual(['already-done', 'done']);
    expect(ui.of('checklist')[0]!.list.items.join(' ')).toMatch(/passkey or security key/i);
    expect(ui.of('waiting')).toHaveLength(1);
    expect(ui.of('qr')).toEqual([]);
  });

  it('without a terminal, never tries the app: it lists the console way and stays open', async () => {
    const { ui, outcomes } = await runSteps(account, [adminUser, adminMfa], {}, { adminUser: USER, interactive: false });
    expect(outcomes).toEqual(['already-done', 'pending']);
    expect(ui.of('checklist')).toHaveLength(1);
    expect(account.proxy.count('iam:CreateVirtualMFADevice')).toBe(0);
  });

  it('in a dry run without a terminal, shows the console checklist a real run would leave, and creates nothing', async () => {
    const { ui, reports } = await runSteps(account, [adminUser, adminMfa], {}, { adminUser: USER, interactive: false, dryRun: true });
    expect(reports.map((r) => [r.outcome, r.console])).toEqual([
      ['already-done', undefined],
      ['pending', 'left'],
    ]);
    expect(ui.of('checklist')[0]!.list.items.join(' ')).toMatch(/passkey or security key/i);
    expect(ui.of('plan')).toEqual([]);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('in a dry run with the app chosen, shows both CLI commands and creates nothing', async () => {
    const { ui, outcomes } = await runSteps(account, [adminUser, adminMfa], { 'mfa-in': 'terminal' }, { adminUser: USER, dryRun: true });
    expect(outcomes).toEqual(['already-done', 'planned']);
    const clis = ui.of('plan')[0]!.plan.actions.map((a) => a.cli);
    expect(clis[0]).toBe(`aws iam create-virtual-mfa-device --virtual-mfa-device-name ${USER} --bootstrap-method QRCodePNG --outfile qr.png`);
    expect(clis[1]).toMatch(`aws iam enable-mfa-device --user-name ${USER} --serial-number ${SERIAL}`);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});
