import type { IncomingMessage } from 'node:http';
import type { PracticeAccount } from '../../account.js';
import { epochSeconds, type JsonBody } from '../../protocols/json-protocol.js';
import { JsonFields } from '../../protocols/json-fields.js';
import { ServiceError } from '../../protocols/query-protocol.js';
import { modelRule, type Member } from '../../../rules/field-rule.js';
import type { PracticeOrganization } from '../organization/organization.js';
import type { PracticeIdentityCenter, PracticeIdentityUser, PracticePermissionSet } from './identity-center.js';

/**
 * IAM Identity Center's APIs for the wizard signed in as the practice account's root (AWS JSON 1.1:
 * sso-admin's `SWBExternalService.<Action>`, the identity store's `AWSIdentityStore.<Action>`), and
 * the two Organizations calls its Identity Center way makes (the organization is the built-in
 * one, which this account manages). Every field is checked by the rule of AWS's model for it.
 */

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const TARGETS: [RegExp, 'sso' | 'identitystore' | 'organizations'][] = [
  [/^SWBExternalService\.(\w+)$/, 'sso'],
  [/^AWSIdentityStore\.(\w+)$/, 'identitystore'],
  [/^AWSOrganizationsV20161128\.(DescribeOrganization|CreateOrganization)$/, 'organizations'],
];

const JSON_TYPE = 'application/x-amz-json-1.1';
const validation = (message: string) => new ServiceError('ValidationException', message, 400);
const sso = (member: Member<'sso-admin'>) => modelRule('sso-admin', member).model;
const store = (member: Member<'identitystore'>) => modelRule('identitystore', member).model;

/** The region a call was signed for: where Identity Center's data is looked for. */
const regionOf = (req: IncomingMessage) => /Credential=[^/]*\/[^/]*\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';

const userJson = (u: PracticeIdentityUser, identityStoreId: string) => ({
  IdentityStoreId: identityStoreId,
  UserId: u.id,
  UserName: u.userName,
  DisplayName: u.displayName,
  Name: { GivenName: u.givenName, FamilyName: u.familyName },
  Emails: [{ Value: u.email, Type: 'work', Primary: true }],
  UserStatus: 'ENABLED',
  CreatedAt: epochSeconds(u.created),
});

const setJson = (p: PracticePermissionSet) => ({
  Name: p.name,
  PermissionSetArn: p.arn,
  ...(p.description ? { Description: p.description } : {}),
  SessionDuration: p.sessionDuration,
  CreatedDate: epochSeconds(p.created),
});

type Handler = (ic: PracticeIdentityCenter, f: JsonFields, region: string, account: PracticeAccount, json: JsonBody) => JsonBody;

