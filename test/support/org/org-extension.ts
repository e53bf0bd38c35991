// The test proxy's extension for Organizations' centralized root access: it answers exactly what
// moto 5.2 lacks (iam:…OrganizationsFeatures, trusted access and delegated administration for
// iam.amazonaws.com, sts:AssumeRoot, and every call made in a root session) and lets moto answer
// the rest (DescribeOrganization, ListAccounts, the OU tree, its own IAM enforcement).
import { randomUUID } from 'node:crypto';
import { errorXml, ServiceError, signingKeyId, successXml, type XmlValue } from '../../../src/practice/query-protocol.js';
import type { ProxiedCall, ProxyExtension } from '../account-proxy.js';
import { CentralizedRoot, IAM_PRINCIPAL, type Caller } from './centralized-root.js';
import { evaluate, type PolicyDocument } from './policy-evaluator.js';

type Answer = { status: number; headers: Record<string, string>; body: string };

/** Who holds an access key, and the policies that user has. */
export interface Identity {
  arn: string;
  documents: PolicyDocument[];
}

export interface OrgExtension extends ProxyExtension {
  org: CentralizedRoot;
  /** The account of callers not otherwise known (moto's default account; the management account unless a test says). */
  callerAccount: string;
  /** Whether a caller not otherwise known is that account's root user (the proxy's state says). */
  callerIsRoot: () => boolean;
  /** Added to every call before it is answered, ms (the benchmark's stand-in for the internet). */
  latencyMs: number;
  /** The share of sts:AssumeRoot calls answered with Throttling, 0 to 1. */
  throttleFraction: number;
  /** Calls being answered right now, and the most at once since resetStats. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  resetStats(): void;
  /**
   * Judges the calls answered here by the caller's IAM policies, as moto's enforcement judges the
   * rest: the policies of each access key's user (a key not listed is allowed nothing).
   */
  enforce(identities: Record<string, Identity>): void;
  stopEnforcing(): void;
}

