import { DescribeUserCommand, GetUserIdCommand, IdentitystoreClient, type DescribeUserCommandOutput } from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  SSOAdminClient,
  type InstanceMetadata,
} from '@aws-sdk/client-sso-admin';
import { isNotFound } from './aws-error.js';
import { regionalClient, type AwsClients } from './clients.js';

/**
 * IAM Identity Center, read. It is regional, unlike IAM: its instance, its users (in the instance's
 * identity store) and its permission sets live in the one region where it was enabled, chosen in
 * the console. So its clients are made per region (every other call of this program goes to the
 * partition's main region, see endpoints.ts), and every read here is of that region.
 */

export interface IdentityCenterClients {
  region: string;
  ssoAdmin: SSOAdminClient;
  identityStore: IdentitystoreClient;
}

/** The instance a run works with: enabled in `region`, owned by this account. */
export interface IdentityCenterInstance {
  region: string;
  instanceArn: string;
  /** `d-` and 10 hex digits: the identity store's id, and the default access portal's subdomain. */
  identityStoreId: string;
  status: string;
}

/** The permission set the Identity Center way makes, as AWS names its own predefined one. */
export const ADMIN_PERMISSION_SET = 'AdministratorAccess';

/** The IAM role Identity Center makes in an account for a permission set: AWSReservedSSO_<name>_<hash>. */
export const reservedRolePrefix = (permissionSet: string) => `AWSReservedSSO_${permissionSet}_`;

const made = new WeakMap<object, Map<string, IdentityCenterClients>>();

/** The Identity Center clients for `region`, made once per set of clients (see regionalClient). */
export function identityCenterClients(aws: Pick<AwsClients, 'iam'>, region: string): IdentityCenterClients {
  const byRegion = made.get(aws) ?? new Map<string, IdentityCenterClients>();
  made.set(aws, byRegion);
  let clients = byRegion.get(region);
  if (!clients) {
    clients = {
      region,
      // The permissions of sso-admin's operations are named sso:..., identitystore's identitystore:...
      ssoAdmin: regionalClient(aws, 'sso', region, (config) => new SSOAdminClient(config as never)),
      identityStore: regionalClient(aws, 'identitystore', region, (config) => new IdentitystoreClient(config as never)),
    };
    byRegion.set(region, clients);
  }
  return clients;
}

const options = (signal: AbortSignal) => ({ abortSignal: signal });

/**
 * The instance of Identity Center owned by `account` in the clients' region, if there is one: an
 * ACTIVE one first. ListInstances also shows instances that are only visible to the account (an
 * account instance of a member), hence the owner test.
 */
export async function ownInstance(c: IdentityCenterClients, account: string): Promise<IdentityCenterInstance | undefined> {
  const owned: InstanceMetadata[] = [];
  for await (const page of paginateListInstances({ client: c.ssoAdmin }, {})) {
    page.Instances?.forEach((i) => i.OwnerAccountId === account && i.InstanceArn && i.IdentityStoreId && owned.push(i));
  }
  const found = owned.find((i) => i.Status === 'ACTIVE') ?? owned[0];
  return found && { region: c.region, instanceArn: found.InstanceArn!, identityStoreId: found.IdentityStoreId!, status: found.Status ?? 'ACTIVE' };
}

/** The id of the user named `userName` in the identity store (GetUserId by `userName`), if any. */
export async function userIdOf(c: IdentityCenterClients, identityStoreId: string, userName: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const answer = await c.identityStore.send(
      new GetUserIdCommand({ IdentityStoreId: identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } } }),
      options(signal),
    );
    return answer.UserId;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A user of the identity store, as DescribeUser gives it. */
export const describeUser = (c: IdentityCenterClients, identityStoreId: string, userId: string, signal: AbortSignal): Promise<DescribeUserCommandOutput> =>
  c.identityStore.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: userId }), options(signal));

/** The ARN of the instance's permission set named `name` (names are unique in an instance), if any. */
export async function permissionSetNamed(c: IdentityCenterClients, instanceArn: string, name: string, signal: AbortSignal): Promise<string | undefined> {
  for await (const page of paginateListPermissionSets({ client: c.ssoAdmin }, { InstanceArn: instanceArn })) {
    for (const arn of page.PermissionSets ?? []) {
      const { PermissionSet } = await c.ssoAdmin.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }), options(signal));
      if (PermissionSet?.Name === name) return arn;
    }
  }
  return undefined;
}

/** The AWS managed policies attached to a permission set, by ARN. */
export async function managedPolicyArns(c: IdentityCenterClients, instanceArn: string, permissionSetArn: string): Promise<string[]> {
  const arns: string[] = [];
  const pages = paginateListManagedPoliciesInPermissionSet({ client: c.ssoAdmin }, { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn });
  for await (const page of pages) page.AttachedManagedPolicies?.forEach((p) => p.Arn && arns.push(p.Arn));
  return arns;
}

/**
 * The accounts a permission set is provisioned to (ListAccountsForProvisionedPermissionSet): where
 * an assignment of it gives someone its policies. A policy attached to it reaches whoever is
 * assigned it there, not only the admin this run assigns it to.
 */
export async function provisionedAccounts(c: IdentityCenterClients, instanceArn: string, permissionSetArn: string): Promise<string[]> {
  const accounts: string[] = [];
  const pages = paginateListAccountsForProvisionedPermissionSet({ client: c.ssoAdmin }, { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn });
  for await (const page of pages) page.AccountIds?.forEach((id) => accounts.push(id));
  return accounts;
}

/** Whether `userId` is assigned `permissionSetArn` in `account`. */
export async function isAssigned(c: IdentityCenterClients, instanceArn: string, account: string, permissionSetArn: string, userId: string): Promise<boolean> {
  const pages = paginateListAccountAssignments({ client: c.ssoAdmin }, { InstanceArn: instanceArn, AccountId: account, PermissionSetArn: permissionSetArn });
  for await (const page of pages) {
    if (page.AccountAssignments?.some((a) => a.PrincipalType === 'USER' && a.PrincipalId === userId)) return true;
  }
  return false;
}
