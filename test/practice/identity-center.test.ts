// The Identity Center way in practice mode, in-process: the wizard's admin-user against the practice
// account, Identity Center enabled through the practice console's form while the wizard waits, then
// the first sign-in at the practice AWS access portal: a one-time password, a new one, an MFA device.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountReader } from '../../src/aws/account-reader.js';
import { collectStatus } from '../../src/engine/status.js';
import { practiceLinks } from '../../src/practice/console/addresses.js';
import { PRACTICE_CREDENTIALS, type PracticeServer } from '../../src/practice/server.js';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { adminUser } from '../../steps/admin-user.js';
import { FakeClock } from '../support/fake-clock.js';
import { runPracticeSteps, startPracticeRun, type PracticeRun } from '../support/practice-run.js';
import { ScriptedUI } from '../support/scripted-ui.js';

let run: PracticeRun;
let server: PracticeServer;

beforeEach(async () => {
  run = await startPracticeRun();
  server = run.server;
});
afterEach(() => run.close());

async function submit(path: string, form: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}
const field = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? '';

const runAdminUser = (answers: Record<string, string | boolean>, clock = new FakeClock()) => runPracticeSteps(run, [adminUser], new ScriptedUI(answers), clock);

const ANSWERS = {
  'admin-via': 'identity-center',
  'identity-center-region': 'eu-west-1',
  'identity-center-user': 'jane',
  'given-name': 'Jane',
  'family-name': 'Doe',
  'admin-email': 'jane@example.com',
  'session-duration': 'PT4H',
  'apply-identity-center-admin': true,
};

describe('the Identity Center way in practice mode', () => {
  it('the built-in organization is there; the learner enables Identity Center in the practice console; the admin is made; status accepts it', async () => {
    const clock = new FakeClock();
    // While the wizard waits, the learner presses "Enable" in the practice console.
    clock.onSleep = async () => void (server.account.identityCenter.instance ?? (await submit('/identity-center/enable', { region: 'eu-west-1' })));
    const { ui, reports, identity } = await runAdminUser(ANSWERS, clock);
    expect(reports.map((r) => r.outcome)).toEqual(['done']);
    const parts = ui.of('result').filter((r) => r.when === 'before').map((r) => [r.id, r.result.status]);
    expect(parts).toEqual([
      ['admin-user', 'fail'],
      ['identity-center-organization', 'pass'],
      ['identity-center-enable', 'fail'],
      ['identity-center-admin', 'fail'],
      ['identity-center-sign-in', 'info'],
    ]);
    // The checklist links to the practice console's Identity Center page; "p" there enables it too.
    expect(ui.of('checklist')[0]!.list.url).toBe(`${server.url}/identity-center`);
    expect(ui.of('waiting')[0]!.doItForMe).toBeDefined();
    const ic = server.account.identityCenter;
    expect(ic.instance?.region).toBe('eu-west-1');
    expect(ic.permissionSets.map((p) => [p.name, p.sessionDuration, p.policies])).toEqual([['AdministratorAccess', 'PT4H', ['arn:aws:iam::aws:policy/AdministratorAccess']]]);
    const status = await collectStatus(identity, new AccountReader(run.aws, identity), [adminUser], practiceLinks(server.url));
    expect(status.checks[0]).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^IAM Identity Center admin role: AWSReservedSSO_AdministratorAccess_/) });
    // The sign-in advice points at the practice portal.
    expect(ui.of('checklist')[1]!.list.items.join('\n')).toContain(`${server.url}/portal`);
  });

  it('"p" enables Identity Center for a learner without a browser', async () => {
    expect(server.console.enableIdentityCenter('us-east-1')).toMatch(/^Enabled IAM Identity Center in us-east-1 \(identity store d-[0-9a-f]{10}\)\.$/);
    expect(server.console.enableIdentityCenter('eu-west-1')).toBe('IAM Identity Center is already enabled in us-east-1.');
  });

  it('the first sign-in at the portal: a one-time password from the console, a new password, a required MFA device', async () => {
    const clock = new FakeClock();
    clock.onSleep = async () => void (server.account.identityCenter.instance ?? (await submit('/identity-center/enable', { region: 'eu-west-1' })));
    await runAdminUser(ANSWERS, clock);
    const jane = server.account.identityCenter.userNamed('jane')!;

    // Settings, Authentication: always-on, and a device required at sign-in.
    expect((await submit('/identity-center/mfa', { prompt: 'always-on', withoutDevice: 'require-registration' })).status).toBe(303);
    const reset = await submit('/identity-center/reset-password', { user: jane.id, mode: 'one-time' });
    const otp = field(reset.html, /<code id="one-time-password">([^<]+)<\/code>/);
    expect(otp).not.toBe('');

    expect((await submit('/portal/sign-in', { user: 'jane', password: 'wrong' })).status).toBe(401);
    expect((await submit('/portal/sign-in', { user: 'jane', password: otp })).html).toContain('Choose a new password');
    const registration = await submit('/portal/sign-in', { user: 'jane', password: otp, newPassword: 'Jane-Own-Passw0rd' });
    expect(registration.html).toContain('Register an MFA device for jane');
    const secret = field(registration.html, /<code id="secret">([A-Z2-7]+)<\/code>/);
    const token = field(registration.html, /name="token" value="([0-9a-f]+)"/);
    const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
    const portal = await submit('/portal/register-mfa', { token, code1, code2 });
    expect(portal.html).toContain(`${server.account.state.accountId}: AdministratorAccess`);

    // The one-time password is spent; the new one and a code from the device sign in.
    expect((await submit('/portal/sign-in', { user: 'jane', password: otp })).status).toBe(401);
    expect((await submit('/portal/sign-in', { user: 'jane', password: 'Jane-Own-Passw0rd' })).html).toContain('Additional verification required');
    const [, now] = twoConsecutiveCodes(secret, Date.now());
    expect((await submit('/portal/sign-in', { user: 'jane', password: 'Jane-Own-Passw0rd', code: now })).html).toContain('signed in as jane');
  });

  it('checks what it receives by AWS\'s rules, in the region Identity Center lives in', async () => {
    server.console.enableIdentityCenter('eu-west-1');
    const { SSOAdminClient, ListInstancesCommand, CreatePermissionSetCommand } = await import('@aws-sdk/client-sso-admin');
    const client = (region: string) => new SSOAdminClient({ endpoint: server.url, region, credentials: PRACTICE_CREDENTIALS });
    expect((await client('us-east-1').send(new ListInstancesCommand({}))).Instances).toEqual([]);
    const [instance] = (await client('eu-west-1').send(new ListInstancesCommand({}))).Instances!;
    await expect(client('eu-west-1').send(new CreatePermissionSetCommand({ InstanceArn: instance!.InstanceArn, Name: 'has space', SessionDuration: 'PT1H' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must satisfy regular expression pattern: [\\w+=,.@-]+'),
    });
    await client('eu-west-1').send(new CreatePermissionSetCommand({ InstanceArn: instance!.InstanceArn, Name: 'AdministratorAccess', SessionDuration: 'PT1H' }));
    await expect(client('eu-west-1').send(new CreatePermissionSetCommand({ InstanceArn: instance!.InstanceArn, Name: 'AdministratorAccess', SessionDuration: 'PT1H' }))).rejects.toMatchObject({
      name: 'ConflictException',
      message: 'PermissionSet with name AdministratorAccess already exists.',
    });
  });
});
