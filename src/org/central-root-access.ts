import {
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import {
  EnableAWSServiceAccessCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { errorName } from '../aws/aws-error.js';
import { orgErrorCode } from './org-errors.js';

/** IAM's service principal, as Organizations names it for trusted access and delegated administration. */
export const IAM_SERVICE_PRINCIPAL = 'iam.amazonaws.com';

/** Where centralized root access stands: the three switches, in the order they must be turned on. */
export interface CentralRootAccess {
  /** Trusted access for IAM in Organizations (organizations:EnableAWSServiceAccess). */
  trustedAccess: boolean;
  /** `RootCredentialsManagement`: members' root credentials can be removed, and new members get none. */
  rootCredentialsManagement: boolean;
  /** `RootSessions`: sts:AssumeRoot into members for the privileged tasks. */
  rootSessions: boolean;
}

/**
 * iam:ListOrganizationsFeatures (management account or IAM's delegated administrator). It fails
 * with ServiceAccessNotEnabledException while trusted access for IAM is off, which is read as
 * "everything off" rather than an error. Other errors (OrganizationNotInAllFeaturesModeException,
 * AccountNotManagementOrDelegatedAdministratorException, access denied) are thrown.
 */
export async function readCentralRootAccess(iam: IAMClient, signal: AbortSignal): Promise<CentralRootAccess> {
  try {
    const answer = await iam.send(new ListOrganizationsFeaturesCommand({}), { abortSignal: signal });
    const features = answer.EnabledFeatures ?? [];
    return {
      trustedAccess: true,
      rootCredentialsManagement: features.includes('RootCredentialsManagement'),
      rootSessions: features.includes('RootSessions'),
    };
  } catch (error) {
    if (orgErrorCode(error) === 'ServiceAccessNotEnabled') return { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false };
    throw error;
  }
}

export interface Switch {
  key: keyof CentralRootAccess;
  title: string;
  why: string;
  /** The same change with the AWS CLI, shown before asking. */
  cli: string;
  turnOn(clients: { iam: IAMClient; organizations: OrganizationsClient }, signal: AbortSignal): Promise<unknown>;
}

/** The three switches of centralized root access, in order: each later one needs trusted access. Management account only. */
export const SWITCHES: Switch[] = [
  {
    key: 'trustedAccess',
    title: 'Trusted access for IAM in AWS Organizations',
    why: 'lets IAM see the organization, which both features below need',
    cli: `aws organizations enable-aws-service-access --service-principal ${IAM_SERVICE_PRINCIPAL}`,
    turnOn: ({ organizations }, signal) =>
      organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_SERVICE_PRINCIPAL }), { abortSignal: signal }),
  },
  {
    key: 'rootCredentialsManagement',
    title: 'Root credentials management',
    why: "lets this account remove members' root credentials, stops members from recovering a root password, and creates new member accounts without root credentials",
    cli: 'aws iam enable-organizations-root-credentials-management',
    turnOn: ({ iam }, signal) => iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}), { abortSignal: signal }),
  },
  {
    key: 'rootSessions',
    title: 'Root sessions',
    why: "lets this account open short root sessions in a member (sts:AssumeRoot), limited to one task, to audit or remove that member's root credentials",
    cli: 'aws iam enable-organizations-root-sessions',
    turnOn: ({ iam }, signal) => iam.send(new EnableOrganizationsRootSessionsCommand({}), { abortSignal: signal }),
  },
];

/** The accounts registered as IAM's delegated administrator (organizations:ListDelegatedAdministrators). */
export async function iamDelegatedAdministrators(organizations: OrganizationsClient, signal: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: IAM_SERVICE_PRINCIPAL, NextToken }), {
      abortSignal: signal,
    });
    ids.push(...(page.DelegatedAdministrators ?? []).map((d) => d.Id ?? ''));
    NextToken = page.NextToken;
  } while (NextToken);
  return ids;
}

export const registerDelegatedAdministratorCli = (accountId: string) =>
  `aws organizations register-delegated-administrator --service-principal ${IAM_SERVICE_PRINCIPAL} --account-id ${accountId}`;

/** Registers `accountId` as IAM's delegated administrator; one already registered is left as it is. */
export async function registerDelegatedAdministrator(organizations: OrganizationsClient, accountId: string, signal: AbortSignal): Promise<void> {
  try {
    await organizations.send(new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: IAM_SERVICE_PRINCIPAL }), {
      abortSignal: signal,
    });
  } catch (error) {
    if (errorName(error) !== 'AccountAlreadyRegisteredException') throw error;
  }
}
