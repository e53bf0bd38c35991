import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PracticeAccount } from './account.js';
import { ConsoleActions } from './console/actions.js';
import { CONSOLE_ROUTES } from './console/pages/index.js';
import { handleConsole } from './console/router.js';
import { handlerFor, jsonHandlerFor } from './services/handlers.js';
import { answerIdentityCenter } from './services/identity-center/answer.js';
import { answerOrganization } from './services/organization/answer.js';
import { builtInOrganization, type PracticeOrganization } from './services/organization/organization.js';
import { errorJson, parseJsonRequest, successJson } from './protocols/json-protocol.js';
import { errorXml, parseQueryRequest, ServiceError, signingKeyId, successXml, type XmlReply } from './protocols/query-protocol.js';

/** The practice session's credentials: temporary (ASIA…), as CloudShell gives root. Not secret. */
export const PRACTICE_CREDENTIALS = {
  accessKeyId: 'ASIAPRACTICE00000000',
  secretAccessKey: 'practice-secret-access-key-not-a-secret',
  sessionToken: 'practice-session-token',
};

export interface PracticeServer {
  /** Where the SDK clients send their calls: 127.0.0.1. */
  url: string;
  /**
   * The practice console's address for a browser: the same server as `localhost`, because a
   * browser offers passkeys and security keys (WebAuthn) only to a domain, never to an IP address.
   */
  consoleUrl: string;
  account: PracticeAccount;
  /** The built-in organization, with this account as its management account (for `org --practice`). */
  organization: PracticeOrganization;
  console: ConsoleActions;
  /** Every API call answered, as 'iam:CreateUser', in order. */
  calls: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Only the practice credentials are accepted: a request signed with anything else is refused. */
function checkSignedByPractice(authorization: string | undefined) {
  if (signingKeyId(authorization) !== PRACTICE_CREDENTIALS.accessKeyId) {
    throw new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
}

const unexpected = (error: unknown) =>
  error instanceof ServiceError ? error : new ServiceError('ServiceFailure', String(error), 500, 'Receiver');

/** IAM and STS: the query protocol. undefined when the request is not one. */
async function answerQuery(account: PracticeAccount, calls: string[], body: string, req: IncomingMessage): Promise<Reply | undefined> {
  if (req.method !== 'POST' || !/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return undefined;
  const request = parseQueryRequest(body);
  if (!request) return undefined;
  calls.push(`${request.service}:${request.action}`);
  let reply: XmlReply;
  try {
    checkSignedByPractice(req.headers.authorization);
    reply = successXml(request.service, request.action, await handlerFor(request.service, request.action)(account, request.params));
  } catch (error) {
    reply = errorXml(request.service, unexpected(error));
  }
  return { status: reply.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': reply.requestId }, body: reply.body };
}

/** Budgets and the Account API: the JSON protocols. undefined when the request is not one. */
function answerJson(account: PracticeAccount, calls: string[], body: string, req: IncomingMessage, path: string): Reply | undefined {
  const request = parseJsonRequest(req.method, path, req.headers, body);
  if (!request) return undefined;
  calls.push(`${request.service}:${request.action}`);
  try {
    checkSignedByPractice(req.headers.authorization);
    return successJson(request.service, jsonHandlerFor(request.service, request.action)(account, request.body));
  } catch (error) {
    return errorJson(request.service, unexpected(error));
  }
}

/** Serves the simulated IAM, STS, Budgets and Account APIs and the practice console on 127.0.0.1, on a free port. */
export async function startPracticeServer(account: PracticeAccount): Promise<PracticeServer> {
  const consoleActions = new ConsoleActions(account);
  const organization = builtInOrganization(account.state.accountId);
  const calls: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    // The clients of all four services share one endpoint: the protocol tells them apart.
    const path = new URL(req.url ?? '/', 'http://practice').pathname;
    const reply =
      answerOrganization(organization, calls, body, req) ??
      answerIdentityCenter(account, organization, calls, body, req, checkSignedByPractice) ??
      (await answerQuery(account, calls, body, req)) ??
      answerJson(account, calls, body, req, path);
    if (!reply) return handleConsole(CONSOLE_ROUTES, consoleActions, req, res, body);
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`practice server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    consoleUrl: `http://localhost:${port}`,
    account,
    organization,
    console: consoleActions,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
