import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { addRootReportRow, addRootVirtualMfa, asRootCaller, errorXml, markSignedIn, setSummaryEntries } from './account-xml.js';
import { consecutiveNear } from './totp.js';

export interface RootState {
  caller: 'root' | 'user';
  mfa: boolean;
  accessKeys: boolean;
  password: boolean;
  /** Root has an X.509 signing certificate (moto has no root credentials of any kind). */
  signingCertificates?: boolean;
  signedIn: Set<string>;
  partition?: string;
  /** The credential report's <root_account> row (moto has none): ISO dates, or 'no_information' / 'N/A'. */
  rootReport?: { passwordLastUsed: string; accessKey1LastUsed?: string; generatedAt?: string };
  /** Names of virtual MFA devices assigned to root (moto cannot assign one to root). */
  rootVirtualMfa?: string[];
  /**
   * Opt-in regions this account has not enabled (af-south-1, ap-east-1, me-south-1, …). A call
   * signed for one of them, or for a region of another partition than the account's, is refused
   * as AWS refuses it: the credentials are unknown there (InvalidClientTokenId).
   */
  disabledRegions?: string[];
}

export interface FailResponse {
  status: number;
  code: string;
  message?: string;
}

/**
 * What can go wrong between the SDK and AWS. `reset`, the error answers and `stall` happen before
 * AWS sees the call; `malformed` after: the call is made, and its answer arrives cut in half.
 */
export type Fault = 'throttling' | 'http-500' | 'http-503' | 'reset' | 'stall' | 'malformed';
export const FAULTS: Fault[] = ['throttling', 'http-500', 'http-503', 'reset', 'stall', 'malformed'];

/** When one request arrived and when its answer had been sent in full (performance.now() ms). */
export interface RequestTiming {
  call: string;
  startedAt: number;
  /** Undefined while unanswered, and for a request that never was (a reset or stalled connection). */
  answeredAt?: number;
}

/** moto's answer to a call, as the proxy received it. */
export interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A call the proxy is about to send to moto, for an extension to answer instead. */
export interface ProxiedCall {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  /** Sends the call to moto as it is (the signature still matches). */
  forward(): Promise<Upstream>;
}

/**
 * Supplies what moto lacks for a whole area (Organizations' centralized root access, root
 * sessions): it answers a call itself, or returns undefined to let moto answer. It runs after the
 * failures and faults a test injected.
 */
export interface ProxyExtension {
  answer(call: string, request: ProxiedCall): Promise<{ status: number; headers: Record<string, string>; body: string } | undefined>;
}

export interface AccountProxy {
  url: string;
  state: RootState;
  /**
   * Added to every request's round trip, as distance from AWS adds it: half before the request
   * reaches moto, half before its answer leaves. Requests wait side by side, as they do on the
   * internet (moto itself still answers one at a time). 0 by default.
   */
  latencyMs: number;
  /** Every action seen, in order, as 'service:Action' (e.g. 'iam:CreateUser'). */
  calls: string[];
  /** The calls' timings, in the order they arrived: see request-depth.ts. */
  timings: RequestTiming[];
  /** The SigV4 credential-scope region of each call in `calls`, in the same order. */
  regions: string[];
  /** Calls of `action` ('iam:CreateUser' or bare 'CreateUser'), or all calls. */
  count(action?: string): number;
  failNext(action: string, response: FailResponse, times?: number): void;
  /** The next `times` calls of `action` meet `fault` (Infinity: every call). */
  injectFault(action: string, fault: Fault, times?: number): void;
  /** Calls `listener` once, when the answer to the next call of `action` has been sent in full. */
  afterResponse(action: string, listener: () => void): void;
  /** The form parameters of the last call of `action`: what the program asked AWS for. */
  lastParams(action: string): URLSearchParams | undefined;
  /** Who signed the last call of `action`, and for which region: from its SigV4 credential scope. */
  lastSigner(action: string): { accessKeyId: string; region: string } | undefined;
  resetCounts(): void;
  /** Forgets failures set up by failNext and not used up. */
  clearFailures(): void;
  close(): Promise<void>;
}

