// The org wizard in-process against moto's organization and the proxy's centralized root access:
// turning it on, the plan, removal, re-runs, and the choices a person makes. Questions are answered
// from a table (ScriptedUI); the terminal itself is tested in wizard-terminal.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { runOrgInProcess } from '../support/org/run-org.js';
import { MIXED_ORGANIZATION, useTestOrg, type OrgSpec } from '../support/org/test-org.js';
import { ScriptedUI, type Answer } from '../support/scripted-ui.js';

const t = useTestOrg();

const OFF: OrgSpec['access'] = { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false };
const YES_TO_ALL = { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true, 'offer-delegated-admin': false, accounts: 'all', remove: true };
const DELETES = /:(Delete|Deactivate)/;

function wizard(answers: Record<string, Answer | Answer[]>, argv: string[] = []) {
  const ui = new ScriptedUI(answers);
  return runOrgInProcess(t, argv, { prompts: ui }).then((result) => ({ ...result, ui }));
}

const rootOf = (name: string) => t.org.rootOf(t.ids[name]!);
const locked = (name: string) => {
  const r = rootOf(name);
  return !r.password && r.accessKeys.length === 0 && r.mfaDevices.length === 0 && r.certificates.length === 0;
};

describe('turning centralized root access on', () => {
  beforeEach(() => t.reset({ ...MIXED_ORGANIZATION, access: OFF }));

  it('asks for each switch in turn, with its CLI equivalent, and turns it on', async () => {
    const { stdout, ui } = await wizard({ ...YES_TO_ALL, remove: false });
    expect(ui.of('ask').slice(0, 3).map((a) => a.key)).toEqual(['trustedAccess', 'rootCredentialsManagement', 'rootSessions']);
    expect(stdout).toContain('$ aws organizations enable-aws-service-access --service-principal iam.amazonaws.com');
    expect(stdout).toContain('$ aws iam enable-organizations-root-credentials-management');
    expect(stdout).toContain('$ aws iam enable-organizations-root-sessions');
    expect(t.proxy.calls.filter((c) => /Enable/.test(c))).toEqual([
      'organizations:EnableAWSServiceAccess',
      'iam:EnableOrganizationsRootCredentialsManagement',
      'iam:EnableOrganizationsRootSessions',
    ]);
    expect(t.proxy.calls.filter((c) => c === 'iam:ListOrganizationsFeatures')).toHaveLength(2); // before, and to confirm after
    expect(t.org.trustedAccess).toBe(true);
    expect([...t.org.features].sort()).toEqual(['RootCredentialsManagement', 'RootSessions']);
  });

  it('leaves a switch off when told, skips what needs it, and audits nothing without root sessions', async () => {
    const { stdout, code } = await wizard({ trustedAccess: false, accounts: 'all' });
    expect(stdout).toContain('It needs trusted access for IAM first.');
    expect(stdout).toContain('root sessions are off');
    expect(t.proxy.calls.filter((c) => /Enable|AssumeRoot/.test(c))).toEqual([]);
    expect(code).toBe(1);
  });

  it('a re-run asks nothing about switches already on', async () => {
    await wizard({ ...YES_TO_ALL, remove: false });
    t.proxy.resetCounts();
    const { ui } = await wizard({ 'offer-delegated-admin': false, accounts: 'all', remove: false });
    expect(ui.of('ask').map((a) => a.key)).toEqual(['offer-delegated-admin', 'accounts', 'remove']);
    expect(t.proxy.calls.filter((c) => /Enable/.test(c))).toEqual([]);
  });
});

