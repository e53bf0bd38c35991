// A fuzz of the practice server's HTTP handling (issue 12, finding 4): whatever arrives on its port
// (methods, targets, protocol versions, headers, sizes, broken framing), the server answers every
// whole request with an HTTP status, closes what is not one, and the wizard in the same process
// goes on: its signed API calls still work and no unsigned request changed the account.
import { connect } from 'node:net';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { MAX_BODY_BYTES } from '../../src/practice/guard.js';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { startPracticeServer, type PracticeServer } from '../../src/practice/server.js';

let server: PracticeServer;
let aws: AwsClients;
let port: number;
let token: string;

beforeAll(async () => {
  server = await startPracticeServer(new PracticeAccount(newAccountScenario()));
  aws = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials });
  port = Number(new URL(server.url).port);
  token = new URL(server.consoleUrl()).searchParams.get('token')!;
});
afterAll(() => server.close());

interface Exchange {
  /** What came back before the server closed the connection (or the wait ended). */
  answer: string;
  /** The server closed the connection. */
  closed: boolean;
}

/** Sends `bytes` on a fresh connection, half-closes, and reads until the server closes (at most `waitMs`). */
function exchange(bytes: Buffer, waitMs = 10_000): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {}); // reset by the server after an answer: the answer is what counts
    socket.on('close', () => finish(true));
    socket.write(bytes, () => socket.end());
  });
}

const hostHeader = () => fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `evil.example:${port}`, '127.0.0.1', '', 'x'.repeat(300));
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PRI', 'FOO', 'get', 'G E T'];
const TARGETS = ['/', '/security_credentials', '/mfa/start', '/mfa/finish', '/access-keys/delete', '/users/%E0%A4%A', '/signin/x', '*', 'http://evil.example/', '//x', '/getAlternateContact', '/constructor', '/__proto__'];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/9.9', 'HTTP/1.1 extra', ''];

const headerLine = fc.oneof(
  fc.constantFrom(
    'Content-Type: application/x-www-form-urlencoded',
    'Content-Type: application/x-amz-json-1.1',
    'X-Amz-Target: AWSBudgetServiceGateway.constructor',
    'X-Amz-Target: AWSBudgetServiceGateway.DescribeBudgets',
    'Authorization: AWS4-HMAC-SHA256 Credential=ASIAPRACTICE00000000/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64),
    'Authorization: garbage',
    'Origin: http://evil.example',
    'Origin: null',
    'Sec-Fetch-Site: cross-site',
    'Expect: 100-continue',
    'Connection: keep-alive',
    'Upgrade: h2c',
    'Transfer-Encoding: chunked, gzip',
    'Content-Length: -1',
    'Content-Length: 12abc',
    'Content-Length: 5\r\nContent-Length: 6',
    'X-Bad\u0001Name: 1',
    'X-Bad-Value: a\u0000b',
  ),
  fc.constant(() => `Cookie: practice-token-${port}=${token}`).map((f) => f()),
  fc.constant(() => `Cookie: practice-token-${port}=not-it`).map((f) => f()),
  fc.nat({ max: 40_000 }).map((n) => `X-Long: ${'a'.repeat(n)}`),
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
);

/** How the body is framed: honestly, or in one of the ways a broken client frames it. */
const framing = fc.constantFrom('content-length', 'none', 'chunked', 'broken-chunked', 'length-too-small', 'length-too-large');

const body = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: fc.constantFrom('Action=CreateUser&Version=2010-05-08&UserName=fuzz', 'Action=constructor&Version=2010-05-08', 'principal=root', `id=AKIAPRACTICEROOTKEY1`, '{"__proto__":{"x":1}}').map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_BODY_BYTES - 2, max: MAX_BODY_BYTES * 2 }).map((n) => Buffer.alloc(n, 'a')) },
);

const request = fc.record({
  method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 12 })),
  target: fc.oneof(fc.constantFrom(...TARGETS), fc.webPath(), fc.nat({ max: 20_000 }).map((n) => `/${'p'.repeat(n)}`), fc.constant('TOKEN').map(() => `/?token=${token}`)),
  version: fc.constantFrom(...VERSIONS),
  host: fc.option(hostHeader(), { nil: undefined }),
  headers: fc.array(headerLine, { maxLength: 6 }),
  framing,
  body,
});

/** The request as bytes on the wire; `whole` is false when its body can never arrive in full. */
function bytesOf(r: Fuzzed): { bytes: Buffer; whole: boolean } {
  const head = [`${r.method} ${r.target} ${r.version}`.trimEnd()];
  if (r.host !== undefined) head.push(`Host: ${r.host}`);
  head.push(...r.headers);
  let payload = r.body;
  let whole = true;
  if (r.framing === 'content-length') head.push(`Content-Length: ${payload.length}`);
  if (r.framing === 'length-too-small') head.push(`Content-Length: ${Math.max(0, payload.length - 3)}`);
  if (r.framing === 'length-too-large') (head.push(`Content-Length: ${payload.length + 10}`), (whole = false));
  if (r.framing === 'chunked' || r.framing === 'broken-chunked') {
    head.push('Transfer-Encoding: chunked');
    const size = r.framing === 'chunked' ? payload.length.toString(16) : 'zz';
    payload = Buffer.concat([Buffer.from(`${size}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return { bytes: Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]), whole };
}

type Fuzzed = typeof request extends fc.Arbitrary<infer T> ? T : never;

const STATUS_LINE = /^HTTP\/1\.[01] [1-5]\d\d /;

describe('the practice server under fuzz', () => {
  it('answers every whole request with a status, never hangs, and the account changes only through the API it signs', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { bytes, whole } = bytesOf(r);
        const { answer, closed } = await exchange(bytes);
        // A request whose body never arrives whole may be answered or just closed, but never left hanging.
        expect({ closed, answered: STATUS_LINE.test(answer) || !whole }).toEqual({ closed: true, answered: true });
      }),
      { numRuns: 300 },
    );
    // The wizard's side is untouched: its calls work, and no unsigned call made a user.
    expect((await aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.Users).toBe(0);
    expect(server.account.state.users).toEqual([]);
  }, 300_000);

  it('160 MiB sent at it is refused after at most a few MiB, and it answers the next request', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.concat([Buffer.from(`${(1 << 20).toString(16)}\r\n`), Buffer.alloc(1 << 20, 'a'), Buffer.from('\r\n')]);
    let sent = 0;
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    for (let i = 0; i < 160 && !socket.destroyed; i++) {
      if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
      if (!socket.destroyed) sent++;
    }
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(160);
    expect((await aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toBeDefined();
  }, 120_000);
});
