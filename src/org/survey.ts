import type { Identity } from '../aws/identity.js';
import { describeOrganization } from '../aws/organization.js';
import { UsageError } from '../errors.js';
import { readCentralRootAccess, type CentralRootAccess } from './central-root-access.js';
import type { OrgClients } from './clients.js';
import { explainOrgError, OrgStateError } from './org-errors.js';
import { accountsUnder, listAccounts, type Member, type Organization } from './organization.js';
import type { RunHeader } from './report-sinks.js';

/** Which accounts a run is about: every one, those named, or those under an OU (at any depth). */
export type Selection = { kind: 'all' } | { kind: 'accounts'; ids: string[] } | { kind: 'ou'; id: string };

export const selectionFrom = (o: { accounts?: string[]; ou?: string }): Selection =>
  o.accounts ? { kind: 'accounts', ids: o.accounts } : o.ou ? { kind: 'ou', id: o.ou } : { kind: 'all' };

/** The organization as this run sees it. */
export interface Survey {
  organization: Organization;
  access: CentralRootAccess;
  /** The caller is in the management account (else: IAM's delegated administrator). */
  isManagement: boolean;
  header: RunHeader;
}

/**
 * Reads the organization (it must have all features) and where centralized root access stands.
 * The states of Organizations and IAM that stop a run become one line for a person (OrgStateError).
 */
export async function survey(clients: OrgClients, identity: Identity, signal: AbortSignal): Promise<Survey> {
  try {
    const described = await describeOrganization(clients.organizations, signal);
    if (described.featureSet !== 'ALL') throw Object.assign(new Error('consolidated billing only'), { name: 'OrganizationNotInAllFeaturesModeException' });
    // Before listing accounts: a member account that may not list them learns why from IAM, by name.
    const access = await readCentralRootAccess(clients.iam, signal);
    const organization = { ...described, accounts: await listAccounts(clients.organizations, signal) };
    const header = { organizationId: organization.id, managementAccountId: organization.managementAccountId, callerArn: identity.arn, centralRootAccess: access };
    return { organization, access, isManagement: identity.account === organization.managementAccountId, header };
  } catch (error) {
    const explained = explainOrgError(error);
    throw explained ? new OrgStateError(explained) : error;
  }
}

/**
 * The accounts `selection` names, in the organization's order. Ids that are not in the organization
 * are bad input: one line naming them, before anything is read from or done to any member.
 */
export async function choose(clients: OrgClients, organization: Organization, selection: Selection, signal: AbortSignal): Promise<Member[]> {
  if (selection.kind === 'all') return organization.accounts;
  const ids = selection.kind === 'accounts' ? selection.ids : await accountsUnder(clients.organizations, selection.id, signal);
  const wanted = new Set(ids);
  const missing = [...wanted].filter((id) => !organization.accounts.some((a) => a.id === id));
  if (missing.length > 0) throw new UsageError(`--accounts: not in organization ${organization.id}: ${missing.join(', ')}`);
  return organization.accounts.filter((a) => wanted.has(a.id));
}
