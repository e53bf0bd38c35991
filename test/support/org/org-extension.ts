// The test proxy's extension for Organizations' centralized root access: it answers exactly what
// moto 5.2 lacks (iam:…OrganizationsFeatures, trusted access and delegated administration for
// iam.amazonaws.com, sts:AssumeRoot, and every call made in a root session), with practice mode's
// emulation of it, and lets moto answer the rest (DescribeOrganization, ListAccounts, the OU tree,
// its own IAM enforcement).
import { answerCentralRootAccess, queryReply, requestOf, type ApiCall, type Reply } from '../../../src/practice/services/organization/central-api.js';
import type { CentralizedRoot } from '../../../src/practice/services/organization/centralized-root.js';
import { ServiceError, signingKeyId } from '../../../src/practice/protocols/query-protocol.js';
import type { ProxyExtension } from '../account-proxy.js';
import { evaluate, type PolicyDocument } from './policy-evaluator.js';

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const isJson = (call: string) => call.startsWith('organizations:');

export function orgExtension(initial: CentralizedRoot): OrgExtension {
  let inFlight = 0;
  let maxInFlight = 0;
  let enforcement: Record<string, Identity> | undefined;

  /** AccessDenied as IAM words it, when enforcing and the caller's policies do not allow the call. */
  function denial(keyId: string | undefined, request: ApiCall): Reply | undefined {
    const wanted = enforcement && requestOf(request, extension.org.partition);
    if (!wanted) return undefined;
    const { arn, documents } = enforcement![keyId ?? ''] ?? { arn: 'an unknown caller', documents: [] };
    const decision = evaluate(documents, wanted);
    if (decision === 'allowed') return undefined;
    const why = decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${wanted.action} action`;
    const message = `User: ${arn} is not authorized to perform: ${wanted.action} on resource: ${wanted.resource} ${why}`;
    const [service, action] = request.call.split(':') as ['iam' | 'sts' | 'organizations', string];
    if (service === 'organizations') {
      return { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ __type: 'AccessDeniedException', Message: message }) };
    }
    return queryReply(service, action, () => {
      throw new ServiceError('AccessDenied', message, 403);
    });
  }

  function answer(call: string, body: string, keyId: string | undefined): Reply | undefined {
    const org = extension.org;
    const request: ApiCall = isJson(call)
      ? { call, params: {}, json: JSON.parse(body || '{}') as Record<string, unknown> }
      : { call, params: Object.fromEntries(new URLSearchParams(body)), json: {} };
    if (org.session(keyId)) return answerCentralRootAccess(org, { account: '', isRoot: false }, keyId, request);
    // A caller in another account than moto's default (IAM's delegated administrator): an IAM user there.
    if (call === 'sts:GetCallerIdentity' && extension.callerAccount !== org.managementAccountId) {
      const account = extension.callerAccount;
      return queryReply('sts', 'GetCallerIdentity', () => ({ UserId: 'AIDAEXAMPLEDELEGATE', Account: account, Arn: `arn:${org.partition}:iam::${account}:user/security-admin` }));
    }
    if (call === 'sts:AssumeRoot' && Math.random() < extension.throttleFraction) {
      return queryReply('sts', 'AssumeRoot', () => {
        throw new ServiceError('Throttling', 'Rate exceeded', 400);
      });
    }
    return denial(keyId, request) ?? answerCentralRootAccess(org, { account: extension.callerAccount, isRoot: extension.callerIsRoot() }, keyId, request);
  }

  const extension: OrgExtension = {
    org: initial,
    callerAccount: initial.managementAccountId,
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
    async answer(call, { req, res, body }) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.once('close', () => (inFlight -= 1));
      if (extension.latencyMs > 0) await sleep(extension.latencyMs);
      return answer(call, body.toString('utf8'), signingKeyId(req.headers.authorization));
    },
  };
  return extension;
}
