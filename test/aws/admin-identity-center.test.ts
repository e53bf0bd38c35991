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
import { CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-identitystore';
import { AttachManagedPolicyToPermissionSetCommand, CreateAccountAssignmentCommand, CreatePermissionSetCommand, ProvisionPermissionSetCommand } from '@aws-sdk/client-sso-admin';
import { ScriptedUI } from '../support/scripted-ui.js';

const extension = identityCenterExtension();
/** DescribeOrganization's answer where a test wants another organization than moto's (a member account's). */
let organization: Record<string, string> | undefined;
/** What someone else does while the run goes on: before the run's nth call of an action reaches AWS (1-based). */
let meanwhile: { call: string; nth: number; act: () => Promise<unknown> } | undefined;
let seen = new Map<string, number>();
const account = useTestAccount(
  {},
  {
    extension: {
      answer: async (call, request) => {
        seen.set(call, (seen.get(call) ?? 0) + 1);
        if (meanwhile?.call === call && meanwhile.nth === seen.get(call)) await meanwhile.act();
        return call === 'organizations:DescribeOrganization' && organization
          ? { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ Organization: organization }) }
          : extension.answer(call, request);
      },
    },
  },
);
beforeEach(() => {
  extension.reset();
  organization = undefined;
  meanwhile = undefined;
  seen = new Map();
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

/** Identity Center enabled in REGION, in this account's organization, as a person left it before the run. */
async function identityCenterEnabled() {
  extension.enable(REGION);
  await new OrganizationsClient(config('us-east-1')).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const sso = new SSOAdminClient(config(REGION));
  const instance = (await sso.send(new ListInstancesCommand({}))).Instances![0]!;
  return { sso, store: new IdentitystoreClient(config(REGION)), instance: { InstanceArn: instance.InstanceArn!, IdentityStoreId: instance.IdentityStoreId! } };
}

/** A user made in the identity store by someone other than the run. */
async function someoneMakesUser(userName: string) {
  const { IdentityStoreId } = (await new SSOAdminClient(config(REGION)).send(new ListInstancesCommand({}))).Instances![0]!;
  const made = await new IdentitystoreClient(config(REGION)).send(
    new CreateUserCommand({ IdentityStoreId, UserName: userName, DisplayName: `${userName} Old`, Name: { GivenName: userName, FamilyName: 'Old' }, Emails: [{ Value: `${userName}@old.example.com`, Primary: true }] }),
  );
  return made.UserId!;
}

/** As --yes runs: the flags, every confirmation accepted, no terminal. */
const YES_FLAGS = { adminVia: 'identity-center', identityCenterUser: 'jane', givenName: 'Jane', familyName: 'Doe', workEmail: 'jane@example.com', identityCenterRegion: REGION } as const;
const YES_ANSWERS = { 'apply-identity-center-organization': true, 'apply-identity-center-admin': true, 'reuse-identity-center-user': true, 'widen-permission-set': true };
const yesRun = (flags: Record<string, string> = {}) =>
  runSteps(account, [adminUser], YES_ANSWERS, { interactive: false, inputs: { 'admin-user': { ...YES_FLAGS, ...flags } } });

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
    const { sso, instance } = await identityCenterEnabled();
    for (const userName of ['jane', 'joe']) await someoneMakesUser(userName);
    await sso.send(new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name: 'AdministratorAccess', SessionDuration: 'PT2H' }));
    account.proxy.resetCounts();

    const { ui, outcomes } = await runSteps(account, [adminUser], {
      ...IDENTITY_CENTER_ANSWERS,
      'identity-center-user': ['joe', 'jane'],
      'reuse-identity-center-user': [false, true],
    });
    expect(outcomes).toEqual(['done']);
    const asked = ui.of('ask').filter((a) => a.key === 'reuse-identity-center-user').map((a) => a.message);
    expect(asked[1]).toBe('A user jane (jane Old, jane@old.example.com) already exists in Identity Center. Make it the admin? Nothing it has is changed.');
    // What the identity store shows of it, and what it cannot show.
    const said = ui.of('note').map((n) => n.note.text);
    expect(said).toContainEqual(expect.stringMatching(/^A user "jane" already exists in Identity Center \(user id [0-9a-f-]+\)\.$/));
    expect(said).toContain('Display name: jane Old. Emails: jane@old.example.com (primary).');
    expect(said).toContain(
      'Its password, MFA devices and sign-ins cannot be read through the API: whoever can sign in as jane now becomes an admin. ' +
        'Look in the Identity Center console (Users, then jane) if you did not make it yourself.',
    );
    expect(ui.of('plan')[0]!.plan.notes).toEqual([
      'The permission set AdministratorAccess exists already, without the AdministratorAccess policy, and is provisioned to no account: the policy is attached to it, which reaches nobody else.',
    ]);
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

