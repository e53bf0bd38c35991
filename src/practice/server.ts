import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { FileProblem } from '../errors.js';
import type { PracticeAccount } from './account.js';
import { ConsoleActions } from './console/actions.js';
import { CONSOLE_ROUTES } from './console/pages/index.js';
import { handleConsole } from './console/router.js';
import { guardFor, readBody, Refused, type Guard } from './guard.js';
import { handlerFor, jsonHandlerFor } from './services/handlers.js';
import { answerIdentityCenter } from './services/identity-center/answer.js';
import { answerOrganization, PRACTICE_ORG_ADMIN_KEY_ID } from './services/organization/answer.js';
import { jsonReply, queryReply } from './services/organization/central-api.js';
import { builtInOrganization, type PracticeOrganization } from './services/organization/organization.js';
import { errorJson, parseJsonRequest, successJson } from './protocols/json-protocol.js';
import { errorXml, parseQueryRequest, ServiceError, successXml, type XmlReply } from './protocols/query-protocol.js';
import { signatureProblem, signingKeyId, type SessionCredentials, type SignatureProblem } from './protocols/sigv4.js';

/** The practice session's credentials: temporary (ASIA…), as CloudShell gives root; the secret is new each run and never leaves this process. */
export type PracticeCredentials = SessionCredentials;

/** The key id is fixed, so it reads as practice in any message; the secret and the token are drawn per run. */
export const PRACTICE_ACCESS_KEY_ID = 'ASIAPRACTICE00000000';

const newCredentials = (accessKeyId: string): PracticeCredentials => ({
  accessKeyId,
  secretAccessKey: randomBytes(30).toString('base64'),
  sessionToken: randomBytes(32).toString('base64'),
});