/** Budgets, the Account API, Organizations and Identity Center speak JSON, IAM and STS the query protocol's XML. */
const JSON_SERVICES = new Set(['budgets', 'account', 'organizations', 'sso', 'identitystore']);
const serviceOf = (call: string) => call.split(':')[0] ?? '';

/** An error answer in the shape the service's SDK client parses. */
function errorBody(call: string, code: string, message: string, requestId: string): { type: string; body: string; headers: Record<string, string> } {
  if (!JSON_SERVICES.has(serviceOf(call))) return { type: 'text/xml', body: errorXml(code, message, requestId), headers: {} };
  const jsonCode = code.endsWith('Exception') ? code : `${code}Exception`;
  return { type: 'application/json', body: JSON.stringify({ __type: jsonCode, message }), headers: { 'x-amzn-errortype': jsonCode } };
}

const FAULT_ANSWERS: Partial<Record<Fault, FailResponse>> = {
  throttling: { status: 400, code: 'Throttling', message: 'Rate exceeded' },
  'http-500': { status: 500, code: 'ServiceFailure', message: 'Internal failure (injected)' },
  'http-503': { status: 503, code: 'ServiceUnavailable', message: 'Service unavailable (injected)' },
};

const SERVICE_BY_VERSION: Record<string, string> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding'];

function defaultState(initial: Partial<RootState> = {}): RootState {
  return { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set(), ...initial };
}

/** A region's partition by AWS's region naming: cn-* is aws-cn, us-gov-* is aws-us-gov, the rest aws. */
const partitionOfRegion = (region: string) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

/** Who signed a call, and for which region: its SigV4 credential scope, `Credential=KEY/date/region/service/aws4_request`. */
function signerOf(req: IncomingMessage): { accessKeyId: string; region: string } | undefined {
  const scope = /Credential=([^/,]+)\/[^/]+\/([^/]+)\/[^/]+\/aws4_request/.exec(req.headers.authorization ?? '');
  return scope ? { accessKeyId: scope[1]!, region: scope[2]! } : undefined;
}

/** The region a call was signed for. */
const scopeRegion = (req: IncomingMessage) => signerOf(req)?.region ?? '';

/** AWS's answer to credentials signed for a region this account cannot use, or undefined. */
function refusedRegion(req: IncomingMessage, state: RootState): FailResponse | undefined {
  const region = scopeRegion(req);
  if (!region || !state.disabledRegions) return undefined;
  const disabled = state.disabledRegions.includes(region) || partitionOfRegion(region) !== (state.partition ?? 'aws');
  return disabled ? { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } : undefined;
}

function matches(call: string, action: string): boolean {
  return action.includes(':') ? call === action : call.endsWith(`:${action}`);
}

/** Something the proxy does to the next `remaining` calls of an action. */
interface Planned<T> {
  value: T;
  remaining: number;
}