describe('removing member root credentials', () => {
  beforeEach(() => t.reset(MIXED_ORGANIZATION));

  it('audits, shows the plan per account, asks once, removes everything, and proves each account locked', async () => {
    const { stdout, code, ui } = await wizard(YES_TO_ALL);
    const plan = stdout.slice(stdout.indexOf('Plan:'));
    expect(plan).toContain(`• ${t.ids['password-no-mfa']} password-no-mfa: the root password`);
    expect(plan).toMatch(new RegExp(`• ${t.ids['old-root-key']} old-root-key: access key AKIA\\w+`));
    expect(plan).toMatch(new RegExp(`• ${t.ids['password-and-mfa']} password-and-mfa: the root password, signing certificate \\w+, MFA device arn:aws:iam::\\d+:mfa/root-device-0`));
    expect(plan).toContain('IAMDeleteRootUserCredentials');
    expect(ui.of('ask').find((a) => a.key === 'remove')?.message).toBe('Remove these root credentials from 3 accounts?');
    for (const name of ['password-no-mfa', 'old-root-key', 'password-and-mfa']) expect(locked(name)).toBe(true);
    expect(rootOf('closed').password).toBeDefined(); // no session reaches a closed account
    expect(t.proxy.calls.filter((c) => DELETES.test(c)).sort()).toEqual(
      ['iam:DeactivateMFADevice', 'iam:DeleteAccessKey', 'iam:DeleteLoginProfile', 'iam:DeleteLoginProfile', 'iam:DeleteSigningCertificate', 'iam:DeleteVirtualMFADevice'].sort(),
    );
    const removing = stdout.slice(stdout.indexOf('Plan:'));
    expect(removing).toMatch(new RegExp(`${t.ids['old-root-key']}\\s+old-root-key\\s+locked\\s+removed access key AKIA\\w+`));
    expect(stdout).toContain(`The management account 123456789012`);
    expect(code).toBe(0);
  });

  it('opens each removal session with the delete task policy only for accounts that need it', async () => {
    await wizard(YES_TO_ALL);
    const policies = t.proxy.calls
      .map((c, i) => (c === 'sts:AssumeRoot' ? t.proxy.calls.slice(0, i + 1).filter((x) => x === 'sts:AssumeRoot').length : 0))
      .filter(Boolean);
    expect(policies).toHaveLength(5 + 3); // an audit session per active member, a removal session per open one
  });

  it('a re-run finds nothing to remove and changes nothing', async () => {
    await wizard(YES_TO_ALL);
    t.proxy.resetCounts();
    const { stdout, code, ui } = await wizard(YES_TO_ALL);
    expect(stdout).toContain('No member chosen has root credentials left to remove.');
    expect(ui.of('ask').map((a) => a.key)).not.toContain('remove');
    expect(t.proxy.calls.filter((c) => DELETES.test(c))).toEqual([]);
    expect(code).toBe(0);
  });

  it('saying no removes nothing', async () => {
    const { code, stdout } = await wizard({ ...YES_TO_ALL, remove: false });
    expect(stdout).toContain('Nothing removed.');
    expect(t.proxy.calls.filter((c) => DELETES.test(c))).toEqual([]);
    expect(locked('password-no-mfa')).toBe(false);
    expect(code).toBe(1);
  });

  it('--dry-run shows the plan and changes nothing', async () => {
    const { code, stdout } = await runOrgInProcess(t, ['--dry-run']);
    expect(stdout).toContain('Plan: remove the root credentials of 3 member accounts');
    expect(stdout).toContain('Dry run: nothing was changed.');
    expect(t.proxy.calls.filter((c) => DELETES.test(c) || /Enable|Register/.test(c))).toEqual([]);
    expect(code).toBe(1);
  });

  it('--yes with --accounts removes from those accounts only', async () => {
    const { code } = await runOrgInProcess(t, ['--yes', '--accounts', t.ids['password-no-mfa']!]);
    expect(locked('password-no-mfa')).toBe(true);
    expect(locked('old-root-key')).toBe(false);
    expect(code).toBe(0);
  });

  it('choosing accounts by name and by OU', async () => {
    await t.reset({ members: { a: { ou: 'Prod', root: { password: true } }, b: { root: { password: true } }, c: { ou: 'Prod', root: { password: true } } } });
    await wizard({ 'offer-delegated-admin': false, accounts: 'ou', ou: t.ous.Prod!, remove: true });
    expect([locked('a'), locked('b'), locked('c')]).toEqual([true, false, true]);
    await wizard({ 'offer-delegated-admin': false, accounts: ['accounts', t.ids.b!], remove: true });
    expect(locked('b')).toBe(true);
  });
});

describe('one account failing', () => {
  beforeEach(() =>
    t.reset({
      members: {
        blocked: { root: { password: true }, scpDeniesRoot: true },
        fine: { root: { password: true, keys: [{}] } },
        flaky: { root: { keys: [{}, { status: 'inactive' }] } },
      },
    }),
  );

  it('an SCP blocking root sessions in one member is reported with the reason, and the others are locked', async () => {
    const { stdout, code } = await runOrgInProcess(t, ['status']);
    expect(stdout).toMatch(new RegExp(`${t.ids.blocked}\\s+blocked\\s+unknown\\s+iam:GetLoginProfile was denied by a service control policy`));
    expect(code).toBe(1);
    const removal = await runOrgInProcess(t, ['--yes', '--accounts', Object.values(t.ids).join(',')]);
    expect(locked('fine')).toBe(true);
    expect(locked('flaky')).toBe(true);
    expect(removal.code).toBe(1);
  });

  it('a passing fault is tried again: the account still ends locked', async () => {
    t.proxy.failNext('iam:DeleteAccessKey', { status: 500, code: 'ServiceFailure' }, 6);
    const { code } = await runOrgInProcess(t, ['--yes', '--accounts', `${t.ids.fine},${t.ids.flaky}`]);
    expect(locked('fine') && locked('flaky')).toBe(true);
    expect(code).toBe(0);
  });

  it('a write refused in one account stops only that account; the next run finishes it', async () => {
    t.proxy.failNext('iam:DeleteAccessKey', { status: 403, code: 'AccessDenied', message: 'denied (injected)' }, 1);
    const first = await runOrgInProcess(t, ['--yes', '--accounts', `${t.ids.fine},${t.ids.flaky}`]);
    expect(first.stdout.match(/unknown\s+iam:DeleteAccessKey failed: access denied/g)).toHaveLength(1);
    expect([locked('fine'), locked('flaky')].filter(Boolean)).toHaveLength(1);
    expect(first.code).toBe(1);
    const second = await runOrgInProcess(t, ['--yes', '--accounts', `${t.ids.fine},${t.ids.flaky}`]);
    expect(locked('fine') && locked('flaky')).toBe(true);
    expect(second.code).toBe(0);
  });
});