// Issue 12's rule on the Identity Center way: nothing this run did not create or the person did
// not see is made an admin. An existing user's password and MFA cannot be read, so --yes reuses
// one only when --reuse-user names it (or it is the admin already); a permission set that others
// hold is not widened; and what changes between the plan and the grant stops the grant.
describe('admin-user, the Identity Center way: reuse under --yes', { timeout: 60_000 }, () => {
  const refusal = (name: string) =>
    `--identity-center-user jane: the user ${name} exists in Identity Center and would be given AdministratorAccess; its password and MFA cannot be read ` +
    'through the API, so this run cannot tell whether an earlier run made it or someone else did (or has signed in as it). ' +
    `Look at it in the Identity Center console, then pass --reuse-user ${name} to make it the admin, or choose another name`;

  it('an existing user is refused (exit 2) before any write unless --reuse-user names it; named, it is shown and made the admin', async () => {
    const { sso, instance } = await identityCenterEnabled();
    const janeId = await someoneMakesUser('jane');
    account.proxy.resetCounts();
    await expect(yesRun()).rejects.toMatchObject({ name: 'UsageError', message: refusal('jane') });
    await expect(yesRun({ reuseUser: 'joe' })).rejects.toMatchObject({ name: 'UsageError', message: refusal('jane') });
    // A dry run without a terminal plans it, and says where --yes would stop.
    const dry = await runSteps(account, [adminUser], {}, { dryRun: true, interactive: false, inputs: { 'admin-user': YES_FLAGS } });
    expect(dry.ui.of('note').map((n) => n.note.text)).toContain(`With --yes the run would stop here: ${refusal('jane')}.`);
    expect(writeCalls(account.proxy)).toEqual([]);

    const { outcomes, ui } = await yesRun({ reuseUser: 'JANE' });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('note').map((n) => n.note.text)).toContain('Display name: jane Old. Emails: jane@old.example.com (primary).');
    expect(writeCalls(account.proxy)).toEqual(['sso:CreatePermissionSet', 'sso:AttachManagedPolicyToPermissionSet', 'sso:CreateAccountAssignment']);
    const [permissionSetArn] = (await sso.send(new ListPermissionSetsCommand({ InstanceArn: instance.InstanceArn }))).PermissionSets!;
    const assigned = await sso.send(new ListAccountAssignmentsCommand({ InstanceArn: instance.InstanceArn, AccountId: ACCOUNT, PermissionSetArn: permissionSetArn }));
    expect(assigned.AccountAssignments?.map((a) => a.PrincipalId)).toEqual([janeId]);
  });

  it('a user an earlier run made but did not finish cannot be told from anyone else\'s: the re-run needs --reuse-user; a finished admin does not', async () => {
    extension.enable(REGION);
    extension.failAssignments = 'Received a 404 status error';
    await expect(yesRun()).rejects.toMatchObject({ action: 'sso:CreateAccountAssignment' });
    extension.failAssignments = undefined;
    account.proxy.resetCounts();
    await expect(yesRun()).rejects.toMatchObject({ name: 'UsageError', message: refusal('jane') });
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await yesRun({ reuseUser: 'jane' })).outcomes).toEqual(['done']);
    expect(writeCalls(account.proxy)).toEqual(['sso:CreateAccountAssignment']);
    // Now jane holds AdministratorAccess here: a re-run grants nothing more, and needs no flag.
    account.proxy.resetCounts();
    const again = await yesRun();
    expect(again.outcomes).toEqual(['already-done']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('a permission set of that name that lacks the policy and is provisioned to accounts is not widened: refused under --yes, asked at a terminal', async () => {
    const { sso, instance } = await identityCenterEnabled();
    const { PermissionSet } = await sso.send(new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name: 'AdministratorAccess' }));
    await sso.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, TargetType: 'AWS_ACCOUNT', TargetId: ACCOUNT }));
    account.proxy.resetCounts();

    const look = `aws sso-admin list-account-assignments --region ${REGION} --instance-arn ${instance.InstanceArn} --account-id ${ACCOUNT} --permission-set-arn ${PermissionSet!.PermissionSetArn}`;
    await expect(yesRun()).rejects.toMatchObject({
      name: 'UsageError',
      message:
        `the permission set AdministratorAccess exists without the AdministratorAccess policy (it holds ReadOnlyAccess) and is provisioned to ${ACCOUNT}: ` +
        `attaching the policy would make whoever is assigned it there an admin too; nothing was changed. Look at who is assigned it (${look}), ` +
        'then attach the policy yourself or delete the permission set, and run this again',
    });
    expect(writeCalls(account.proxy)).toEqual([]);

    const declined = await runSteps(account, [adminUser], { ...IDENTITY_CENTER_ANSWERS, 'widen-permission-set': false });
    expect(declined.outcomes).toEqual(['skipped']);
    expect(declined.ui.of('ask').find((a) => a.key === 'widen-permission-set')!.message).toBe(`Attach AdministratorAccess to AdministratorAccess anyway, for everyone assigned it in ${ACCOUNT}?`);
    expect(writeCalls(account.proxy)).toEqual([]);

    const agreed = await runSteps(account, [adminUser], { ...IDENTITY_CENTER_ANSWERS, 'widen-permission-set': true });
    expect(agreed.outcomes).toEqual(['done']);
    expect(writeCalls(account.proxy)).toEqual(['identitystore:CreateUser', 'sso:AttachManagedPolicyToPermissionSet', 'sso:CreateAccountAssignment']);
  });

  it('what changes between the plan and the grant stops the grant (NotGranted): a user made meanwhile, a set provisioned meanwhile, a user made again', async () => {
    const { store, instance, sso } = await identityCenterEnabled();
    // Someone makes jane after the plan looked (its GetUserId) and before the run creates her.
    meanwhile = { call: 'identitystore:GetUserId', nth: 2, act: () => someoneMakesUser('jane') };
    await expect(yesRun()).rejects.toMatchObject({ name: 'NotGranted', message: expect.stringMatching(/^Stopped before making jane an admin: a user of that name was made in Identity Center after the plan was shown\. Nothing was granted\./) });
    expect(writeCalls(account.proxy).filter((c) => c.startsWith('sso:'))).toEqual([]);

    // The permission set, made by a run that stopped, is provisioned to the account between the plan and the attachment.
    const janeId = (await store.send(new GetUserIdCommand({ IdentityStoreId: instance.IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'jane' } } }))).UserId!;
    await store.send(new DeleteUserCommand({ IdentityStoreId: instance.IdentityStoreId, UserId: janeId }));
    const { PermissionSet } = await sso.send(new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name: 'AdministratorAccess' }));
    seen = new Map();
    meanwhile = {
      call: 'sso:ListAccountsForProvisionedPermissionSet',
      nth: 2,
      act: () => sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, TargetType: 'AWS_ACCOUNT', TargetId: ACCOUNT })),
    };
    account.proxy.resetCounts();
    await expect(yesRun()).rejects.toMatchObject({ name: 'NotGranted', message: expect.stringContaining(`the permission set AdministratorAccess was provisioned to ${ACCOUNT} after the plan was shown`) });
    expect(writeCalls(account.proxy)).toEqual(['identitystore:CreateUser']);

    // jane (the last run's, reused by name) is deleted and made again between the plan and the assignment.
    await sso.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn: PermissionSet!.PermissionSetArn, ManagedPolicyArn: ADMIN_ARN }));
    seen = new Map();
    meanwhile = {
      call: 'identitystore:GetUserId',
      nth: 2,
      act: async () => {
        const id = (await store.send(new GetUserIdCommand({ IdentityStoreId: instance.IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'jane' } } }))).UserId!;
        await store.send(new DeleteUserCommand({ IdentityStoreId: instance.IdentityStoreId, UserId: id }));
        await someoneMakesUser('jane');
      },
    };
    account.proxy.resetCounts();
    await expect(yesRun({ reuseUser: 'jane' })).rejects.toMatchObject({ name: 'NotGranted', message: expect.stringMatching(/^Stopped before making jane an admin: jane is not the user you saw \(it was deleted and made again\)\./) });
    // Only the other person's writes: no assignment.
    expect(writeCalls(account.proxy)).toEqual(['identitystore:DeleteUser', 'identitystore:CreateUser']);
  });

  it('a user given AdministratorAccess here already needs no --reuse-user: nothing more is granted', async () => {
    const { sso, instance } = await identityCenterEnabled();
    const janeId = await someoneMakesUser('jane');
    const { PermissionSet } = await sso.send(new CreatePermissionSetCommand({ InstanceArn: instance.InstanceArn, Name: 'AdministratorAccess' }));
    const PermissionSetArn = PermissionSet!.PermissionSetArn!;
    await sso.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn, ManagedPolicyArn: ADMIN_ARN }));
    // Assigned, but Identity Center has not made its role yet (nobody asked for the status): the step's check still fails.
    await sso.send(new CreateAccountAssignmentCommand({ InstanceArn: instance.InstanceArn, PermissionSetArn, TargetType: 'AWS_ACCOUNT', TargetId: ACCOUNT, PrincipalType: 'USER', PrincipalId: janeId }));
    account.proxy.resetCounts();
    const { ui } = await yesRun();
    expect(ui.of('note').map((n) => n.note.text)).toContainEqual(expect.stringMatching(/^A user "jane" already exists in Identity Center \(user id [0-9a-f-]+\)\. It holds AdministratorAccess in this account already\.$/));
    expect(ui.of('plan').at(-1)!.plan.actions).toEqual([]);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});
