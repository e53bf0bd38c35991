import { CreateOrganizationCommand, DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { errorName } from './aws-error.js';
import { regionalClient, type AwsClients } from './clients.js';

/**
 * The account's place in AWS Organizations, for the Identity Center way of admin-user (the org
 * command has its own, larger reader in src/org). Organizations is global: its endpoint lives in
 * the partition's main region, where every other client of this program is signed.
 */

export interface AccountOrganization {
  id: string;
  /** ALL, or CONSOLIDATED_BILLING (no organization policies, no organization instance of Identity Center, no centralized root access). */
  featureSet: string;
  /** AWS still calls it the master account in the API (MasterAccountId). */
  managementAccountId: string;
}

const made = new WeakMap<object, OrganizationsClient>();

/** An Organizations client on the caller's settings (see regionalClient), made once per set of clients. */
export function organizationsClient(aws: Pick<AwsClients, 'iam'>): OrganizationsClient {
  let client = made.get(aws);
  if (!client) {
    client = regionalClient(aws, 'organizations', aws.iam.config.region, (config) => new OrganizationsClient(config as never));
    made.set(aws, client);
  }
  return client;
}

/** DescribeOrganization. Errors: AWSOrganizationsNotInUseException (the account is in no organization), AccessDeniedException. */
export async function describeOrganization(organizations: OrganizationsClient, signal: AbortSignal): Promise<AccountOrganization> {
  const { Organization } = await organizations.send(new DescribeOrganizationCommand({}), { abortSignal: signal });
  return { id: Organization?.Id ?? '', managementAccountId: Organization?.MasterAccountId ?? '', featureSet: Organization?.FeatureSet ?? 'ALL' };
}

/** describeOrganization on the caller's clients; undefined when the account is in no organization (AWSOrganizationsNotInUseException). */
export async function accountOrganization(aws: Pick<AwsClients, 'iam'>, signal: AbortSignal): Promise<AccountOrganization | undefined> {
  try {
    return await describeOrganization(organizationsClient(aws), signal);
  } catch (error) {
    if (errorName(error) === 'AWSOrganizationsNotInUseException') return undefined;
    throw error;
  }
}

/**
 * Makes the calling account the management account of a new organization with all features
 * (CreateOrganization, FeatureSet ALL). Already in one (AlreadyInOrganizationException) is
 * success: the caller reads which one, and whether this account manages it.
 */
export async function createOrganization(aws: Pick<AwsClients, 'iam'>, signal: AbortSignal): Promise<void> {
  try {
    await organizationsClient(aws).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }), { abortSignal: signal });
  } catch (error) {
    if (errorName(error) !== 'AlreadyInOrganizationException') throw error;
  }
}
