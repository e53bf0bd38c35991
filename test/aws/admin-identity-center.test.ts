// admin-user's Identity Center way, in-process against moto (Organizations, SSO Admin and the
// Identity Store are moto's; what moto lacks comes from the proxy's extension, per AWS's docs).
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetUserIdCommand, DescribeUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { ListAccountAssignmentsCommand, ListInstancesCommand, ListManagedPoliciesInPermissionSetCommand, ListPermissionSetsCommand, DescribePermissionSetCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectStatus } from '../../src/engine/status.js';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import { adminMfa } from '../../steps/admin-mfa.js';
import { adminSignIn } from '../../steps/admin-sign-in.js';
import { adminUser } from '../../steps/admin-user.js';
import { identityCenterExtension } from '../support/identity-center-extension.js';
import type { FakeClock } from '../support/fake-clock.js';
import { runSteps, useTestAccount, writeCalls } from '../support/test-account.js';
import { CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import { CreateUserCommand } from '@aws-sdk/client-identitystore';
import { CreatePermissionSetCommand } from '@aws-sdk/client-sso-admin';
import { ScriptedUI } from '../support/scripted-ui.js';

const extension = identityCenterExtension();
/** DescribeOrganization's answer where a test wants another organization than moto's (a member account's). */
let organization: Record<string, string> | undefined;
const account = useTestAccount(
  {},
  {
    extension: {
      answer: async (call, request) =>
        call === 'organizations:DescribeOrganization' && organization
          ? { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ Organization: organization }) }
          : extension.answer(call, request),
    },
  },
);
beforeEach(() => {
  extension.reset();
  organization = undefined;
});

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const config = (region: string) => ({ region, endpoint: account.proxy.url, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } });

/** The answers of a person taking the Identity Center way, enabling it in eu-west-1 while the wizard waits. */
const IDENTITY_CENTER_ANSWERS = {
  'admin-via': 'identity-center',
  'identity-center-region': REGION,
  'apply-identity-center-organization': true,
  'identity-center-user': 'jane',
  'given-name': 'Jane',
  'family-name': 'Doe',
  'admin-email': 'jane@example.com',
  'session-duration': 'PT8H',
  'apply-identity-center-admin': true,
};

/** The person enables Identity Center in the console while the wizard polls. */
const enableWhileWaiting = (clock: FakeClock, region = REGION) => {
  clock.onSleep = () => extension.enable(region);
};

