import { randomUUID } from 'node:crypto';

/**
 * The AWS query protocol IAM and STS speak: a form-encoded POST with Action and Version, answered
 * by XML in the service's namespace (`<ActionResponse><ActionResult>…`), lists as `<member>`,
 * maps as `<entry><key/><value/></entry>`, and errors as `<ErrorResponse>` with a Code, a
 * Message and the HTTP status the service model gives that code.
 */

export const NAMESPACES = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;

export type Service = keyof typeof NAMESPACES;

const SERVICE_BY_VERSION: Record<string, Service> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };

/** A service error as AWS sends it; the SDK turns Code into the exception's name. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** Values that become XML: arrays are `member` lists, XmlMap is an entry map, undefined is left out. */
export type XmlValue = string | number | boolean | undefined | XmlValue[] | XmlMap | { [key: string]: XmlValue };

export class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

export interface QueryRequest {
  service: Service;
  action: string;
  params: Record<string, string>;
}

export function parseQueryRequest(body: string): QueryRequest | undefined {
  const params = Object.fromEntries(new URLSearchParams(body));
  const { Action: action, Version: version } = params;
  const service = SERVICE_BY_VERSION[version ?? ''];
  if (!action || !service) return undefined;
  return { service, action, params };
}

/** The access key id a request was signed with, from its SigV4 Authorization header (any protocol). */
export const signingKeyId = (authorization: string | undefined) => /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function element(tag: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    return value.length ? `<${tag}>${value.map((v) => element('member', v)).join('')}</${tag}>` : `<${tag}/>`;
  }
  if (value instanceof XmlMap) {
    const entries = Object.entries(value.entries).map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${v}</value></entry>`);
    return `<${tag}>${entries.join('')}</${tag}>`;
  }
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

export interface XmlReply {
  status: number;
  body: string;
  requestId: string;
}

/** A result of undefined is an action without one (AttachUserPolicy): only ResponseMetadata. */
export function successXml(service: Service, action: string, result: Record<string, XmlValue> | undefined): XmlReply {
  const requestId = randomUUID();
  const resultXml = result ? element(`${action}Result`, result) : '';
  const metadata = `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
  return { status: 200, requestId, body: `<${action}Response xmlns="${NAMESPACES[service]}">${resultXml}${metadata}</${action}Response>` };
}

export function errorXml(service: Service, error: ServiceError): XmlReply {
  const requestId = randomUUID();
  const body =
    `<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, requestId, body };
}
