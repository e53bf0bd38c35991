import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PracticeAccount } from './account.js';
import { ConsoleActions } from './console-actions.js';
import { handleConsole } from './console-routes.js';
import { handlerFor } from './handlers.js';
import { errorXml, parseQueryRequest, ServiceError, successXml, type XmlReply } from './query-protocol.js';

/** The practice session's credentials: temporary (ASIA…), as CloudShell gives root. Not secret. */
export const PRACTICE_CREDENTIALS = {
  accessKeyId: 'ASIAPRACTICE00000000',
  secretAccessKey: 'practice-secret-access-key-not-a-secret',
  sessionToken: 'practice-session-token',
};

export interface PracticeServer {
  url: string;
  account: PracticeAccount;
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

async function answerApi(account: PracticeAccount, calls: string[], body: string, req: IncomingMessage): Promise<XmlReply | undefined> {
  const request = parseQueryRequest(body, req.headers.authorization);
  if (!request) return undefined;
  calls.push(`${request.service}:${request.action}`);
  try {
    // Only the practice credentials are accepted: a request signed with anything else is refused.
    if (request.accessKeyId !== PRACTICE_CREDENTIALS.accessKeyId) {
      throw new ServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    const result = await handlerFor(request.service, request.action)(account, request.params);
    return successXml(request.service, request.action, result);
  } catch (error) {
    if (error instanceof ServiceError) return errorXml(request.service, error);
    return errorXml(request.service, new ServiceError('ServiceFailure', String(error), 500, 'Receiver'));
  }
}

/** Serves the simulated IAM and STS APIs and the practice console on 127.0.0.1, on a free port. */
export async function startPracticeServer(account: PracticeAccount): Promise<PracticeServer> {
  const consoleActions = new ConsoleActions(account);
  const calls: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    if (req.method === 'POST' && /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      const reply = await answerApi(account, calls, body, req);
      if (reply) {
        res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': reply.requestId });
        return void res.end(reply.body);
      }
    }
    await handleConsole(consoleActions, req, res, body);
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
    account,
    console: consoleActions,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
