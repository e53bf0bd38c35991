import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateRoleCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { adminUser } from '../../steps/admin-user.js';
import { runSteps, useTestAccount, writeCalls, checkContext } from '../support/test-account.js';

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const account = useTestAccount();

const iam = () => account.aws.iam;
const groupMembers = async (group: string) =>
  ((await iam().send(new GetGroupCommand({ GroupName: group }))).Users ?? []).map((u) => u.UserName);
const loginProfile = (user: string) => iam().send(new GetLoginProfileCommand({ UserName: user }));

const newAdminAnswers = {
  'admin-via': 'iam-user',
  'admin-user': 'admin-jane',
  grant: 'group',
  'password-source': 'generate',
  'apply-admin-user': true,
  'password-saved': [false, true],
};

/** A later run that names admin-jane again and reuses the user it finds. */
const reuseAdminJane = { 'admin-via': 'iam-user', 'admin-user': 'admin-jane', 'reuse-user': true, grant: 'group', 'apply-admin-user': true };

describe('admin-user', () => {
  it('creates the user, a console password that must be changed, and admin rights through a group', async () => {
    const { ui, outcomes } = await runSteps(account, [adminUser], newAdminAnswers);
    expect(outcomes).toEqual(['done']);
    expect(await groupMembers('Administrators')).toEqual(['admin-jane']);
    const policies = await iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Administrators' }));
    expect(policies.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ADMIN_ARN]);
    expect((await loginProfile('admin-jane')).LoginProfile).toBeDefined();
    // moto does not keep PasswordResetRequired, so read what was asked of IAM.
    expect(account.proxy.lastParams('iam:CreateLoginProfile')?.get('PasswordResetRequired')).toBe('true');
    const plan = ui.of('plan')[0]!.plan;
    expect(plan.actions.map((a) => a.cli)).toEqual([
      'aws iam create-user --user-name admin-jane',
      "aws iam create-login-profile --user-name admin-jane --password-reset-required --password '<shown once>'",
      'aws iam create-group --group-name Administrators',
      `aws iam attach-group-policy --group-name Administrators --policy-arn ${ADMIN_ARN}`,
      'aws iam add-user-to-group --group-name Administrators --user-name admin-jane',
    ]);
  });

  it('shows the generated password, and has it confirmed as saved, before the login profile exists', async () => {
    let callsWhenShown = -1;
    const { ui } = await runSteps(account, [adminUser], newAdminAnswers);
    const order = ui.events.map((e) => (e.type === 'ask' ? `ask:${e.key}` : e.type));
    const shown = order.indexOf('secret');
    expect(order.slice(shown)).toEqual(expect.arrayContaining(['ask:password-saved', 'forget-secret']));
    expect(order.indexOf('forget-secret')).toBeGreaterThan(order.lastIndexOf('ask:password-saved'));
    callsWhenShown = account.proxy.calls.indexOf('iam:CreateLoginProfile');
    expect(callsWhenShown).toBeGreaterThan(account.proxy.calls.indexOf('iam:CreateUser'));
    // The person said "not yet" once: the password stayed the one shown, and was asked about again.
    expect(ui.of('ask').filter((e) => e.key === 'password-saved').map((e) => e.answer)).toEqual([false, true]);
    expect(ui.of('secret')).toHaveLength(1);
    expect(ui.of('secret')[0]!.value).toMatch(/^\S{20}$/);
  });

  it('attaches the policy straight to the user when asked, with a typed password confirmed twice', async () => {
    const { outcomes } = await runSteps(account, [adminUser], {
      'admin-via': 'iam-user',
      'admin-user': 'ops',
      grant: 'direct',
      'password-source': 'type',
      password: ['Typed-Passw0rd!', 'Typed-Passw0rd!'],
      'password-again': ['Typo-Passw0rd!', 'Typed-Passw0rd!'],
      'apply-admin-user': true,
    });
    expect(outcomes).toEqual(['done']);
    const attached = await iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'ops' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ADMIN_ARN]);
    expect(account.proxy.count('iam:CreateGroup')).toBe(0);
  });

  it('offers an existing user of the same name ignoring case for reuse, and never overwrites its password', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'Admin-Jane' }));
    await iam().send(new CreateLoginProfileCommand({ UserName: 'Admin-Jane', Password: 'Existing-Passw0rd!' }));
    account.proxy.resetCounts();
    const { ui, outcomes } = await runSteps(account, [adminUser], reuseAdminJane);
    expect(outcomes).toEqual(['done']);
    expect(ui.of('ask').find((e) => e.key === 'reuse-user')!.message).toContain('"Admin-Jane"');
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:AddUserToGroup']);
    expect(ui.of('plan')[0]!.plan.notes).toContain('Admin-Jane already has a console password; it is left as it is.');
    const users = await iam().send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toEqual(['Admin-Jane']);
  });

  it('asks for another name when the person declines to reuse an existing user', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'admin' }));
    const { outcomes } = await runSteps(account, [adminUser], {
      ...newAdminAnswers,
      'admin-user': ['admin', 'admin2'],
      'reuse-user': false,
    });
    expect(outcomes).toEqual(['done']);
    expect(await groupMembers('Administrators')).toEqual(['admin2']);
  });

  it('warns in the plan when the Administrators group already has members', async () => {
    await iam().send(new CreateGroupCommand({ GroupName: 'Administrators' }));
    await iam().send(new CreateUserCommand({ UserName: 'old' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'old' }));
    account.proxy.resetCounts();
    const { ui } = await runSteps(account, [adminUser], { ...newAdminAnswers, 'apply-admin-user': false });
    expect(ui.of('plan')[0]!.plan.notes).toContain('Administrators already has members who become admins too: old.');
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('converges after a run that stopped half-way: nothing duplicated, the rest finished', async () => {
    account.proxy.failNext('iam:AttachGroupPolicy', { status: 403, code: 'AccessDenied', message: 'stopped here' });
    await expect(runSteps(account, [adminUser], newAdminAnswers)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(account.proxy.count('iam:CreateUser')).toBe(1);

    const { ui, outcomes } = await runSteps(account, [adminUser], reuseAdminJane);
    expect(outcomes).toEqual(['done']);
    expect(ui.of('plan')[0]!.plan.actions.map((a) => a.title)).toEqual([
      'Attach AdministratorAccess to the group Administrators',
      'Add admin-jane to Administrators',
    ]);
    expect(account.proxy.count('iam:CreateUser')).toBe(1);
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(1);
    expect(ui.of('secret')).toEqual([]);
  });

  it('a third run finds everything done and writes nothing', async () => {
    await runSteps(account, [adminUser], newAdminAnswers);
    account.proxy.resetCounts();
    const { outcomes } = await runSteps(account, [adminUser], {});
    expect(outcomes).toEqual(['already-done']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('rides out IAM eventual consistency: NoSuchEntity right after CreateUser is retried', async () => {
    account.proxy.failNext('iam:CreateLoginProfile', { status: 404, code: 'NoSuchEntity', message: 'not yet' }, 2);
    const { clock, outcomes } = await runSteps(account, [adminUser], newAdminAnswers);
    expect(outcomes).toEqual(['done']);
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(3);
    expect(clock.sleeps.slice(0, 2)).toEqual([500, 1000]);
  });

  it('makes no write call in a dry run, and builds ARNs from the partition', async () => {
    const { ui, outcomes } = await runSteps(
      account,
      [adminUser],
      { grant: 'group', 'password-source': 'generate' },
      { dryRun: true, adminUser: 'admin-jane', identity: { partition: 'aws-us-gov' } },
    );
    expect(outcomes).toEqual(['planned']);
    expect(writeCalls(account.proxy)).toEqual([]);
    expect(ui.of('plan')[0]!.plan.actions.map((a) => a.cli).join('\n')).toContain(
      '--policy-arn arn:aws-us-gov:iam::aws:policy/AdministratorAccess',
    );
  });

  it('without a terminal, needs --password-stdin before it writes anything', async () => {
    const run = runSteps(account, [adminUser], {}, { interactive: false, adminUser: 'admin-jane' });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow('--password-stdin');
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('takes the password from --password-stdin and rejects one the policy would refuse, before writing', async () => {
    const weak = runSteps(account, [adminUser], { 'apply-admin-user': true }, { interactive: false, adminUser: 'a1', inputs: { 'admin-user': { password: 'short' } } });
    await expect(weak).rejects.toThrow("--password-stdin: the password has 5 characters, fewer than 8; it needs at least 8 characters (at most 128), with 3 of the four kinds");
    expect(writeCalls(account.proxy)).toEqual([]);

    await account.reset();
    const { outcomes } = await runSteps(
      account,
      [adminUser],
      { 'apply-admin-user': true },
      { interactive: false, adminUser: 'a1', inputs: { 'admin-user': { password: 'Str0ng-Passw0rd!' } } },
    );
    expect(outcomes).toEqual(['done']);
    expect(account.proxy.lastParams('iam:CreateLoginProfile')?.get('Password')).toBe('Str0ng-Passw0rd!');
  });

  it('passes for an IAM Identity Center admin role', async () => {
    await iam().send(
      new CreateRoleCommand({
        RoleName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef',
        Path: '/aws-reserved/sso.amazonaws.com/',
        AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      }),
    );
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', PolicyArn: ADMIN_ARN }));
    const identity = await account.identity();
    expect(await adminUser.check(checkContext(identity, account.reader(identity)))).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('IAM Identity Center'),
    });
  });

  it('does not count an admin without console access, nor a console user without admin rights', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'robot' }));
    await iam().send(new AttachUserPolicyCommand({ UserName: 'robot', PolicyArn: ADMIN_ARN }));
    await iam().send(new CreateUserCommand({ UserName: 'viewer' }));
    await iam().send(new CreateLoginProfileCommand({ UserName: 'viewer', Password: 'Viewer-Passw0rd!' }));
    const identity = await account.identity();
    expect(await adminUser.check(checkContext(identity, account.reader(identity)))).toEqual({
      status: 'fail',
      detail: 'admins without console access: robot',
    });
  });
});
