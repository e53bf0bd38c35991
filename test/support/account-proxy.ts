import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { addRootReportRow, addRootVirtualMfa, asRootCaller, errorXml, markSignedIn, setSummaryEntries } from './account-xml.js';
import { consecutiveNear } from './totp.js';

export interface RootState {
  caller: 'root' | 'user';
  mfa: boolean;
  accessKeys: boolean;
  password: boolean;
  signedIn: Set<string>;
  partition?: string;
  /** The credential report's <root_account> row (moto has none): ISO dates, or 'no_information' / 'N/A'. */
  rootReport?: { passwordLastUsed: string; accessKey1LastUsed?: string; generatedAt?: string };
  /** Names of virtual MFA devices assigned to root (moto cannot assign one to root). */
  rootVirtualMfa?: string[];
}

export interface FailResponse {
  status: number;
  code: string;
  message?: string;
}

export interface AccountProxy {
  url: string;
  state: RootState;
  /** Every action seen, in order, as 'service:Action' (e.g. 'iam:CreateUser'). */
  calls: string[];
  /** Calls of `action` ('iam:CreateUser' or bare 'CreateUser'), or all calls. */
  count(action?: string): number;
  failNext(action: string, response: FailResponse, times?: number): void;
  /** The form parameters of the last call of `action`: what the program asked AWS for. */
  lastParams(action: string): URLSearchParams | undefined;
  resetCounts(): void;
  /** Forgets failures set up by failNext and not used up. */
  clearFailures(): void;
  close(): Promise<void>;
}

const SERVICE_BY_VERSION: Record<string, string> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding'];

function defaultState(initial: Partial<RootState> = {}): RootState {
  return { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set(), ...initial };
}

function matches(call: string, action: string): boolean {
  return action.includes(':') ? call === action : call.endsWith(`:${action}`);
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
      });
    case 'iam:GetUser':
    case 'iam:ListUsers':
      return markSignedIn(xml, state.signedIn);
    case 'iam:ListVirtualMFADevices':
      return addRootVirtualMfa(xml, state.partition ?? 'aws', state.rootVirtualMfa ?? []);
    case 'iam:GetCredentialReport':
      return state.rootReport ? addRootReportRow(xml, state.partition ?? 'aws', state.rootReport) : xml;
    default:
      return xml;
  }
}

function forward(motoUrl: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
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

export async function startAccountProxy(motoUrl: string, initial?: Partial<RootState>): Promise<AccountProxy> {
  let state = defaultState(initial);
  const calls: string[] = [];
  const params: URLSearchParams[] = [];
  const failures = new Map<string, { response: FailResponse; remaining: number }>();
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

  function takeFailure(call: string): FailResponse | undefined {
    for (const [action, entry] of failures) {
      if (!matches(call, action)) continue;
      if (--entry.remaining <= 0) failures.delete(action);
      return entry.response;
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
    const body = await readBody(req);
    if (req.url === '/__state' || req.url === '/__calls') return control(req, res, body);

    const call = actionOf(req, body);
    const form = new URLSearchParams(body.toString('utf8'));
    calls.push(call);
    params.push(form);

    const failure = takeFailure(call) ?? rejectedCodes(call, form);
    if (failure) {
      const requestId = randomUUID();
      const xml = errorXml(failure.code, failure.message ?? `${failure.code} (injected by test proxy)`, requestId);
      res.writeHead(failure.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
      return void res.end(xml);
    }

    const upstream = await forward(motoUrl, req, body);
    const ok = upstream.status >= 200 && upstream.status < 300;
    if (ok) rememberSeed(call, upstream.body.toString('utf8'));
    const out = ok ? Buffer.from(rewrite(call, upstream.body.toString('utf8'), state), 'utf8') : upstream.body;
    const headers = { ...upstream.headers };
    for (const h of HOP_BY_HOP) delete headers[h];
    res.writeHead(upstream.status, { ...headers, 'content-length': out.length });
    res.end(out);
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
    calls,
    count: (action) => (action ? calls.filter((c) => matches(c, action)).length : calls.length),
    failNext(action, response, times = 1) {
      failures.set(action, { response, remaining: times });
    },
    lastParams(action) {
      for (let i = calls.length - 1; i >= 0; i--) if (matches(calls[i]!, action)) return params[i];
      return undefined;
    },
    resetCounts() {
      calls.length = 0;
      params.length = 0;
    },
    clearFailures() {
      failures.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