describe('admin-user, the Identity Center way', { timeout: 60_000 }, () => {
  it('makes the organization, waits for Identity Center, creates the user, permission set and assignment, and finds the role', async () => {
    const ui = new ScriptedUI(IDENTITY_CENTER_ANSWERS);
    const { FakeClock } = await import('../support/fake-clock.js');
    const clock = new FakeClock();
    enableWhileWaiting(clock);
    const { outcomes } = await runSteps(account, [adminUser], {}, { ui, clock });
    expect(outcomes).toEqual(['done']);

    // The organization: this account manages it, with all features.
    const org = (await new OrganizationsClient(config('us-east-1')).send(new DescribeOrganizationCommand({}))).Organization!;
    expect([org.MasterAccountId, org.FeatureSet]).toEqual([ACCOUNT, 'ALL']);

    // The user, the permission set with the policy, and the assignment, in eu-west-1.
    const sso = new SSOAdminClient(config(REGION));
    const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
    const store = new IdentitystoreClient(config(REGION));
    const { UserId } = await store.send(
      new GetUserIdCommand({ IdentityStoreId: instance!.IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'jane' } } }),
    );
    const user = await store.send(new DescribeUserCommand({ IdentityStoreId: instance!.IdentityStoreId, UserId }));
    expect([user.DisplayName, user.Name?.GivenName, user.Name?.FamilyName, user.Emails]).toEqual(['Jane Doe', 'Jane', 'Doe', [{ Value: 'jane@example.com', Type: 'work', Primary: true }]]);
    const [permissionSetArn] = (await sso.send(new ListPermissionSetsCommand({ InstanceArn: instance!.InstanceArn }))).PermissionSets!;
    const permissionSet = (await sso.send(new DescribePermissionSetCommand({ InstanceArn: instance!.InstanceArn, PermissionSetArn: permissionSetArn }))).PermissionSet!;
    expect([permissionSet.Name, permissionSet.SessionDuration]).toEqual(['AdministratorAccess', 'PT8H']);
    const attached = await sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn: instance!.InstanceArn, PermissionSetArn: permissionSetArn }));
    expect(attached.AttachedManagedPolicies?.map((p) => p.Arn)).toEqual([ADMIN_ARN]);
    const assignments = await sso.send(new ListAccountAssignmentsCommand({ InstanceArn: instance!.InstanceArn, AccountId: ACCOUNT, PermissionSetArn: permissionSetArn }));
    expect(assignments.AccountAssignments?.map((a) => [a.PrincipalType, a.PrincipalId])).toEqual([['USER', UserId]]);

    // Identity Center's calls went to the chosen region (but one look in the partition's main region,
    // before asking); Organizations' to the partition's main one.
    const callsIn = (service: string, region: string) =>
      [...new Set(account.proxy.calls.filter((c, i) => c.startsWith(service) && account.proxy.regions[i] === region))];
    expect(callsIn('sso:', 'us-east-1')).toEqual(['sso:ListInstances']);
    expect(callsIn('identitystore:', 'us-east-1')).toEqual([]);
    expect(callsIn('organizations:', REGION)).toEqual([]);
    expect(callsIn('organizations:', 'us-east-1')).toEqual(['organizations:DescribeOrganization', 'organizations:CreateOrganization']);
    // The assignment is asynchronous: its status was asked until it succeeded.
    expect(account.proxy.count('sso:DescribeAccountAssignmentCreationStatus')).toBe(2);
    // Never an account instance.
    expect(account.proxy.count('sso:CreateInstance')).toBe(0);
  });

  it('shows each part with its CLI command, and the sign-in and MFA advice as what the API cannot verify', async () => {
    const ui = new ScriptedUI(IDENTITY_CENTER_ANSWERS);
    const { FakeClock } = await import('../support/fake-clock.js');
    const clock = new FakeClock();
    enableWhileWaiting(clock);
    await runSteps(account, [adminUser], {}, { ui, clock });
    const plans = ui.of('plan').map((p) => [p.id, p.plan.actions.map((a) => a.cli.split(' --')[0])]);
    expect(plans).toEqual([
      ['identity-center-organization', ['aws organizations create-organization']],
      [
        'identity-center-admin',
        ['aws identitystore create-user', 'aws sso-admin create-permission-set', 'aws sso-admin attach-managed-policy-to-permission-set', 'aws sso-admin create-account-assignment'],
      ],
    ]);
    expect(ui.of('plan')[1]!.plan.actions.every((a) => a.cli.includes(`--region ${REGION}`))).toBe(true);
    const checklists = ui.of('checklist').map((c) => c.id);
    expect(checklists).toEqual(['identity-center-enable', 'identity-center-sign-in']);
    const enable = ui.of('checklist')[0]!.list;
    expect(enable.url).toBe(`https://console.aws.amazon.com/singlesignon/home?region=${REGION}`);
    expect(enable.items.join('\n')).toContain(`choose ${REGION}`);
    const signIn = ui.of('checklist')[1]!.list;
    const text = [...signIn.items, ...(signIn.tips ?? [])].join('\n');
    expect(text).toMatch(/Send an email to the user with instructions to reset the password/);
    expect(text).toMatch(/Generate a one-time password/);
    expect(text).toMatch(/Every time they sign in \(always-on\).*cannot be verified through the API/s);
    expect(text).toMatch(/https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start/);
    expect(text).toContain('aws configure sso');
    expect(text).toContain(`SSO region ${REGION}`);
    const signInResult = ui.of('result').find((r) => r.id === 'identity-center-sign-in')!.result;
    expect(signInResult).toEqual({ status: 'info', detail: "jane's first sign-in and Identity Center's MFA settings cannot be verified through the API" });
  });

  it('a run stopped while Identity Center is not enabled yet picks up where it was, making nothing twice', async () => {
    // As --yes runs: the flags, every confirmation accepted, no terminal to wait at.
    const flags = { adminVia: 'identity-center', identityCenterUser: 'jane', givenName: 'Jane', familyName: 'Doe', workEmail: 'jane@example.com', identityCenterRegion: REGION } as const;
    const yes = { 'apply-identity-center-organization': true, 'apply-identity-center-admin': true };
    const run = () => runSteps(account, [adminUser], yes, { interactive: false, inputs: { 'admin-user': flags } });

    // The console part stays open, after the organization was made.
    expect((await run()).outcomes).toEqual(['pending']);
    expect(writeCalls(account.proxy)).toEqual(['organizations:CreateOrganization']);

    extension.enable(REGION);
    account.proxy.resetCounts();
    expect((await run()).outcomes).toEqual(['done']);
    expect(writeCalls(account.proxy)).toEqual(['identitystore:CreateUser', 'sso:CreatePermissionSet', 'sso:AttachManagedPolicyToPermissionSet', 'sso:CreateAccountAssignment']);

    account.proxy.resetCounts();
    expect((await run()).outcomes).toEqual(['already-done']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('status accepts the Identity Center admin; admin-mfa says its MFA cannot be verified, admin-sign-in is not for it', async () => {
    const ui = new ScriptedUI(IDENTITY_CENTER_ANSWERS);
    const { FakeClock } = await import('../support/fake-clock.js');
    const clock = new FakeClock();
    enableWhileWaiting(clock);
    const { reports } = await runSteps(account, [adminUser, adminSignIn, adminMfa], {}, { ui, clock });
    expect(reports.map((r) => [r.step.id, r.outcome, r.result.status])).toEqual([
      ['admin-user', 'done', 'pass'],
      ['admin-sign-in', 'not-applicable', 'not-applicable'],
      ['admin-mfa', 'not-applicable', 'info'],
    ]);
    const identity = await account.identity();
    const status = await collectStatus(identity, account.reader(identity), [adminUser, adminMfa], awsConsoleLinks('aws'));
    expect(status.checks.map((c) => [c.id, c.status])).toEqual([
      ['admin-user', 'pass'],
      ['admin-mfa', 'info'],
    ]);
    expect(status.checks[0]!.detail).toMatch(/^IAM Identity Center admin role: AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}$/);
    expect(status.checks[1]!.detail).toContain('cannot be verified through the API');
    expect(status.ok).toBe(true);
  });

  it('a member account of another organization is told whom to ask, and nothing is written', async () => {
    organization = { Id: 'o-exampleorg1', FeatureSet: 'ALL', MasterAccountId: '210987654321' };
    const { ui, outcomes } = await runSteps(account, [adminUser], IDENTITY_CENTER_ANSWERS);
    expect(outcomes).toEqual(['skipped']);
    const said = ui.of('note').map((n) => n.note.text);
    expect(said).toContainEqual(expect.stringMatching(/^This account is a member of organization o-exampleorg1: its Identity Center is run from the management account \(210987654321\)\. Ask/));
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('an organization with consolidated billing only: how to enable all features, and nothing written', async () => {
    await new OrganizationsClient(config('us-east-1')).send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    account.proxy.resetCounts();
    const { ui, outcomes } = await runSteps(account, [adminUser], IDENTITY_CENTER_ANSWERS);
    expect(outcomes).toEqual(['skipped']);
    expect(ui.of('note').map((n) => n.note.text)).toContainEqual(expect.stringContaining('has consolidated billing only. Identity Center needs all features'));
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('a user and a permission set of those names are shown and reused, never changed; a declined user asks for another name', async () => {
    extension.enable(REGION);
    await new OrganizationsClient(config('us-east-1')).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const sso = new SSOAdminClient(config(REGION));
    const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
    const store = new IdentitystoreClient(config(REGION));
    for (const userName of ['jane', 'joe']) {
      await store.send(new CreateUserCommand({ IdentityStoreId: instance!.IdentityStoreId, UserName: userName, DisplayName: `${userName} Old`, Name: { GivenName: userName, FamilyName: 'Old' }, Emails: [{ Value: `${userName}@old.example.com`, Primary: true }] }));
    }
    await sso.send(new CreatePermissionSetCommand({ InstanceArn: instance!.InstanceArn, Name: 'AdministratorAccess', SessionDuration: 'PT2H' }));
    account.proxy.resetCounts();

    const { ui, outcomes } = await runSteps(account, [adminUser], {
      ...IDENTITY_CENTER_ANSWERS,
      'identity-center-user': ['joe', 'jane'],
      'reuse-identity-center-user': [false, true],
    });
    expect(outcomes).toEqual(['done']);
    const asked = ui.of('ask').filter((a) => a.key === 'reuse-identity-center-user').map((a) => a.message);
    expect(asked[1]).toBe('A user jane (jane Old, jane@old.example.com) already exists in Identity Center. Make it the admin? Nothing it has is changed.');
    expect(ui.of('plan')[0]!.plan.notes).toEqual(['The permission set AdministratorAccess exists already; it is used as it is.']);
    // Only what was missing: the policy on the permission set, and the assignment.
    expect(writeCalls(account.proxy)).toEqual(['sso:AttachManagedPolicyToPermissionSet', 'sso:CreateAccountAssignment']);
  });

  it('an assignment Identity Center could not finish stops the run with its reason; the next run makes it', async () => {
    extension.failAssignments = 'Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/AdministratorAccess.';
    const { FakeClock } = await import('../support/fake-clock.js');
    const clock = new FakeClock();
    enableWhileWaiting(clock);
    const run = runSteps(account, [adminUser], {}, { ui: new ScriptedUI(IDENTITY_CENTER_ANSWERS), clock });
    await expect(run).rejects.toMatchObject({
      action: 'sso:CreateAccountAssignment',
      message: 'Identity Center could not finish the assignment (FAILED): Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/AdministratorAccess.',
    });
    extension.failAssignments = undefined;
    account.proxy.resetCounts();
    // The user made by the run before is shown and reused, as any user found.
    const again = await runSteps(account, [adminUser], {}, { ui: new ScriptedUI({ ...IDENTITY_CENTER_ANSWERS, 'reuse-identity-center-user': true }), clock });
    expect(again.outcomes).toEqual(['done']);
    expect(writeCalls(account.proxy)).toEqual(['sso:CreateAccountAssignment']);
  });

  it('a dry run shows the parts and the organization plan, and writes nothing', async () => {
    const { ui, outcomes } = await runSteps(account, [adminUser], { 'admin-via': 'identity-center', 'identity-center-region': REGION }, { dryRun: true });
    expect(outcomes).toEqual(['planned']);
    expect(ui.of('note').map((n) => n.note.text)).toContainEqual(expect.stringMatching(/^The Identity Center way, in 4 parts/));
    expect(ui.of('plan').map((p) => p.id)).toEqual(['identity-center-organization']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('refuses a region of another partition, before any write', async () => {
    const run = runSteps(account, [adminUser], { 'admin-via': 'identity-center' }, { inputs: { 'admin-user': { identityCenterRegion: 'cn-north-1' } } });
    await expect(run).rejects.toThrow("--identity-center-region cn-north-1: cn-north-1 is not a region of this account's partition (aws)");
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});