export interface PracticeServer {
  /** Where the SDK clients send API calls (127.0.0.1): no token, for calls are signed instead. */
  url: string;
  /** The only credentials this server accepts: for this process's SDK clients, never written anywhere. */
  credentials: PracticeCredentials;
  /** The practice organization's administrator role session (for `org --practice`): as `credentials`, drawn per run. */
  orgAdminCredentials: PracticeCredentials;
  /**
   * A practice console link (path, with a query if any) carrying this run's token. It names the
   * server as `localhost`, because a browser offers passkeys and security keys (WebAuthn) only to a
   * domain, never to an IP address.
   */
  consoleUrl(path?: string): string;
  /** The console's address without the token (http://localhost:PORT): what may be written down or shown to another run. */
  consoleOrigin: string;
  account: PracticeAccount;
  /** The built-in organization, with this account as its management account (for `org --practice`). */
  organization: PracticeOrganization;
  console: ConsoleActions;
  /** Every API call answered, as 'iam:CreateUser', in order. */
  calls: string[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** AWS's common errors for a request that is not signed with the session's credentials, by protocol. */
function signatureError(problem: SignatureProblem, json: boolean): ServiceError {
  const code = {
    missing: json ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken',
    'unknown-key': 'InvalidClientTokenId',
    mismatch: json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
  }[problem.kind];
  return new ServiceError(code, problem.message, 403);
}

/** A change the scenario file could not keep is told as such (not as AWS failing, which the SDK would retry). */
const unexpected = (error: unknown) =>
  error instanceof ServiceError
    ? error
    : error instanceof FileProblem
      ? new ServiceError('PracticeStateNotSaved', `The practice account changed, but ${error.message}.`, 400)
      : new ServiceError('ServiceFailure', String(error), 500, 'Receiver');

/** Serves the simulated IAM, STS, Budgets and Account APIs and the practice console on 127.0.0.1, on a free port. */
export async function startPracticeServer(account: PracticeAccount): Promise<PracticeServer> {
  const consoleActions = new ConsoleActions(account);
  const organization = builtInOrganization(account.state.accountId);
  const calls: string[] = [];
  const credentials = newCredentials(PRACTICE_ACCESS_KEY_ID);
  const orgAdminCredentials = newCredentials(PRACTICE_ORG_ADMIN_KEY_ID);
  let guard: Guard;

  /** Only a request signed with this session's secret reaches the account. */
  async function checkSigned(req: IncomingMessage, body: Buffer, json: boolean) {
    const problem = await signatureProblem({ method: req.method ?? '', target: req.url ?? '/', headers: req.headers, body }, credentials);
    if (problem) throw signatureError(problem, json);
  }

  /** IAM and STS: the query protocol. undefined when the request is not one. */
  async function answerQuery(req: IncomingMessage, body: Buffer): Promise<Reply | undefined> {
    if (req.method !== 'POST' || !/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return undefined;
    const request = parseQueryRequest(body.toString('utf8'));
    if (!request) return undefined;
    calls.push(`${request.service}:${request.action}`);
    let reply: XmlReply;
    try {
      await checkSigned(req, body, false);
      reply = successXml(request.service, request.action, await handlerFor(request.service, request.action)(account, request.params));
    } catch (error) {
      reply = errorXml(request.service, unexpected(error));
    }
    return { status: reply.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': reply.requestId }, body: reply.body };
  }

  /** Budgets and the Account API: the JSON protocols. undefined when the request is not one. */
  async function answerJson(req: IncomingMessage, body: Buffer, path: string): Promise<Reply | undefined> {
    const request = parseJsonRequest(req.method, path, req.headers, body.toString('utf8'));
    if (!request) return undefined;
    calls.push(`${request.service}:${request.action}`);
    try {
      await checkSigned(req, body, true);
      return successJson(request.service, jsonHandlerFor(request.service, request.action)(account, request.body));
    } catch (error) {
      return errorJson(request.service, unexpected(error));
    }
  }

  /**
   * The practice organization's administrator, and the root sessions it opens: each signs with its
   * own secret (drawn per run, or per AssumeRoot), checked here. undefined for a request signed
   * with any other key id, which the practice account answers (or refuses).
   */
  async function answerOrg(req: IncomingMessage, body: Buffer): Promise<Reply | undefined> {
    const keyId = signingKeyId(req.headers.authorization);
    const session = organization.central.session(keyId);
    const signer = keyId === orgAdminCredentials.accessKeyId ? orgAdminCredentials : session && { accessKeyId: keyId!, ...session };
    if (!signer) return undefined;
    const problem = await signatureProblem({ method: req.method ?? '', target: req.url ?? '/', headers: req.headers, body }, signer);
    if (!problem) return answerOrganization(organization, calls, body.toString('utf8'), req);
    const json = req.headers['x-amz-target'] !== undefined;
    const refuse = () => {
      throw signatureError(problem, json);
    };
    return json ? jsonReply(refuse) : queryReply(parseQueryRequest(body.toString('utf8'))?.service ?? 'sts', '', refuse);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    guard.checkAddress(req);
    const body = await readBody(req);
    // The clients of all four services share one endpoint: the protocol tells them apart.
    const path = new URL(req.url ?? '/', 'http://practice').pathname;
    const reply =
      (await answerOrg(req, body)) ??
      (await answerIdentityCenter(account, organization, calls, body.toString('utf8'), req, () => checkSigned(req, body, true))) ??
      (await answerQuery(req, body)) ??
      (await answerJson(req, body, path));
    if (reply) {
      res.writeHead(reply.status, reply.headers);
      return void res.end(reply.body);
    }
    const { ok, setCookie } = guard.tokenOf(req);
    if (!ok) throw new Refused(403, "Open the practice console with a link the wizard printed: it holds this run's key (?token=...).");
    // Not to be framed by another page, nor to hand the token on in a Referer (same-origin, not no-referrer: with that, a browser sends Origin: null on the console's own forms).
    res.setHeader('x-frame-options', 'DENY');
    // The pages' script and style are files of this origin (no inline code), so nothing injected into a page could run.
    res.setHeader('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    res.setHeader('referrer-policy', 'same-origin');
    if (setCookie) res.setHeader('set-cookie', setCookie);
    await handleConsole(CONSOLE_ROUTES, consoleActions, req, res, body.toString('utf8'));
  }

  /** Whatever went wrong is answered, and the wizard in this same process goes on. */
  function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown) {
    if (res.headersSent) return void res.destroy();
    const status = error instanceof Refused ? error.status : error instanceof URIError ? 400 : 500;
    const text = error instanceof Refused ? error.message : error instanceof URIError ? 'The address is not valid.' : `practice server error: ${error instanceof Error ? error.message : String(error)}`;
    // A body left unread (too large, or refused before it was read) is not waited for: the connection closes.
    const close = !req.complete;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(close ? { connection: 'close' } : {}) });
    res.end(`${text}\n`);
    if (close) res.once('finish', () => req.socket.destroy());
  }

  const server = createServer((req, res) => {
    // A client gone mid-answer is not an error of the wizard's.
    res.on('error', () => {});
    req.on('error', () => {});
    handle(req, res).catch((error: unknown) => {
      try {
        answerFailure(req, res, error);
      } catch {
        res.destroy();
      }
    });
  });
  // Every connection, so close() ends even those http no longer tracks (a refused tunnel or upgrade).
  const sockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // No tunnels and no other protocols: answered, then closed, like any request it does not serve.
  const noTunnel = (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => {});
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('connect', noTunnel);
  server.on('upgrade', noTunnel);
  // A request that trickles in is not waited for forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  guard = guardFor(port);
  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    orgAdminCredentials,
    consoleUrl: guard.consoleUrl,
    consoleOrigin: guard.origin,
    account,
    organization,
    console: consoleActions,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}