const ssoHandlers: Record<string, Handler> = {
  ListInstances(ic, _f, region) {
    const i = ic.instance;
    const shown = i && i.region === region ? [{ InstanceArn: i.instanceArn, IdentityStoreId: i.identityStoreId, OwnerAccountId: ic.accountId, Status: 'ACTIVE', CreatedDate: epochSeconds(i.created) }] : [];
    return { Instances: shown };
  },
  CreatePermissionSet(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('CreatePermissionSetRequest.InstanceArn')));
    const made = ic.createPermissionSet({
      name: f.string('Name', sso('CreatePermissionSetRequest.Name')),
      description: f.optionalString('Description', sso('CreatePermissionSetRequest.Description')),
      sessionDuration: f.optionalString('SessionDuration', sso('CreatePermissionSetRequest.SessionDuration')) ?? 'PT1H',
    });
    return { PermissionSet: setJson(made) };
  },
  ListPermissionSets(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('ListPermissionSetsRequest.InstanceArn')));
    return { PermissionSets: ic.permissionSets.map((p) => p.arn) };
  },
  DescribePermissionSet(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('DescribePermissionSetRequest.InstanceArn')));
    return { PermissionSet: setJson(ic.permissionSet(f.string('PermissionSetArn', sso('DescribePermissionSetRequest.PermissionSetArn')))) };
  },
  AttachManagedPolicyToPermissionSet(ic, f, region, account) {
    ic.instanceIn(region, f.string('InstanceArn', sso('AttachManagedPolicyToPermissionSetRequest.InstanceArn')));
    const arn = f.string('PermissionSetArn', sso('AttachManagedPolicyToPermissionSetRequest.PermissionSetArn'));
    const policy = f.string('ManagedPolicyArn', sso('AttachManagedPolicyToPermissionSetRequest.ManagedPolicyArn'));
    try {
      account.policy(policy);
    } catch {
      throw new ServiceError('ResourceNotFoundException', `Policy does not exist with ARN: ${policy}`, 400);
    }
    ic.attachManagedPolicy(arn, policy);
    return {};
  },
  ListManagedPoliciesInPermissionSet(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('ListManagedPoliciesInPermissionSetRequest.InstanceArn')));
    const set = ic.permissionSet(f.string('PermissionSetArn', sso('ListManagedPoliciesInPermissionSetRequest.PermissionSetArn')));
    return { AttachedManagedPolicies: set.policies.map((arn) => ({ Name: arn.split('/').pop(), Arn: arn })) };
  },
  CreateAccountAssignment(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('CreateAccountAssignmentRequest.InstanceArn')));
    const assignment = {
      targetId: f.string('TargetId', sso('CreateAccountAssignmentRequest.TargetId')),
      permissionSetArn: f.string('PermissionSetArn', sso('CreateAccountAssignmentRequest.PermissionSetArn')),
      principalId: f.string('PrincipalId', sso('CreateAccountAssignmentRequest.PrincipalId')),
    };
    f.oneOf('TargetType', sso('CreateAccountAssignmentRequest.TargetType'), ['AWS_ACCOUNT'] as const);
    f.oneOf('PrincipalType', sso('CreateAccountAssignmentRequest.PrincipalType'), ['USER'] as const);
    const { requestId, created } = ic.createAssignment(assignment);
    return { AccountAssignmentCreationStatus: statusJson('IN_PROGRESS', requestId, assignment, created) };
  },
  DescribeAccountAssignmentCreationStatus(ic, f, region, _account, json) {
    ic.instanceIn(region, f.string('InstanceArn', sso('DescribeAccountAssignmentCreationStatusRequest.InstanceArn')));
    // UUId: 36 characters; its model pattern uses \b, which no rule here reads: the id is looked up whole.
    const requestId = String(json.AccountAssignmentCreationRequestId ?? '');
    if (requestId.length !== 36) throw validation("1 validation error detected: Value at 'accountAssignmentCreationRequestId' failed to satisfy constraint: Member must have length 36");
    const { status, assignment, created } = ic.assignmentStatus(requestId);
    return { AccountAssignmentCreationStatus: statusJson(status, requestId, assignment, created) };
  },
  // A permission set is provisioned to an account by its assignments there (CreateAccountAssignment's documentation).
  ListAccountsForProvisionedPermissionSet(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('ListAccountsForProvisionedPermissionSetRequest.InstanceArn')));
    const arn = ic.permissionSet(f.string('PermissionSetArn', sso('ListAccountsForProvisionedPermissionSetRequest.PermissionSetArn'))).arn;
    return { AccountIds: [...new Set(ic.assignments.filter((a) => a.permissionSetArn === arn).map((a) => a.targetId))] };
  },
  ListAccountAssignments(ic, f, region) {
    ic.instanceIn(region, f.string('InstanceArn', sso('ListAccountAssignmentsRequest.InstanceArn')));
    const account = f.string('AccountId', sso('ListAccountAssignmentsRequest.AccountId'));
    const arn = f.string('PermissionSetArn', sso('ListAccountAssignmentsRequest.PermissionSetArn'));
    const found = ic.assignments.filter((a) => a.targetId === account && a.permissionSetArn === arn);
    return { AccountAssignments: found.map((a) => ({ AccountId: a.targetId, PermissionSetArn: a.permissionSetArn, PrincipalType: 'USER', PrincipalId: a.principalId })) };
  },
};

const statusJson = (status: string, requestId: string, a: { targetId: string; permissionSetArn: string; principalId: string }, created: string) => ({
  Status: status,
  RequestId: requestId,
  TargetId: a.targetId,
  TargetType: 'AWS_ACCOUNT',
  PermissionSetArn: a.permissionSetArn,
  PrincipalType: 'USER',
  PrincipalId: a.principalId,
  CreatedDate: epochSeconds(created),
});