const STS_TARGETS = new Set(['sts:AssumeRoot']);
const FEATURE_CALLS = new Set(['iam:ListOrganizationsFeatures', 'iam:EnableOrganizationsRootCredentialsManagement', 'iam:EnableOrganizationsRootSessions']);
const IAM_ONLY_ORG_CALLS = new Set(['organizations:EnableAWSServiceAccess', 'organizations:RegisterDelegatedAdministrator', 'organizations:ListDelegatedAdministrators']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function xml(service: 'iam' | 'sts', action: string, run: () => Record<string, XmlValue> | undefined): Answer {
  let reply;
  try {
    reply = successXml(service, action, run());
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    reply = errorXml(service, error);
  }
  return { status: reply.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': reply.requestId }, body: reply.body };
}

function json(run: () => object | undefined): Answer {
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() };
  try {
    return { status: 200, headers, body: JSON.stringify(run() ?? {}) };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { status: error.status, headers: { ...headers, 'x-amzn-errortype': error.code }, body: JSON.stringify({ __type: error.code, Message: error.message }) };
  }
}

export function orgExtension(org: CentralizedRoot): OrgExtension {
  let inFlight = 0;
  let maxInFlight = 0;
  let enforcement: Record<string, Identity> | undefined;

  /** Throws AccessDenied as IAM words it when the caller's policies do not allow `action` on `resource`. */
  async function authorize(call: ProxiedCall, action: string, resource: string, context: Record<string, string>, code = 'AccessDenied') {
    if (!enforcement) return;
    const { arn, documents } = enforcement[signingKeyId(call.req.headers.authorization) ?? ''] ?? { arn: 'an unknown caller', documents: [] };
    const decision = evaluate(documents, { action, resource, context });
    if (decision === 'allowed') return;
    const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
    throw new ServiceError(code, `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`, code === 'AccessDenied' ? 403 : 400);
  }

  const caller = (): Caller => ({ account: extension.callerAccount, isRoot: extension.callerIsRoot() });

  async function answer(call: string, request: ProxiedCall): Promise<Answer | undefined> {
    const keyId = signingKeyId(request.req.headers.authorization);
    const session = extension.org.session(keyId);
    const [service, action] = call.split(':') as [string, string];
    const form = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));

    if (session) return xml(service === 'sts' ? 'sts' : 'iam', action, () => extension.org.inSession(session, call, form));

    // A caller in another account than moto's default (IAM's delegated administrator): an IAM user there.
    if (call === 'sts:GetCallerIdentity' && extension.callerAccount !== extension.org.managementAccountId) {
      const account = extension.callerAccount;
      return xml('sts', action, () => ({ UserId: 'AIDAEXAMPLEDELEGATE', Account: account, Arn: `arn:${extension.org.partition}:iam::${account}:user/security-admin` }));
    }

    if (STS_TARGETS.has(call)) {
      if (Math.random() < extension.throttleFraction) {
        return xml('sts', action, () => {
          throw new ServiceError('Throttling', 'Rate exceeded', 400);
        });
      }
      const target = (form.TargetPrincipal ?? '').replace(/^arn:[\w-]+:iam::(\d{12}):root$/, '$1');
      return guarded('sts', action, () =>
        authorize(request, 'sts:AssumeRoot', `arn:${extension.org.partition}:iam::${target}:root`, { 'sts:TaskPolicyArn': form['TaskPolicyArn.arn'] ?? '' }),
      ).then((denied) => denied ?? xml('sts', action, () => ({ Credentials: withoutKey(extension.org.assumeRoot(caller(), form).credentials) })));
    }

    if (FEATURE_CALLS.has(call)) {
      const denied = await guarded('iam', action, () => authorize(request, call, '*', {}));
      if (denied) return denied;
      return xml('iam', action, () =>
        call === 'iam:ListOrganizationsFeatures'
          ? extension.org.listOrganizationsFeatures(caller())
          : extension.org.enableFeature(caller(), call === 'iam:EnableOrganizationsRootSessions' ? 'RootSessions' : 'RootCredentialsManagement'),
      );
    }

    if (IAM_ONLY_ORG_CALLS.has(call)) {
      const input = JSON.parse(request.body.toString('utf8') || '{}') as { ServicePrincipal?: string; AccountId?: string };
      if (input.ServicePrincipal !== IAM_PRINCIPAL) return undefined; // other services: moto's own
      try {
        await authorize(request, call, '*', { 'organizations:ServicePrincipal': IAM_PRINCIPAL }, 'AccessDeniedException');
      } catch (error) {
        return json(() => {
          throw error;
        });
      }
      return json(() => {
        if (call === 'organizations:EnableAWSServiceAccess') return void extension.org.enableServiceAccess(caller());
        if (call === 'organizations:RegisterDelegatedAdministrator') return void extension.org.registerDelegatedAdministrator(caller(), input.AccountId ?? '');
        return { DelegatedAdministrators: extension.org.delegatedAdmins.map((id) => ({ Id: id, Arn: `arn:${extension.org.partition}:organizations::${extension.org.managementAccountId}:account/${extension.org.organizationId}/${id}` })) };
      });
    }
    return undefined;
  }

  /** Runs an authorization check; its AccessDenied becomes the answer, undefined means go on. */
  async function guarded(service: 'iam' | 'sts', action: string, check: () => Promise<void>): Promise<Answer | undefined> {
    try {
      await check();
      return undefined;
    } catch (error) {
      return xml(service, action, () => {
        throw error;
      });
    }
  }

  const extension: OrgExtension = {
    org,
    callerAccount: org.managementAccountId,
    callerIsRoot: () => false,
    latencyMs: 0,
    throttleFraction: 0,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetStats() {
      maxInFlight = inFlight;
    },
    enforce(identities) {
      enforcement = identities;
    },
    stopEnforcing() {
      enforcement = undefined;
    },
    async answer(call, request) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      request.res.once('close', () => (inFlight -= 1));
      if (extension.latencyMs > 0) await sleep(extension.latencyMs);
      return answer(call, request);
    },
  };
  return extension;
}

/** The XML answer carries the credentials' fields, not the helper's own accessKeyId. */
function withoutKey({ accessKeyId: _key, ...fields }: { accessKeyId: string } & Record<string, XmlValue>): Record<string, XmlValue> {
  return fields;
}
