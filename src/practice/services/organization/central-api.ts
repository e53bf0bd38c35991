import { randomUUID } from 'node:crypto';
import { errorXml, ServiceError, successXml, type Service, type XmlValue } from '../../protocols/query-protocol.js';
import { IAM_PRINCIPAL, type CentralizedRoot, type Caller } from './centralized-root.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A query-protocol (IAM, STS) answer: `run`'s result, or the ServiceError it throws. */
export function queryReply(service: Service, action: string, run: () => Record<string, XmlValue> | undefined): Reply {
  let reply;
  try {
    reply = successXml(service, action, run());
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    reply = errorXml(service, error);
  }
  return { status: reply.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': reply.requestId }, body: reply.body };
}

/** An AWS JSON 1.1 (Organizations) answer: `run`'s result, or the ServiceError it throws (`__type` and `X-Amzn-ErrorType`). */
export function jsonReply(run: () => object | undefined): Reply {
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() };
  try {
    return { status: 200, headers, body: JSON.stringify(run() ?? {}) };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { status: error.status, headers: { ...headers, 'x-amzn-errortype': error.code }, body: JSON.stringify({ __type: error.code, Message: error.message }) };
  }
}

/** One API call, as the emulators see it: 'service:Action', its query parameters or its JSON body. */
export interface ApiCall {
  call: string;
  params: Record<string, string>;
  json: Record<string, unknown>;
}

/** The calls this module answers for the caller (not in a root session): for an authorization check before answering. */
export function requestOf({ call, params, json }: ApiCall, partition: string): { action: string; resource: string; context: Record<string, string> } | undefined {
  if (call === 'sts:AssumeRoot') {
    const target = (params.TargetPrincipal ?? '').replace(/^arn:[\w-]+:iam::(\d{12}):root$/, '$1');
    return { action: call, resource: `arn:${partition}:iam::${target}:root`, context: { 'sts:TaskPolicyArn': params['TaskPolicyArn.arn'] ?? '' } };
  }
  if (FEATURE_CALLS.has(call)) return { action: call, resource: '*', context: {} };
  if (ORG_CALLS_FOR_IAM.has(call) && json.ServicePrincipal === IAM_PRINCIPAL) {
    return { action: call, resource: '*', context: { 'organizations:ServicePrincipal': IAM_PRINCIPAL } };
  }
  return undefined;
}

const FEATURE_CALLS = new Set(['iam:ListOrganizationsFeatures', 'iam:EnableOrganizationsRootCredentialsManagement', 'iam:EnableOrganizationsRootSessions']);
const ORG_CALLS_FOR_IAM = new Set(['organizations:EnableAWSServiceAccess', 'organizations:RegisterDelegatedAdministrator', 'organizations:ListDelegatedAdministrators']);

/**
 * Answers what centralized root access adds to AWS: AssumeRoot, the OrganizationsFeatures calls,
 * trusted access and delegated administration for iam.amazonaws.com, and, for `accessKeyId` of a
 * root session, every call made in it. undefined for any other call.
 */
export function answerCentralRootAccess(central: CentralizedRoot, caller: Caller, accessKeyId: string | undefined, request: ApiCall): Reply | undefined {
  const { call, params, json } = request;
  const [service, action] = call.split(':') as [string, string];
  const session = central.session(accessKeyId);
  if (session) return queryReply(service === 'sts' ? 'sts' : 'iam', action, () => central.inSession(session, call, params));
  if (call === 'sts:AssumeRoot') {
    return queryReply('sts', action, () => {
      const { accessKeyId: _id, ...credentials } = central.assumeRoot(caller, params).credentials;
      return { Credentials: credentials };
    });
  }
  if (call === 'iam:ListOrganizationsFeatures') return queryReply('iam', action, () => central.listOrganizationsFeatures(caller));
  if (call === 'iam:EnableOrganizationsRootCredentialsManagement') return queryReply('iam', action, () => central.enableFeature(caller, 'RootCredentialsManagement'));
  if (call === 'iam:EnableOrganizationsRootSessions') return queryReply('iam', action, () => central.enableFeature(caller, 'RootSessions'));
  if (!ORG_CALLS_FOR_IAM.has(call) || json.ServicePrincipal !== IAM_PRINCIPAL) return undefined;
  return jsonReply(() => {
    if (call === 'organizations:EnableAWSServiceAccess') return void central.enableServiceAccess(caller);
    if (call === 'organizations:RegisterDelegatedAdministrator') return void central.registerDelegatedAdministrator(caller, String(json.AccountId ?? ''));
    return {
      DelegatedAdministrators: central.delegatedAdmins.map((id) => ({
        Id: id,
        Arn: `arn:${central.partition}:organizations::${central.managementAccountId}:account/${central.organizationId}/${id}`,
      })),
    };
  });
}
