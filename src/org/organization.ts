import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountOrganization } from '../aws/organization.js';
import { count } from '../wording.js';

/** A member of the organization, as ListAccounts describes it. */
export interface Member {
  id: string;
  name: string;
  email: string;
  /**
   * `State` (PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED), never the retired
   * `Status`; undefined when AWS sent none.
   */
  state: string | undefined;
}

/** The organization (describeOrganization, src/aws/organization.ts) and its accounts. */
export interface Organization extends AccountOrganization {
  /** Every account, the management account included. */
  accounts: Member[];
}

/** An organizational unit (or the root) with the path of names leading to it. */
export interface OrgUnit {
  id: string;
  path: string;
}

/** Organizations pages hold at most 20 items (MaxResults 1–20 in the API model). */
const PAGE = 20;

const toMember = (a: Account): Member => ({
  id: a.Id ?? '',
  name: a.Name ?? '',
  email: a.Email ?? '',
  state: a.State,
});

/** Every account of the organization, the management account included (ListAccounts, page by page). */
export async function listAccounts(organizations: OrganizationsClient, signal: AbortSignal): Promise<Member[]> {
  return pages(async (NextToken) => {
    const page = await organizations.send(new ListAccountsCommand({ NextToken, MaxResults: PAGE }), { abortSignal: signal });
    return { items: (page.Accounts ?? []).map(toMember), next: page.NextToken };
  });
}

async function pages<T>(fetch: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

/** The organizational units directly under `parentId` (a root or an OU). */
async function childUnits(organizations: OrganizationsClient, parentId: string, signal: AbortSignal) {
  return pages(async (NextToken) => {
    const page = await organizations.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken, MaxResults: PAGE }), {
      abortSignal: signal,
    });
    return { items: page.OrganizationalUnits ?? [], next: page.NextToken };
  });
}

/** The account ids directly under `parentId`. */
async function childAccounts(organizations: OrganizationsClient, parentId: string, signal: AbortSignal): Promise<string[]> {
  return pages(async (NextToken) => {
    const page = await organizations.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken, MaxResults: PAGE }), { abortSignal: signal });
    return { items: (page.Accounts ?? []).map((a) => a.Id ?? ''), next: page.NextToken };
  });
}

/** Every account id under `parentId`, at any depth (ListAccountsForParent and ListOrganizationalUnitsForParent, recursively). */
export async function accountsUnder(organizations: OrganizationsClient, parentId: string, signal: AbortSignal): Promise<string[]> {
  const [accounts, units] = await Promise.all([childAccounts(organizations, parentId, signal), childUnits(organizations, parentId, signal)]);
  for (const unit of units) accounts.push(...(await accountsUnder(organizations, unit.Id ?? '', signal)));
  return accounts;
}

/** The root and every OU below it, depth first, each with its path (`Root / Prod / Web`): for choosing. */
export async function unitTree(organizations: OrganizationsClient, signal: AbortSignal): Promise<OrgUnit[]> {
  const roots = (await organizations.send(new ListRootsCommand({}), { abortSignal: signal })).Roots ?? [];
  const tree: OrgUnit[] = [];
  const walk = async (id: string, path: string) => {
    tree.push({ id, path });
    for (const unit of await childUnits(organizations, id, signal)) await walk(unit.Id ?? '', `${path} / ${unit.Name ?? unit.Id ?? ''}`);
  };
  for (const root of roots) await walk(root.Id ?? '', root.Name ?? 'Root');
  return tree;
}

/**
 * An organization's size as the org command says it, the same everywhere (the practice banner, the
 * choice of accounts): "7 accounts: the management account and 6 members". `total` counts the
 * management account.
 */
export const accountsOf = (total: number): string => `${count(total, 'account')}: the management account and ${count(total - 1, 'member')}`;
