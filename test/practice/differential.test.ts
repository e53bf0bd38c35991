import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  CreateBudgetCommand,
  CreateNotificationCommand,
  DescribeBudgetCommand,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  type Notification,
} from '@aws-sdk/client-budgets';
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { startPracticeServer, type PracticeServer } from '../../src/practice/server.js';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { startMoto, type Moto } from '../support/moto.js';

/**
 * The same calls, through the same SDK, against moto and against the practice account: what the
 * SDK hands the program must match. Ids and dates are masked; where real IAM and moto disagree,
 * the practice account follows IAM, and those cases are listed apart, each with its reason.
 */

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const KEYS = { accessKeyId: 'ASIAPRACTICE00000000', secretAccessKey: 'practice-secret-access-key-not-a-secret', sessionToken: 'practice-session-token' };

let moto: Moto;
let practice: PracticeServer;
let motoAws: AwsClients;
let practiceAws: AwsClients;
/** When this file began: nothing the practice account made can be older (to the second the report keeps). */
let startedMs: number;

beforeAll(async () => {
  startedMs = Math.floor(Date.now() / 1000) * 1000;
  moto = await startMoto();
  // The same account id as moto's, so ARNs compare as they are.
  practice = await startPracticeServer(new PracticeAccount({ ...newAccountScenario(), accountId: '123456789012' }));
  motoAws = await createClients({ endpoint: moto.url, region: 'us-east-1', credentials: KEYS });
  practiceAws = await createClients({ endpoint: practice.url, region: 'us-east-1', credentials: KEYS });
}, 30_000);

afterAll(async () => {
  await practice?.close();
  await moto?.stop();
});

type Outcome = { ok: true; status: number | undefined; value: unknown } | { ok: false; error: string; status: number | undefined };

/**
 * Masks what legitimately differs (ids, dates, request ids, secrets); keeps shape and values.
 * IsTruncated=false and no IsTruncated mean the same to a paginator (moto leaves it out of some
 * answers where IAM sends it).
 */
function mask(value: unknown, key = ''): unknown {
  if (value instanceof Date) return '<date>';
  if (value instanceof Uint8Array) return '<blob>';
  if (Array.isArray(value)) return value.map((v) => mask(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => k !== '$metadata' && !(k === 'IsTruncated' && v === false))
        .map(([k, v]) => [k, mask(v, k)]),
    );
  }
  if (typeof value === 'string' && /Id$/.test(key)) return '<id>';
  return value;
}

async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await call()) as { $metadata?: { httpStatusCode?: number } };
    return { ok: true, status: result.$metadata?.httpStatusCode, value: mask(result) };
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, error: e.name, status: e.$metadata?.httpStatusCode };
  }
}

/** Runs one call on both, with any of the clients, and returns both outcomes. */
async function across(call: (aws: AwsClients) => Promise<unknown>): Promise<[moto: Outcome, practice: Outcome]> {
  return [await outcome(() => call(motoAws)), await outcome(() => call(practiceAws))];
}

const both = (call: (iam: IAMClient) => Promise<unknown>) => across((aws) => call(aws.iam));

async function sameAcross(call: (aws: AwsClients) => Promise<unknown>): Promise<Outcome> {
  const [fromMoto, fromPractice] = await across(call);
  expect(fromPractice).toEqual(fromMoto);
  return fromPractice;
}

const same = (call: (iam: IAMClient) => Promise<unknown>) => sameAcross((aws) => call(aws.iam));

const ACCOUNT = '123456789012';
const alert = (type: 'ACTUAL' | 'FORECASTED', threshold: number): Notification => ({
  NotificationType: type,
  ComparisonOperator: 'GREATER_THAN',
  Threshold: threshold,
  ThresholdType: 'PERCENTAGE',
});
const subscribers = [{ SubscriptionType: 'EMAIL' as const, Address: 'billing@example.com' }];
const contact = { AlternateContactType: 'SECURITY' as const, Name: 'Jane Doe', Title: 'Security contact', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' };

/** The credential report's CSV, as rows of named cells. */
async function reportRows(aws: AwsClients): Promise<{ header: string[]; rows: Record<string, string>[]; generated: Date }> {
  const answer = await aws.iam.send(new GetCredentialReportCommand({}));
  const [header, ...lines] = new TextDecoder().decode(answer.Content).trim().split('\n').map((l) => l.split(','));
  return { header: header!, rows: lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))), generated: answer.GeneratedTime! };
}

