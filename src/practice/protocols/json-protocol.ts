import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from './query-protocol.js';

/**
 * The two JSON protocols of the services the wizard reaches besides IAM and STS. Budgets speaks
 * AWS JSON 1.1: a POST to `/` naming the action in `X-Amz-Target: AWSBudgetServiceGateway.<Action>`.
 * The Account API speaks REST-JSON: a POST to `/<action in camel case>`. Both answer JSON, dates
 * as epoch seconds, and errors with the code in `X-Amzn-ErrorType` and `__type`.
 */

export type JsonService = 'budgets' | 'account';

const BUDGETS_TARGET = /^AWSBudgetServiceGateway\.(\w+)$/;
const ACCOUNT_PATH = /^\/(getAlternateContact|putAlternateContact|deleteAlternateContact)$/;

/** A JSON body: what the handlers read, each field checked by them. */
export type JsonBody = Record<string, unknown>;

export interface JsonRequest {
  service: JsonService;
  action: string;
  body: JsonBody;
}

/** undefined when the request is for neither service (the practice console's pages). */
export function parseJsonRequest(method: string | undefined, path: string, headers: IncomingHttpHeaders, body: string): JsonRequest | undefined {
  if (method !== 'POST') return undefined;
  const target = BUDGETS_TARGET.exec(String(headers['x-amz-target'] ?? ''));
  const accountAction = ACCOUNT_PATH.exec(path)?.[1];
  const service: JsonService | undefined = target ? 'budgets' : accountAction ? 'account' : undefined;
  if (!service) return undefined;
  const action = target ? target[1]! : accountAction![0]!.toUpperCase() + accountAction!.slice(1);
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : {};
  } catch {
    parsed = undefined;
  }
  const json = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonBody) : {};
  return { service, action, body: json };
}

export interface JsonReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** JSON 1.1 replies say so in their content type; REST-JSON ones are plain application/json. */
const contentType = (service: JsonService) => (service === 'budgets' ? 'application/x-amz-json-1.1' : 'application/json');

export function successJson(service: JsonService, result: JsonBody | undefined): JsonReply {
  return { status: 200, headers: { 'content-type': contentType(service), 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(result ?? {}) };
}

export function errorJson(service: JsonService, error: ServiceError): JsonReply {
  return {
    status: error.status,
    headers: { 'content-type': contentType(service), 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/** Dates travel as seconds since 1970 in both protocols. */
export const epochSeconds = (iso: string) => new Date(iso).getTime() / 1000;
