// The test proxy's extension for IAM Identity Center: moto 5.2 has SSO Admin and the Identity Store,
// and they stay moto's (users, permission sets, policies, assignments, its own IAM enforcement);
// this adds what moto lacks, as AWS documents it:
//   - an instance exists only once enabled in the console, in one region (moto makes one in every
//     region, ACTIVE from the start, with an identity store id outside AWS's d-<10 hex> form);
//   - CreatePermissionSet refuses a name in use (ConflictException "PermissionSet with name X
//     already exists."); moto makes a second one;
//   - CreateAccountAssignment only starts the work: IN_PROGRESS, then SUCCEEDED on a later
//     DescribeAccountAssignmentCreationStatus (moto says SUCCEEDED at once);
//   - a finished assignment of a permission set makes the role AWSReservedSSO_<name>_<hash> in the
//     account, holding the set's managed policies: shown where IAM lists AdministratorAccess's roles;
//   - it also provisions the set to the account (CreateAccountAssignment's documentation), so
//     ListAccountsForProvisionedPermissionSet lists the account (moto lists only ProvisionPermissionSet's).
import { createHash } from 'node:crypto';
import type { ProxiedCall, ProxyExtension, Upstream } from './account-proxy.js';

type Answer = { status: number; headers: Record<string, string>; body: string };

export interface IdentityCenterExtension extends ProxyExtension {
  /** What the console's "Enable" does: an organization instance in `region`. */
  enable(region: string): void;
  /** The region it was enabled in, if it was. */
  readonly enabledRegion: string | undefined;
  /** The reserved roles made so far, by name. */
  readonly roles: string[];
  /** How many polls an assignment stays IN_PROGRESS for (1 by default). */
  pollsInProgress: number;
  /** When set, assignments end FAILED with this FailureReason (AWS's status for one it could not make). */
  failAssignments: string | undefined;
  /** Forgets everything, as moto's reset does. */
  reset(): void;
}