/** Report dates change with every run; their format must not. */
const maskDates = (row: Record<string, string>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/.test(v) ? '<date>' : v]));

describe('the practice account answers as moto does', () => {
  it('users, groups, policies, login profiles: successes and the errors the wizard relies on', async () => {
    expect(await same((iam) => iam.send(new CreateUserCommand({ UserName: 'alice' })))).toMatchObject({ ok: true, status: 200 });
    expect(await same((iam) => iam.send(new CreateUserCommand({ UserName: 'alice' })))).toEqual({ ok: false, error: "EntityAlreadyExistsException", status: 409 });
    expect(await same((iam) => iam.send(new GetUserCommand({ UserName: 'nobody' })))).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    await same((iam) => iam.send(new GetUserCommand({ UserName: 'alice' })));
    await same((iam) => iam.send(new ListUsersCommand({})));

    // A well-formed ARN of a policy that does not exist.
    expect(
      await same((iam) => iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' }))),
    ).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    expect(await same((iam) => iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: ADMIN })))).toEqual({
      ok: false,
      error: "NoSuchEntityException",
      status: 404,
    });
    // Attaching twice is not an error.
    await same((iam) => iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN })));
    expect(await same((iam) => iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN })))).toMatchObject({ ok: true });

    expect(await same((iam) => iam.send(new GetLoginProfileCommand({ UserName: 'alice' })))).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    const profile = () => new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Practice-Passw0rd!', PasswordResetRequired: false });
    await same((iam) => iam.send(profile()));
    expect(await same((iam) => iam.send(profile()))).toEqual({ ok: false, error: "EntityAlreadyExistsException", status: 409 });
    expect(await same((iam) => iam.send(new GetLoginProfileCommand({ UserName: 'alice' })))).toMatchObject({
      ok: true,
      value: { LoginProfile: { UserName: 'alice', PasswordResetRequired: false } },
    });

    await same((iam) => iam.send(new CreateGroupCommand({ GroupName: 'Administrators' })));
    expect(await same((iam) => iam.send(new CreateGroupCommand({ GroupName: 'Administrators' })))).toEqual({ ok: false, error: "EntityAlreadyExistsException", status: 409 });
    expect(await same((iam) => iam.send(new GetGroupCommand({ GroupName: 'Nope' })))).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    await same((iam) => iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: ADMIN })));
    await same((iam) => iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: ADMIN })));
    await same((iam) => iam.send(new CreateUserCommand({ UserName: 'bob' })));
    await same((iam) => iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'bob' })));
    expect(await same((iam) => iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'bob' })))).toMatchObject({ ok: true });
    expect(await same((iam) => iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'nobody' })))).toEqual({
      ok: false,
      error: "NoSuchEntityException",
      status: 404,
    });
    expect(await same((iam) => iam.send(new GetGroupCommand({ GroupName: 'Administrators' })))).toMatchObject({
      value: { Group: { GroupName: 'Administrators' }, Users: [{ UserName: 'bob' }] },
    });
    await same((iam) => iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Administrators' })));
    expect(await same((iam) => iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Nope' })))).toMatchObject({ ok: false, status: 404 });
    expect(await same((iam) => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ADMIN })))).toMatchObject({
      value: { PolicyGroups: [{ GroupName: 'Administrators' }], PolicyUsers: [{ UserName: 'alice' }], PolicyRoles: [] },
    });
    expect(await same((iam) => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ADMIN, EntityFilter: 'Role' })))).toMatchObject({
      value: { PolicyGroups: [], PolicyUsers: [], PolicyRoles: [] },
    });
    // How status finds every admin, direct or through a group, in one call.
    expect(await same((iam) => iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group'] })))).toMatchObject({
      value: {
        UserDetailList: [
          { UserName: 'alice', GroupList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }] },
          { UserName: 'bob', GroupList: ['Administrators'], AttachedManagedPolicies: [] },
        ],
        GroupDetailList: [{ GroupName: 'Administrators', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }] }],
        RoleDetailList: [],
      },
    });
  });

  it('virtual MFA devices: create, enable with two consecutive codes, list, and the errors', async () => {
    const seeds: string[] = [];
    const [fromMoto, fromPractice] = await both(async (iam) => {
      const answer = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
      seeds.push(Buffer.from(answer.VirtualMFADevice!.Base32StringSeed!).toString('utf8'));
      return answer;
    });
    expect(fromPractice).toEqual(fromMoto);
    expect(await same((iam) => iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' })))).toEqual({
      ok: false,
      error: "EntityAlreadyExistsException",
      status: 409,
    });
    const serial = 'arn:aws:iam::123456789012:mfa/alice-phone';
    let seed = 0;
    await same((iam) => {
      const [code1, code2] = twoConsecutiveCodes(seeds[seed++]!, Date.now());
      return iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }));
    });
    expect(await same((iam) => iam.send(new ListMFADevicesCommand({ UserName: 'alice' })))).toMatchObject({
      value: { MFADevices: [{ UserName: 'alice', SerialNumber: serial, EnableDate: '<date>' }] },
    });
    expect(await same((iam) => iam.send(new ListMFADevicesCommand({ UserName: 'nobody' })))).toMatchObject({ ok: false, error: "NoSuchEntityException" });
    expect(await same((iam) => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: 'arn:aws:iam::123456789012:mfa/nope' })))).toEqual({
      ok: false,
      error: "NoSuchEntityException",
      status: 404,
    });
    const [listedByMoto, listedByPractice] = await both((iam) => iam.send(new ListVirtualMFADevicesCommand({})));
    // moto also lists each device's seed and QR code; IAM never sends a secret twice.
    const withoutSecrets = (o: Outcome) =>
      o.ok ? (o.value as { VirtualMFADevices: Record<string, unknown>[] }).VirtualMFADevices.map(({ Base32StringSeed, QRCodePNG, ...rest }: Record<string, unknown>) => rest) : o;
    expect(withoutSecrets(listedByPractice)).toEqual(withoutSecrets(listedByMoto));
  });

  it('account settings: summary counts, password policy, aliases', async () => {
    const [summaryMoto, summaryPractice] = await both((iam) => iam.send(new GetAccountSummaryCommand({})));
    const mapOf = (o: Outcome) => (o as { value: { SummaryMap: Record<string, number> } }).value.SummaryMap;
    // Root's own entries are what moto cannot know (the reason the practice account exists); the rest must agree.
    const rootEntries = ['AccountMFAEnabled', 'AccountAccessKeysPresent', 'AccountPasswordPresent', 'PolicyVersionsInUse'];
    const rest = (map: Record<string, number>) => Object.fromEntries(Object.entries(map).filter(([k]) => !rootEntries.includes(k)));
    expect(rest(mapOf(summaryPractice))).toEqual(rest(mapOf(summaryMoto)));
    expect(mapOf(summaryPractice)).toMatchObject({ Users: 2, Groups: 1, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, AccountPasswordPresent: 1 });

    expect(await same((iam) => iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    await same((iam) =>
      iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 })),
    );
    const [policyMoto, policyPractice] = await both((iam) => iam.send(new GetAccountPasswordPolicyCommand({})));
    const fields = ['MinimumPasswordLength', 'RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'AllowUsersToChangePassword', 'ExpirePasswords', 'PasswordReusePrevention'];
    const pick = (o: Outcome) => fields.map((f) => (o as { value: { PasswordPolicy: Record<string, unknown> } }).value.PasswordPolicy[f]);
    expect(pick(policyPractice)).toEqual(pick(policyMoto));
    expect(pick(policyPractice)).toEqual([14, true, false, false, false, false, false, 24]);

    expect(await same((iam) => iam.send(new ListAccountAliasesCommand({})))).toMatchObject({ value: { AccountAliases: [] } });
    await same((iam) => iam.send(new CreateAccountAliasCommand({ AccountAlias: 'practice-corp' })));
    expect(await same((iam) => iam.send(new ListAccountAliasesCommand({})))).toMatchObject({ value: { AccountAliases: ['practice-corp'] } });
  });

  it('virtual MFA devices by assignment status, and deleting an unassigned one', async () => {
    await same((iam) => iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' })));
    const serials = (o: Outcome) => (o as { value: { VirtualMFADevices: { SerialNumber: string }[] } }).value.VirtualMFADevices.map((d) => d.SerialNumber).sort();
    for (const AssignmentStatus of ['Assigned', 'Unassigned'] as const) {
      const [fromMoto, fromPractice] = await both((iam) => iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus })));
      expect(serials(fromPractice)).toEqual(serials(fromMoto));
    }
    const [unassigned] = await both((iam) => iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' })));
    expect(serials(unassigned)).toEqual(['arn:aws:iam::123456789012:mfa/spare']);
    expect(await same((iam) => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: 'arn:aws:iam::123456789012:mfa/spare' })))).toMatchObject({ ok: true });
    expect(await same((iam) => iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' })))).toMatchObject({ value: { VirtualMFADevices: [] } });
  });

  it('budgets: create with alerts, the duplicate, describe, and notifications', async () => {
    expect(await sameAcross((aws) => aws.budgets.send(new DescribeBudgetsCommand({ AccountId: ACCOUNT })))).toMatchObject({ ok: true, value: { Budgets: [] } });
    const create = () =>
      new CreateBudgetCommand({
        AccountId: ACCOUNT,
        Budget: { BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '20', Unit: 'USD' } },
        NotificationsWithSubscribers: [alert('ACTUAL', 80), alert('FORECASTED', 100)].map((Notification) => ({ Notification, Subscribers: subscribers })),
      });
    expect(await sameAcross((aws) => aws.budgets.send(create()))).toMatchObject({ ok: true, status: 200 });
    expect(await sameAcross((aws) => aws.budgets.send(create()))).toEqual({ ok: false, error: 'DuplicateRecordException', status: 400 });
    expect(await sameAcross((aws) => aws.budgets.send(new DescribeBudgetsCommand({ AccountId: ACCOUNT })))).toMatchObject({
      value: { Budgets: [{ BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '20', Unit: 'USD' }, TimePeriod: { Start: '<date>', End: '<date>' } }] },
    });
    // The period starts with the month the budget was made in and, with no end given, ends where AWS ends it.
    const [motoBudget, practiceBudget] = await across((aws) => aws.budgets.send(new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'monthly-cost-alert' })));
    expect(motoBudget).toEqual(practiceBudget);
    const period = async (aws: AwsClients) => (await aws.budgets.send(new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'monthly-cost-alert' }))).Budget!.TimePeriod;
    expect(await period(practiceAws)).toEqual(await period(motoAws));
    expect(await sameAcross((aws) => aws.budgets.send(new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'nope' })))).toEqual({
      ok: false,
      error: 'NotFoundException',
      status: 400,
    });

    const notifications = () => new DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'monthly-cost-alert' });
    expect(await sameAcross((aws) => aws.budgets.send(notifications()))).toMatchObject({ value: { Notifications: [alert('ACTUAL', 80), alert('FORECASTED', 100)] } });
    const add = (BudgetName: string, threshold: number) =>
      new CreateNotificationCommand({ AccountId: ACCOUNT, BudgetName, Notification: alert('ACTUAL', threshold), Subscribers: subscribers });
    expect(await sameAcross((aws) => aws.budgets.send(add('monthly-cost-alert', 100)))).toMatchObject({ ok: true });
    expect(await sameAcross((aws) => aws.budgets.send(add('nope', 100)))).toEqual({ ok: false, error: 'NotFoundException', status: 400 });
    expect(await sameAcross((aws) => aws.budgets.send(notifications()))).toMatchObject({ value: { Notifications: [{}, {}, alert('ACTUAL', 100)] } });
  });

  it('alternate contacts: put, then get', async () => {
    await sameAcross((aws) => aws.account.send(new PutAlternateContactCommand(contact)));
    expect(await sameAcross((aws) => aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })))).toEqual({
      ok: true,
      status: 200,
      value: { AlternateContact: contact },
    });
    // A put replaces the contact of that type.
    await sameAcross((aws) => aws.account.send(new PutAlternateContactCommand({ ...contact, Name: 'Security team' })));
    expect(await sameAcross((aws) => aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })))).toMatchObject({
      value: { AlternateContact: { Name: 'Security team' } },
    });
  });

  it('the credential report: generate, then the same columns and the same user rows', async () => {
    expect(await same((iam) => iam.send(new GetCredentialReportCommand({})))).toMatchObject({ ok: false, error: 'CredentialReportNotPresentException' });
    expect(await same((iam) => iam.send(new GenerateCredentialReportCommand({})))).toMatchObject({ ok: true, value: { State: 'STARTED' } });
    expect(await same((iam) => iam.send(new GenerateCredentialReportCommand({})))).toMatchObject({ ok: true, value: { State: 'COMPLETE' } });
    const [fromMoto, fromPractice] = [await reportRows(motoAws), await reportRows(practiceAws)];
    expect(fromPractice.header).toEqual(fromMoto.header);
    // moto writes not_supported where IAM writes N/A (no rotation required; a key never used), and
    // gives a user without a password a change date and not_supported where IAM writes N/A.
    const motoAsIam = (row: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => {
          if (v === 'not_supported' && /next_rotation|last_used_(region|service)/.test(k)) return [k, 'N/A'];
          if (row.password_enabled === 'false' && /^password_last_(used|changed)$/.test(k)) return [k, 'N/A'];
          return [k, v];
        }),
      );
    const users = (rows: Record<string, string>[]) => rows.filter((r) => r.user !== '<root_account>').map(maskDates);
    expect(users(fromPractice.rows)).toEqual(users(fromMoto.rows.map(motoAsIam)));
    expect(users(fromPractice.rows).map((r) => [r.user, r.password_enabled, r.mfa_active])).toEqual([
      ['alice', 'true', 'true'],
      ['bob', 'false', 'false'],
    ]);
  });

  describe('where the practice account follows IAM and moto does not', () => {
    it('user names are unique ignoring case (moto lets "ALICE" in beside "alice")', async () => {
      const [fromMoto, fromPractice] = await both((iam) => iam.send(new CreateUserCommand({ UserName: 'ALICE' })));
      expect(fromMoto).toMatchObject({ ok: true });
      expect(fromPractice).toEqual({ ok: false, error: "EntityAlreadyExistsException", status: 409 });
    });

    it('a malformed policy ARN is InvalidInput (moto says NoSuchEntity)', async () => {
      // Long enough for arnType's 20 characters, which IAM checks first (a ValidationError).
      const [fromMoto, fromPractice] = await both((iam) => iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'this-is-not-an-arn-at-all' })));
      expect(fromMoto).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
      expect(fromPractice).toEqual({ ok: false, error: "InvalidInputException", status: 400 });
    });

    it('entities of a policy that does not exist: NoSuchEntity (moto answers an empty list)', async () => {
      const [fromMoto, fromPractice] = await both((iam) => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })));
      expect(fromMoto).toMatchObject({ ok: true, value: { PolicyUsers: [] } });
      expect(fromPractice).toEqual({ ok: false, error: "NoSuchEntityException", status: 404 });
    });

    it('a user name outside IAM\'s pattern is a ValidationError (moto accepts it)', async () => {
      const [fromMoto, fromPractice] = await both((iam) => iam.send(new CreateUserCommand({ UserName: 'has space' })));
      expect(fromMoto).toMatchObject({ ok: true });
      expect(fromPractice).toEqual({ ok: false, error: 'ValidationError', status: 400 });
    });

    it('PasswordResetRequired is kept (moto always answers false) and MFA codes are checked (moto takes any)', async () => {
      const [fromMoto, fromPractice] = await both(async (iam) => {
        await iam.send(new CreateUserCommand({ UserName: 'carol' }));
        return iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Practice-Passw0rd!', PasswordResetRequired: true }));
      });
      expect(fromMoto).toMatchObject({ value: { LoginProfile: { PasswordResetRequired: false } } });
      expect(fromPractice).toMatchObject({ value: { LoginProfile: { PasswordResetRequired: true } } });

      const [wrongMoto, wrongPractice] = await both(async (iam) => {
        const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-phone' }));
        return iam.send(
          new EnableMFADeviceCommand({ UserName: 'carol', SerialNumber: device.VirtualMFADevice!.SerialNumber, AuthenticationCode1: '000000', AuthenticationCode2: '000000' }),
        );
      });
      expect(wrongMoto).toMatchObject({ ok: true });
      expect(wrongPractice).toEqual({ ok: false, error: "InvalidAuthenticationCodeException", status: 403 });
    });

    it('budgets: a second identical alert is DuplicateRecord (moto adds it again); a missing budget\'s alerts are NotFound (moto fails with 500)', async () => {
      const again = () =>
        new CreateNotificationCommand({ AccountId: ACCOUNT, BudgetName: 'monthly-cost-alert', Notification: alert('ACTUAL', 80), Subscribers: subscribers });
      const [fromMoto, fromPractice] = await across((aws) => aws.budgets.send(again()));
      expect(fromMoto).toMatchObject({ ok: true });
      expect(fromPractice).toEqual({ ok: false, error: 'DuplicateRecordException', status: 400 });

      const [missingMoto, missingPractice] = await across((aws) => aws.budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'nope' })));
      expect(missingMoto).toMatchObject({ ok: false, status: 500 });
      expect(missingPractice).toEqual({ ok: false, error: 'NotFoundException', status: 400 });
    });

    it('a missing alternate contact is a 404, as the Account API\'s model says (moto: 400); a malformed email is refused (moto takes it)', async () => {
      const get = () => new GetAlternateContactCommand({ AlternateContactType: 'OPERATIONS' });
      const [fromMoto, fromPractice] = await across((aws) => aws.account.send(get()));
      expect(fromMoto).toEqual({ ok: false, error: 'ResourceNotFoundException', status: 400 });
      expect(fromPractice).toEqual({ ok: false, error: 'ResourceNotFoundException', status: 404 });

      const [badMoto, badPractice] = await across((aws) => aws.account.send(new PutAlternateContactCommand({ ...contact, AlternateContactType: 'BILLING', EmailAddress: 'not-an-email' })));
      expect(badMoto).toMatchObject({ ok: true });
      expect(badPractice).toEqual({ ok: false, error: 'ValidationException', status: 400 });
    });

    it('the credential report has a <root_account> row and the time it was made (moto: no root row, always 2015-02-02)', async () => {
      const [fromMoto, fromPractice] = [await reportRows(motoAws), await reportRows(practiceAws)];
      expect(fromMoto.rows.find((r) => r.user === '<root_account>')).toBeUndefined();
      expect(fromMoto.generated.toISOString()).toBe('2015-02-02T20:02:02.000Z');
      // Made during this run, not a fixed date like moto's.
      expect(fromPractice.generated.getTime()).toBeGreaterThanOrEqual(startedMs);
      expect(fromPractice.generated.getTime()).toBeLessThanOrEqual(Date.now());
      // Root here has no MFA and its one active key, deleted nowhere yet; its password column is never a yes or no.
      expect(maskDates(fromPractice.rows.find((r) => r.user === '<root_account>')!)).toMatchObject({
        arn: 'arn:aws:iam::123456789012:root',
        password_enabled: 'not_supported',
        password_last_used: 'no_information',
        mfa_active: 'false',
        access_key_1_active: 'true',
        access_key_1_last_rotated: '<date>',
        access_key_1_last_used_date: 'N/A',
        access_key_2_active: 'false',
      });
    });

    it('the caller is root on temporary credentials (moto answers an IAM user "moto")', async () => {
      const [fromMoto, fromPractice] = [await outcome(() => motoAws.sts.send(new GetCallerIdentityCommand({}))), await outcome(() => practiceAws.sts.send(new GetCallerIdentityCommand({})))];
      expect(fromMoto).toMatchObject({ ok: true, value: { Arn: 'arn:aws:sts::123456789012:user/moto' } });
      expect(fromPractice).toEqual({ ok: true, status: 200, value: { UserId: '<id>', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' } });
    });
  });
});
