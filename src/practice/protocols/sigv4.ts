import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';

/**
 * Signature Version 4, checked as AWS checks it: the request is signed again with the session's
 * secret, by the signer the AWS SDK itself uses (@smithy/signature-v4), over the headers the
 * Authorization header names, and the two signatures must be equal. AWS refuses a request whose
 * X-Amz-Date is more than 15 minutes from its own clock ("Signature expired"); so does this.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html
 */

/** Why a request is refused, in the words of AWS's common errors (the caller picks each protocol's code). */
export type SignatureProblem =
  | { kind: 'missing'; message: string }
  | { kind: 'unknown-key'; message: string }
  | { kind: 'mismatch'; message: string };

const SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/;

/** node:crypto behind the SDK's hash interface: a SHA-256 hash, or an HMAC when given a key. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset() {}
}

const bytes = (data: SourceData) =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** The credentials a request must be signed with: a session's, so with its token. */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** "20260131T120000Z" as a date, or undefined. */
function amzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The access key id a request says it was signed with, from its SigV4 Authorization header (any protocol); not yet checked. */
export const signingKeyId = (authorization: string | undefined) => /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];

export interface SignedRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * undefined when `request` is signed with `credentials` (and its session token), at most 15
 * minutes from `now`; else why not.
 */
export async function signatureProblem(request: SignedRequest, credentials: SessionCredentials, now = new Date()): Promise<SignatureProblem | undefined> {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return { kind: 'missing', message: 'Request is missing Authentication Token' };
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) return { kind: 'missing', message: 'Authorization header requires Credential, SignedHeaders and Signature, signed with AWS4-HMAC-SHA256.' };
  const [, keyId, day, region, service, signedHeaders] = parts as unknown as string[];
  if (keyId !== credentials.accessKeyId || !sameText(header(request.headers, 'x-amz-security-token') ?? '', credentials.sessionToken)) {
    return { kind: 'unknown-key', message: 'The security token included in the request is invalid.' };
  }
  const date = amzDate(header(request.headers, 'x-amz-date'));
  if (!date || day !== header(request.headers, 'x-amz-date')!.slice(0, 8)) {
    return { kind: 'mismatch', message: 'X-Amz-Date is missing or does not match the credential scope.' };
  }
  if (Math.abs(date.getTime() - now.getTime()) > SKEW_MS) {
    return { kind: 'mismatch', message: `Signature expired: ${header(request.headers, 'x-amz-date')} is more than 15 minutes from the time now.` };
  }
  // The signer trusts a payload hash sent in X-Amz-Content-Sha256: it must be the body's own.
  const claimed = header(request.headers, 'x-amz-content-sha256');
  if (claimed !== undefined && claimed !== createHash('sha256').update(request.body).digest('hex')) {
    return { kind: 'mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }
  const names = signedHeaders!.split(';');
  if (!names.includes('host')) return { kind: 'mismatch', message: 'The host header must be signed.' };
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(request.headers, name);
    if (value === undefined) return { kind: 'mismatch', message: `The signed header ${name} is missing.` };
    headers[name] = value;
  }
  const url = new URL(request.target, 'http://signed.invalid');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const had = query[key];
    query[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  const signer = new SignatureV4({ credentials, region: region!, service: service!, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  const expected = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: url.hostname, path: url.pathname, query, headers, body: request.body },
    { signingDate: date, signableHeaders: new Set(names) },
  );
  return sameText(String(expected.headers.authorization), authorization)
    ? undefined
    : { kind: 'mismatch', message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.' };
}