const JSON_TYPE = 'application/x-amz-json-1.1';
const json = (status: number, value: unknown, errorType?: string): Answer => ({
  status,
  headers: { 'content-type': JSON_TYPE, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
  body: JSON.stringify(value),
});
const parse = (upstream: Upstream) => JSON.parse(upstream.body.toString('utf8') || '{}') as Record<string, unknown>;
const ok = (upstream: Upstream) => upstream.status >= 200 && upstream.status < 300;
/** moto's answer as it is; a denial it words in IAM's XML becomes AccessDeniedException in JSON, as AWS answers. */
function passOn(upstream: Upstream): Answer {
  const text = upstream.body.toString('utf8');
  if (upstream.status === 403 && text.startsWith('<?xml')) {
    return json(403, { __type: 'AccessDeniedException', Message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? 'Access denied' }, 'AccessDeniedException');
  }
  return { status: upstream.status, headers: { 'content-type': String(upstream.headers['content-type'] ?? JSON_TYPE) }, body: text };
}
const regionOf = (request: ProxiedCall) => /Credential=[^/]*\/[^/]*\/([^/]+)\//.exec(request.req.headers.authorization ?? '')?.[1] ?? '';
const hex = (seed: string, length: number) => createHash('sha256').update(seed).digest('hex').slice(0, length);

interface Assignment {
  permissionSetArn: string;
  key: string;
  polls: number;
}

export function identityCenterExtension(adminPolicyArn = 'arn:aws:iam::aws:policy/AdministratorAccess'): IdentityCenterExtension {
  let enabledRegion: string | undefined;
  /** Permission set names by ARN, and the managed policies attached to each. */
  let names = new Map<string, string>();
  let policies = new Map<string, Set<string>>();
  let pending = new Map<string, Assignment>();
  let roles: string[] = [];
  /** The accounts each permission set was provisioned to by a finished assignment. */
  let provisioned = new Map<string, Set<string>>();
  /** Assignments that ended FAILED, which AWS then does not list (moto keeps them). */
  let failed = new Set<string>();
  const assignmentKey = (a: Record<string, string | undefined>) => `${a.PermissionSetArn} ${a.PrincipalType} ${a.PrincipalId} ${a.TargetId ?? a.AccountId}`;

  const instanceArnOf = (permissionSetArn: string) => permissionSetArn.replace(/\/ps-[^/]+$/, '').replace(':permissionSet/', ':instance/');

  async function answer(call: string, request: ProxiedCall): Promise<Answer | undefined> {
    const input = () => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, string>;
    switch (call) {
      case 'sso:ListInstances': {
        const upstream = await request.forward();
        if (!ok(upstream)) return passOn(upstream);
        const shown = enabledRegion === regionOf(request);
        const instances = shown ? ((parse(upstream).Instances as Record<string, unknown>[]) ?? []) : [];
        // AWS's identity store ids are d- and 10 hex digits; moto's take any letters.
        return json(200, { Instances: instances.map((i) => ({ ...i, IdentityStoreId: `d-${hex(String(i.IdentityStoreId), 10)}` })) });
      }
      case 'sso:CreatePermissionSet': {
        const { Name, InstanceArn } = input();
        const taken = [...names].some(([arn, name]) => name === Name && instanceArnOf(arn) === InstanceArn);
        if (taken) return json(400, { __type: 'ConflictException', Message: `PermissionSet with name ${Name} already exists.` }, 'ConflictException');
        const upstream = await request.forward();
        if (ok(upstream)) {
          const made = (parse(upstream).PermissionSet ?? {}) as Record<string, string>;
          names.set(made.PermissionSetArn!, made.Name!);
        }
        return passOn(upstream);
      }
      case 'sso:AttachManagedPolicyToPermissionSet': {
        const upstream = await request.forward();
        const { PermissionSetArn, ManagedPolicyArn } = input();
        if (ok(upstream)) policies.set(PermissionSetArn!, new Set([...(policies.get(PermissionSetArn!) ?? []), ManagedPolicyArn!]));
        return passOn(upstream);
      }
      case 'sso:CreateAccountAssignment': {
        const upstream = await request.forward();
        if (!ok(upstream)) return passOn(upstream);
        const status = parse(upstream).AccountAssignmentCreationStatus as Record<string, string>;
        const key = assignmentKey(input());
        failed.delete(key);
        pending.set(status.RequestId!, { permissionSetArn: input().PermissionSetArn!, key, polls: 0 });
        return json(200, { AccountAssignmentCreationStatus: { ...status, Status: 'IN_PROGRESS' } });
      }
      case 'sso:DescribeAccountAssignmentCreationStatus': {
        const upstream = await request.forward();
        if (!ok(upstream)) return passOn(upstream);
        const status = parse(upstream).AccountAssignmentCreationStatus as Record<string, string>;
        const assignment = pending.get(status.RequestId!);
        if (assignment && assignment.polls++ < extension.pollsInProgress) {
          return json(200, { AccountAssignmentCreationStatus: { ...status, Status: 'IN_PROGRESS' } });
        }
        if (assignment && extension.failAssignments) {
          pending.delete(status.RequestId!);
          failed.add(assignment.key);
          return json(200, { AccountAssignmentCreationStatus: { ...status, Status: 'FAILED', FailureReason: extension.failAssignments } });
        }
        if (assignment) {
          pending.delete(status.RequestId!);
          const role = `AWSReservedSSO_${names.get(assignment.permissionSetArn) ?? 'PermissionSet'}_${hex(assignment.permissionSetArn, 16)}`;
          if (!roles.includes(role) && policies.get(assignment.permissionSetArn)?.has(adminPolicyArn)) roles.push(role);
          provisioned.set(assignment.permissionSetArn, new Set([...(provisioned.get(assignment.permissionSetArn) ?? []), assignment.key.split(' ').pop()!]));
        }
        return passOn(upstream);
      }
      case 'sso:ListAccountsForProvisionedPermissionSet': {
        const upstream = await request.forward();
        if (!ok(upstream)) return passOn(upstream);
        const ours = provisioned.get(input().PermissionSetArn!) ?? [];
        return json(200, { AccountIds: [...new Set([...((parse(upstream).AccountIds as string[]) ?? []), ...ours])] });
      }
      case 'sso:ListAccountAssignments': {
        const upstream = await request.forward();
        if (!ok(upstream) || failed.size === 0) return passOn(upstream);
        const { AccountId } = input();
        const listed = (parse(upstream).AccountAssignments as Record<string, string>[]) ?? [];
        return json(200, { AccountAssignments: listed.filter((a) => !failed.has(assignmentKey({ ...a, AccountId }))) });
      }
      case 'iam:ListEntitiesForPolicy': {
        if (roles.length === 0 || new URLSearchParams(request.body.toString('utf8')).get('PolicyArn') !== adminPolicyArn) return undefined;
        const upstream = await request.forward();
        if (!ok(upstream)) return undefined;
        const members = roles.map((r) => `<member><RoleName>${r}</RoleName><RoleId>AROA${hex(r, 17).toUpperCase()}</RoleId></member>`).join('');
        const xml = upstream.body
          .toString('utf8')
          .replace('<PolicyRoles/>', '<PolicyRoles></PolicyRoles>')
          .replace('<PolicyRoles>', `<PolicyRoles>${members}`);
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: xml };
      }
      default:
        return undefined;
    }
  }

  const extension: IdentityCenterExtension = {
    answer,
    enable(region) {
      enabledRegion = region;
    },
    get enabledRegion() {
      return enabledRegion;
    },
    get roles() {
      return roles;
    },
    pollsInProgress: 1,
    failAssignments: undefined,
    reset() {
      enabledRegion = undefined;
      names = new Map();
      policies = new Map();
      provisioned = new Map();
      pending = new Map();
      roles = [];
      failed = new Set();
      extension.pollsInProgress = 1;
      extension.failAssignments = undefined;
    },
  };
  return extension;
}