describe('the delegated administrator', () => {
  beforeEach(() => t.reset(MIXED_ORGANIZATION));

  it('--delegated-admin registers a member as IAM\'s delegated administrator, once', async () => {
    const id = t.ids['already-locked']!;
    await runOrgInProcess(t, ['--yes', '--delegated-admin', id, '--accounts', id]);
    expect(t.org.delegatedAdmins).toEqual([id]);
    expect(t.proxy.lastParams('organizations:RegisterDelegatedAdministrator')).toBeDefined();
    t.proxy.resetCounts();
    const again = await runOrgInProcess(t, ['--yes', '--delegated-admin', id, '--accounts', id]);
    expect(again.stdout).toContain(`IAM's delegated administrator: ${id}`);
    expect(t.proxy.count('organizations:RegisterDelegatedAdministrator')).toBe(0);
  });

  it('run from the delegated administrator: audits and removes, and leaves the switches to the management account', async () => {
    await t.reset({ ...MIXED_ORGANIZATION, access: { rootCredentialsManagement: false }, delegatedAdmin: 'already-locked' });
    t.extension.callerAccount = t.ids['already-locked']!;
    const { stdout, code } = await runOrgInProcess(t, ['--yes', '--accounts', t.ids['password-no-mfa']!]);
    expect(stdout).toContain('Only the management account can turn it on.');
    expect(t.proxy.calls.filter((c) => /Enable/.test(c))).toEqual([]);
    expect(locked('password-no-mfa')).toBe(true);
    expect(code).toBe(0);
  });
});

describe('what stops a run before any member', () => {
  it('the root user: root cannot call sts:AssumeRoot', async () => {
    await t.reset(MIXED_ORGANIZATION);
    t.proxy.state.caller = 'root';
    const { code, stderr } = await runOrgInProcess(t, ['status']);
    expect(stderr).toContain('you are signed in as the root user, and root cannot call sts:AssumeRoot');
    expect(t.proxy.calls).toEqual(['sts:GetCallerIdentity']);
    expect(code).toBe(2);
  });

  it('a member account that is neither the management account nor the delegated administrator', async () => {
    await t.reset(MIXED_ORGANIZATION);
    t.extension.callerAccount = t.ids['already-locked']!;
    const { code, stderr } = await runOrgInProcess(t, ['status']);
    expect(stderr).toContain("this account is neither the organization's management account nor IAM's delegated administrator");
    expect(t.proxy.calls).not.toContain('organizations:ListAccounts');
    expect(code).toBe(3);
  });

  it('an organization with consolidated billing only', async () => {
    await t.reset({ ...MIXED_ORGANIZATION, consolidatedBillingOnly: true });
    const { code, stderr } = await runOrgInProcess(t, ['status']);
    expect(stderr).toContain('centralized root access needs all features');
    expect(code).toBe(3);
  });

  it('an account in no organization', async () => {
    await t.reset({ members: {} });
    await t.moto.reset();
    const { code, stderr } = await runOrgInProcess(t, ['status']);
    expect(stderr).toContain('this account is not in an AWS Organization');
    expect(code).toBe(3);
  });
});

describe('break glass', () => {
  beforeEach(() => t.reset(MIXED_ORGANIZATION));

  it('re-enables password recovery for a locked member, in a session scoped to it, without a password', async () => {
    const id = t.ids['already-locked']!;
    const { code, stdout } = await runOrgInProcess(t, ['break-glass', '--account', id], { prompts: new ScriptedUI({ 'break-glass': true }) });
    expect(t.proxy.lastParams('sts:AssumeRoot')?.get('TaskPolicyArn.arn')).toBe('arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword');
    expect([...t.proxy.lastParams('iam:CreateLoginProfile')!.keys()].sort()).toEqual(['Action', 'Version']);
    expect(rootOf('already-locked').password).toBeDefined();
    expect(stdout).toContain('already-locked@example.com');
    expect(stdout).toContain(`Lock it away again: aws-root-lockdown org --accounts ${id}`);
    expect(code).toBe(0);
    // ... and the wizard removes it again.
    await runOrgInProcess(t, ['--yes', '--accounts', id]);
    expect(locked('already-locked')).toBe(true);
  });

  it('changes nothing when told no, or when root has a password already', async () => {
    const no = await runOrgInProcess(t, ['break-glass', '--account', t.ids['already-locked']!], { prompts: new ScriptedUI({ 'break-glass': false }) });
    expect(no.stdout).toContain('Nothing changed.');
    expect(t.proxy.count('sts:AssumeRoot')).toBe(0);
    const has = await runOrgInProcess(t, ['break-glass', '--account', t.ids['password-no-mfa']!, '--yes']);
    expect(has.stdout).toContain('already has a password: nothing changed');
    expect(has.code).toBe(1);
  });

  it('refuses the management account', async () => {
    await expect(runOrgInProcess(t, ['break-glass', '--account', '123456789012', '--yes'])).rejects.toThrow(/management account/);
  });
});