function takeNext<T>(planned: Map<string, Planned<T>>, call: string): T | undefined {
  for (const [action, entry] of planned) {
    if (!matches(call, action)) continue;
    if (--entry.remaining <= 0) planned.delete(action);
    return entry.value;
  }
  return undefined;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function actionOf(req: IncomingMessage, body: Buffer): string {
  const params = new URLSearchParams(new URL(req.url ?? '/', 'http://x').search);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  }
  const scope = /Credential=[^/]*\/[^/]*\/[^/]*\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1];
  const service = scope ?? SERVICE_BY_VERSION[params.get('Version') ?? ''] ?? 'unknown';
  // Query protocol (IAM, STS): Action=; JSON protocol (Budgets): X-Amz-Target; REST (Account): the path, e.g. /putAlternateContact.
  const target = String(req.headers['x-amz-target'] ?? '').split('.')[1];
  const restPath = /^\/([a-z][A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
  const action = params.get('Action') ?? target ?? (restPath && restPath[0]!.toUpperCase() + restPath.slice(1));
  return `${service}:${action ?? 'unknown'}`;
}

function rewrite(call: string, xml: string, state: RootState): string {
  switch (call) {
    case 'sts:GetCallerIdentity':
      return state.caller === 'root' ? asRootCaller(xml, state.partition ?? 'aws') : xml;
    case 'iam:GetAccountSummary':
      return setSummaryEntries(xml, {
        AccountMFAEnabled: Number(state.mfa),
        AccountAccessKeysPresent: Number(state.accessKeys),
        AccountPasswordPresent: Number(state.password),
        AccountSigningCertificatesPresent: Number(state.signingCertificates ?? false),
      });
    case 'iam:GetUser':
    case 'iam:ListUsers':
      return markSignedIn(xml, state.signedIn);
    case 'iam:ListVirtualMFADevices':
      return addRootVirtualMfa(xml, state.partition ?? 'aws', state.rootVirtualMfa ?? []);
    case 'iam:GetCredentialReport':
      return state.rootReport
        ? addRootReportRow(xml, state.partition ?? 'aws', { ...state.rootReport, cert1Active: state.signingCertificates ?? false })
        : xml;
    default:
      return xml;
  }
}

function forward(motoUrl: string, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? '/', motoUrl);
    // Headers go through untouched (Host included) so the SigV4 signature still matches the request.
    const upstream = request(target, { method: req.method, headers: req.headers }, (res) => {
      readBody(res).then((raw) => {
        const gzipped = /gzip/i.test(String(res.headers['content-encoding'] ?? ''));
        resolve({ status: res.statusCode ?? 502, headers: res.headers, body: gzipped ? gunzipSync(raw) : raw });
      }, reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function serializeState(state: RootState): object {
  return { ...state, signedIn: [...state.signedIn] };
}

function sendJson(res: ServerResponse, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startAccountProxy(motoUrl: string, initial?: Partial<RootState>, extension?: ProxyExtension): Promise<AccountProxy> {
  let state = defaultState(initial);
  let latencyMs = 0;
  const calls: string[] = [];
  const timings: RequestTiming[] = [];
  const regions: string[] = [];
  const params: URLSearchParams[] = [];
  const signers: ({ accessKeyId: string; region: string } | undefined)[] = [];
  const failures = new Map<string, Planned<FailResponse>>();
  const faults = new Map<string, Planned<Fault>>();
  const listeners = new Map<string, () => void>();
  // moto enables a virtual MFA device with any codes; AWS checks them against the seed, and so do we.
  const seeds = new Map<string, string>();

  function rejectedCodes(call: string, form: URLSearchParams): FailResponse | undefined {
    if (call !== 'iam:EnableMFADevice') return undefined;
    const seed = seeds.get(form.get('SerialNumber') ?? '');
    if (!seed || consecutiveNear(seed, form.get('AuthenticationCode1') ?? '', form.get('AuthenticationCode2') ?? '', Date.now())) return undefined;
    return { status: 400, code: 'InvalidAuthenticationCode', message: 'Authentication code for device is not valid.' };
  }

  function rememberSeed(call: string, xml: string) {
    if (call !== 'iam:CreateVirtualMFADevice') return;
    const serial = /<SerialNumber>([^<]+)<\/SerialNumber>/.exec(xml)?.[1];
    const seed = /<Base32StringSeed>([^<]+)<\/Base32StringSeed>/.exec(xml)?.[1];
    if (serial && seed) seeds.set(serial, Buffer.from(seed, 'base64').toString('ascii'));
  }

  function takeListener(call: string): (() => void) | undefined {
    for (const [action, listener] of listeners) {
      if (!matches(call, action)) continue;
      listeners.delete(action);
      return listener;
    }
    return undefined;
  }

  async function control(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if (req.url === '/__calls') return sendJson(res, calls);
    if (req.method === 'POST') {
      const patch = JSON.parse(body.toString('utf8') || '{}') as Partial<Omit<RootState, 'signedIn'>> & { signedIn?: string[] };
      const { signedIn, ...rest } = patch;
      Object.assign(state, rest);
      if (signedIn) state.signedIn = new Set(signedIn);
    }
    sendJson(res, serializeState(state));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const body = await readBody(req);
    if (req.url === '/__state' || req.url === '/__calls') return control(req, res, body);

    const call = actionOf(req, body);
    const form = new URLSearchParams(body.toString('utf8'));
    calls.push(call);
    regions.push(scopeRegion(req));
    params.push(form);
    signers.push(signerOf(req));
    const timing: RequestTiming = { call, startedAt };
    timings.push(timing);
    res.once('finish', () => (timing.answeredAt = performance.now()));
    const halfTrip = latencyMs / 2;
    if (halfTrip > 0) await sleep(halfTrip);

    const listener = takeListener(call);
    if (listener) res.once('finish', listener);

    const refused = refusedRegion(req, state);
    if (refused) {
      if (halfTrip > 0) await sleep(halfTrip);
      return sendError(res, call, JSON_SERVICES.has(serviceOf(call)) ? { ...refused, code: 'UnrecognizedClient' } : refused);
    }

    const fault = takeNext(faults, call);
    if (fault === 'reset') return void req.socket.destroy();
    // Held until the client gives up (its request timeout) or the proxy closes.
    if (fault === 'stall') return;
    const failure = (fault && FAULT_ANSWERS[fault]) || takeNext(failures, call) || rejectedCodes(call, form);
    if (failure) {
      if (halfTrip > 0) await sleep(halfTrip);
      return sendError(res, call, failure);
    }

    const own = await extension?.answer(call, { req, res, body, forward: () => forward(motoUrl, req, body) });
    if (own) {
      if (halfTrip > 0) await sleep(halfTrip);
      res.writeHead(own.status, { ...own.headers, 'content-length': Buffer.byteLength(own.body) });
      return void res.end(own.body);
    }

    const upstream = await forward(motoUrl, req, body);
    const ok = upstream.status >= 200 && upstream.status < 300;
    if (ok) rememberSeed(call, upstream.body.toString('utf8'));
    if (halfTrip > 0) await sleep(halfTrip);
    if (!ok && upstream.status === 403 && JSON_SERVICES.has(serviceOf(call)) && upstream.body.toString('utf8').startsWith('<?xml')) {
      // moto answers a denied JSON-protocol call in IAM's XML; AWS answers AccessDeniedException in JSON.
      const message = /<Message>([^<]*)<\/Message>/.exec(upstream.body.toString('utf8'))?.[1] ?? 'Access denied';
      return sendError(res, call, { status: 403, code: 'AccessDeniedException', message });
    }
    let out = ok ? Buffer.from(rewrite(call, upstream.body.toString('utf8'), state), 'utf8') : upstream.body;
    if (fault === 'malformed') out = out.subarray(0, Math.floor(out.length / 2));
    const headers = { ...upstream.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    res.writeHead(upstream.status, { ...headers, 'content-length': out.length });
    res.end(out);
  }

  function sendError(res: ServerResponse, call: string, failure: FailResponse) {
    const requestId = randomUUID();
    const answer = errorBody(call, failure.code, failure.message ?? `${failure.code} (injected by test proxy)`, requestId);
    res.writeHead(failure.status, {
      'content-type': answer.type,
      'x-amzn-requestid': requestId,
      'content-length': Buffer.byteLength(answer.body),
      ...answer.headers,
    });
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const text = `account-proxy error: ${err instanceof Error ? err.stack : String(err)}`;
      res.writeHead(502, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get state() {
      return state;
    },
    set state(next: RootState) {
      state = next;
    },
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms: number) {
      latencyMs = ms;
    },
    calls,
    timings,
    regions,
    count: (action) => (action ? calls.filter((c) => matches(c, action)).length : calls.length),
    failNext(action, response, times = 1) {
      failures.set(action, { value: response, remaining: times });
    },
    injectFault(action, fault, times = 1) {
      faults.set(action, { value: fault, remaining: times });
    },
    afterResponse(action, listener) {
      listeners.set(action, listener);
    },
    lastParams(action) {
      for (let i = calls.length - 1; i >= 0; i--) if (matches(calls[i]!, action)) return params[i];
      return undefined;
    },
    lastSigner(action) {
      for (let i = calls.length - 1; i >= 0; i--) if (matches(calls[i]!, action)) return signers[i];
      return undefined;
    },
    resetCounts() {
      calls.length = 0;
      regions.length = 0;
      params.length = 0;
      signers.length = 0;
      timings.length = 0;
    },
    clearFailures() {
      failures.clear();
      faults.clear();
      listeners.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
