import type { IncomingMessage } from 'node:http';
import { parseQueryRequest, ServiceError, signingKeyId } from '../../protocols/query-protocol.js';
import { answerCentralRootAccess, jsonReply, queryReply, type ApiCall, type Reply } from './central-api.js';
import type { PracticeOrganization } from './organization.js';

/**
 * The practice organization's administrator: a role session in the management account, as an
 * owner signed in to AWS CloudShell with an admin role would be (not root: root cannot call
 * sts:AssumeRoot). Temporary, and not secret.
 */
export const PRACTICE_ORG_ADMIN_CREDENTIALS = {
  accessKeyId: 'ASIAPRACTICEORGADMIN',
  secretAccessKey: 'practice-org-admin-secret-not-a-secret',
  sessionToken: 'practice-org-admin-session-token',
};

const ORGANIZATIONS_TARGET = /^AWSOrganizationsV20161128\.(\w+)$/;
/** Organizations pages hold at most 20 items (MaxResults 1–20 in the API model). */
const PAGE = 20;

const epoch = (iso: string) => new Date(iso).getTime() / 1000;

function page<T>(items: T[], json: Record<string, unknown>): { items: T[]; NextToken?: string } {
  const max = json.MaxResults === undefined ? PAGE : Number(json.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > PAGE) throw new ServiceError('InvalidInputException', 'MaxResults must be between 1 and 20.', 400);
  const start = json.NextToken === undefined ? 0 : Number(json.NextToken);
  const next = start + max;
  return { items: items.slice(start, next), ...(next < items.length ? { NextToken: String(next) } : {}) };
}

/** The Organizations reads the org commands make, over the practice organization. */
function organizationsRead(org: PracticeOrganization, action: string, json: Record<string, unknown>): object {
  const arn = (kind: string, id: string) => `arn:aws:organizations::${org.managementAccountId}:${kind}/${org.id}/${id}`;
  const account = (m: PracticeOrganization['members'][number]) => ({
    Id: m.id,
    Arn: arn('account', m.id),
    Email: m.email,
    Name: m.name,
    State: m.state,
    JoinedMethod: m.id === org.managementAccountId ? 'INVITED' : 'CREATED',
    JoinedTimestamp: epoch('2022-04-01T00:00:00Z'),
  });
  const parent = () => {
    const id = String(json.ParentId ?? '');
    if (id !== org.rootId && !org.units.some((u) => u.id === id)) throw new ServiceError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.", 400);
    return id;
  };
  switch (action) {
    case 'DescribeOrganization':
      return {
        Organization: {
          Id: org.id,
          Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
          FeatureSet: 'ALL',
          MasterAccountArn: arn('account', org.managementAccountId),
          MasterAccountId: org.managementAccountId,
          MasterAccountEmail: 'owner@example.com',
          AvailablePolicyTypes: [],
        },
      };
    case 'ListAccounts': {
      const { items, NextToken } = page(org.members, json);
      return { Accounts: items.map(account), ...(NextToken ? { NextToken } : {}) };
    }
    case 'ListRoots':
      return { Roots: [{ Id: org.rootId, Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`, Name: 'Root', PolicyTypes: [] }] };
    case 'ListOrganizationalUnitsForParent': {
      const id = parent();
      const { items, NextToken } = page(org.units.filter((u) => u.parentId === id), json);
      return { OrganizationalUnits: items.map((u) => ({ Id: u.id, Arn: arn('ou', u.id), Name: u.name })), ...(NextToken ? { NextToken } : {}) };
    }
    case 'ListAccountsForParent': {
      const id = parent();
      const { items, NextToken } = page(org.members.filter((m) => m.parentId === id), json);
      return { Accounts: items.map(account), ...(NextToken ? { NextToken } : {}) };
    }
    default:
      throw new ServiceError('InvalidAction', `The practice organization does not simulate organizations:${action}.`, 400);
  }
}

/**
 * Answers a request signed by the practice organization's administrator, or made in a root
 * session it opened: Organizations (AWS JSON 1.1), IAM and STS (query protocol). undefined for
 * any other request, which the practice account answers as before.
 */
export function answerOrganization(org: PracticeOrganization, calls: string[], body: string, req: IncomingMessage): Reply | undefined {
  const keyId = signingKeyId(req.headers.authorization);
  if (keyId !== PRACTICE_ORG_ADMIN_CREDENTIALS.accessKeyId && !org.central.session(keyId)) return undefined;
  const caller = { account: org.managementAccountId, isRoot: false };
  const target = ORGANIZATIONS_TARGET.exec(String(req.headers['x-amz-target'] ?? ''))?.[1];
  if (target) {
    calls.push(`organizations:${target}`);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      // an unreadable body is an empty one: every field is then checked as missing
    }
    const request: ApiCall = { call: `organizations:${target}`, params: {}, json };
    return answerCentralRootAccess(org.central, caller, keyId, request) ?? jsonReply(() => organizationsRead(org, target, json));
  }
  const query = parseQueryRequest(body);
  if (!query) return undefined;
  const call = `${query.service}:${query.action}`;
  calls.push(call);
  if (call === 'sts:GetCallerIdentity' && !org.central.session(keyId)) {
    return queryReply('sts', query.action, () => ({
      UserId: 'AROAPRACTICEORGADMIN:learner',
      Account: org.managementAccountId,
      Arn: `arn:aws:sts::${org.managementAccountId}:assumed-role/OrganizationAdmin/learner`,
    }));
  }
  return (
    answerCentralRootAccess(org.central, caller, keyId, { call, params: query.params, json: {} }) ??
    queryReply(query.service, query.action, () => {
      throw new ServiceError('AccessDenied', `The practice organization's administrator role does not allow ${call}.`, 403);
    })
  );
}