const storeHandlers: Record<string, Handler> = {
  CreateUser(ic, f, region) {
    const instance = ic.storeIn(region, f.string('IdentityStoreId', store('CreateUserRequest.IdentityStoreId')));
    // Identity Center needs a display name and both names, which the model leaves optional.
    const name = f.object('Name');
    const [email] = f.list('Emails', store('CreateUserRequest.Emails'));
    if (!email) throw validation('1 validation error detected: Value at \'emails\' failed to satisfy constraint: Member must have length between 1 and 1');
    const made = ic.createUser({
      userName: f.string('UserName', store('CreateUserRequest.UserName')),
      displayName: f.string('DisplayName', store('CreateUserRequest.DisplayName')),
      givenName: name.string('GivenName', store('Name.GivenName')),
      familyName: name.string('FamilyName', store('Name.FamilyName')),
      email: email.string('Value', store('Email.Value')),
    });
    return { IdentityStoreId: instance.identityStoreId, UserId: made.id };
  },
  GetUserId(ic, f, region, _account, json) {
    const instance = ic.storeIn(region, f.string('IdentityStoreId', store('GetUserIdRequest.IdentityStoreId')));
    const unique = f.object('AlternateIdentifier').object('UniqueAttribute');
    const path = unique.string('AttributePath', store('UniqueAttribute.AttributePath'));
    if (path.toLowerCase() !== 'username') throw validation(`The practice identity store looks users up by userName only, not ${path}.`);
    // AttributeValue is a document (any JSON value): a user name is a string.
    const wanted = ((json.AlternateIdentifier as JsonBody).UniqueAttribute as JsonBody).AttributeValue;
    const user = typeof wanted === 'string' ? ic.userNamed(wanted) : undefined;
    if (!user) throw new ServiceError('ResourceNotFoundException', 'USER not found.', 400);
    return { IdentityStoreId: instance.identityStoreId, UserId: user.id };
  },
  DescribeUser(ic, f, region) {
    const instance = ic.storeIn(region, f.string('IdentityStoreId', store('DescribeUserRequest.IdentityStoreId')));
    return userJson(ic.user(f.string('UserId', store('DescribeUserRequest.UserId'))), instance.identityStoreId);
  },
};

/** The built-in organization, as the wizard's Identity Center way asks about it. */
function organizationsHandler(org: PracticeOrganization, action: string): JsonBody {
  if (action === 'CreateOrganization') {
    throw new ServiceError('AlreadyInOrganizationException', 'The provided account is already a member of an organization.', 400);
  }
  return {
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: 'owner@example.com',
      AvailablePolicyTypes: [],
    },
  };
}

/**
 * Answers an Identity Center (or Organizations) request of the practice account; undefined for
 * any other. `checkSigned` rejects (ServiceError) a request not signed with the practice session's
 * credentials: its SigV4 signature, with the run's secret (server.ts).
 */
export async function answerIdentityCenter(
  account: PracticeAccount,
  org: PracticeOrganization,
  calls: string[],
  body: string,
  req: IncomingMessage,
  checkSigned: () => Promise<void>,
): Promise<Reply | undefined> {
  const header = String(req.headers['x-amz-target'] ?? '');
  const found = TARGETS.map(([pattern, service]) => [pattern.exec(header)?.[1], service] as const).find(([action]) => action);
  if (!found || req.method !== 'POST') return undefined;
  const [action, service] = found as [string, 'sso' | 'identitystore' | 'organizations'];
  calls.push(`${service}:${action}`);
  try {
    await checkSigned();
    let json: JsonBody = {};
    try {
      json = JSON.parse(body || '{}') as JsonBody;
    } catch {
      throw new ServiceError('SerializationException', 'The request body is not JSON.', 400);
    }
    if (service === 'organizations') return reply(200, organizationsHandler(org, action));
    const handlers = service === 'sso' ? ssoHandlers : storeHandlers;
    // Own properties only: an action named "constructor" or "toString" is no handler.
    const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) throw new ServiceError('InvalidAction', `The practice account does not simulate ${service}:${action}.`, 400);
    return reply(200, handler(account.identityCenter, new JsonFields(json, validation), regionOf(req), account, json));
  } catch (error) {
    const e = error instanceof ServiceError ? error : new ServiceError('InternalServerException', String(error), 500);
    return { status: e.status, headers: { 'content-type': JSON_TYPE, 'x-amzn-errortype': e.code }, body: JSON.stringify({ __type: e.code, message: e.message }) };
  }
}

const reply = (status: number, value: JsonBody): Reply => ({ status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) });
