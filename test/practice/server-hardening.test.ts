// The practice server as a local web app must be (issue 12, findings 4 and 5): only the person who
// ran the wizard can use it. Host and Origin are its own, console requests carry the run's token,
// API calls are signed with the run's secret, bodies are limited, and nothing stops the wizard.
import { request } from 'node:http';
import { CreateUserCommand, GetAccountSummaryCommand, GetUserCommand, ListOrganizationsFeaturesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { FileProblem } from '../../src/errors.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { MAX_BODY_BYTES } from '../../src/practice/guard.js';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { PRACTICE_ORG_ADMIN_KEY_ID } from '../../src/practice/services/organization/answer.js';
import { PRACTICE_ACCESS_KEY_ID, startPracticeServer, type PracticeServer } from '../../src/practice/server.js';

let server: PracticeServer;
let aws: AwsClients;
const ROOT_KEY = 'AKIAPRACTICEROOTKEY1';

beforeEach(async () => {
  server = await startPracticeServer(new PracticeAccount(newAccountScenario()));
  aws = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials });
});
afterEach(() => server.close());

interface Raw {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request exactly as given (Host included), and the whole answer. */
function send({ method = 'GET', path = '/', headers = {}, body }: Raw): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const token = () => new URL(server.consoleUrl()).searchParams.get('token')!;
const rootKeys = () => server.account.state.root.accessKeys.map((k) => k.id);
const rootKeyStatus = () => server.account.state.root.accessKeys[0]?.status;
/** The console's form that deactivates root's practice key: a change, and the first of a delete. */
const DEACTIVATE = { path: '/credentials/status', body: new URLSearchParams({ kind: 'access-key', id: ROOT_KEY, status: 'Inactive' }).toString() };
const users = () => server.account.state.users.map((u) => u.name);

/** The SDK signing a request, then `edit` changing it on its way out: as a man in the middle or a forger would. */
async function signedThenEdited(edit: (request: { body: string; headers: Record<string, string> }) => void) {
  const client = (await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials })).iam;
  client.middlewareStack.add(
    (next) => async (args) => {
      edit(args.request as { body: string; headers: Record<string, string> });
      return next(args);
    },
    { step: 'deserialize', priority: 'low', name: 'editAfterSigning' },
  );
  return client;
}

describe('API calls are signed with this run\'s secret, or refused', () => {
  it('an unsigned CreateUser that merely names the practice key id is refused, and no user is made', async () => {
    const answer = await send({
      method: 'POST',
      ...form({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'intruder' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=${PRACTICE_ACCESS_KEY_ID}/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(answer.status).toBe(403);
    expect(answer.text).toMatch(/<Code>(InvalidClientTokenId|SignatureDoesNotMatch)<\/Code>/);
    expect(users()).toEqual([]);
  });

  it('no Authorization at all is MissingAuthenticationToken', async () => {
    const answer = await send({ method: 'POST', ...form({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'intruder' }) });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(users()).toEqual([]);
  });

  it('signed with the right key id and token but another secret: SignatureDoesNotMatch', async () => {
    const forger = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: { ...server.credentials, secretAccessKey: 'guessed' } });
    await expect(forger.iam.send(new CreateUserCommand({ UserName: 'intruder' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(users()).toEqual([]);
  });

  it('a body changed after signing is refused', async () => {
    const client = await signedThenEdited((r) => void (r.body = r.body.replace('UserName=jane', 'UserName=joan')));
    await expect(client.send(new CreateUserCommand({ UserName: 'jane' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect(users()).toEqual([]);
  });

  it('a signature older than 15 minutes is refused (a replayed request)', async () => {
    const old = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials });
    // The SDK signs with its clock; 20 minutes behind makes an old request.
    old.iam.config.systemClockOffset = -20 * 60 * 1000;
    await expect(old.iam.send(new CreateUserCommand({ UserName: 'late' }), { abortSignal: AbortSignal.timeout(20_000) })).rejects.toMatchObject({
      message: expect.stringContaining('Signature expired'),
    });
  });

  it('the practice organization\'s administrator is held to the same: its key id alone, or another secret, changes nothing', async () => {
    const features = [...server.organization.central.features];
    expect(features).not.toContain('RootCredentialsManagement');
    const unsigned = await send({
      method: 'POST',
      ...form({ Action: 'EnableOrganizationsRootCredentialsManagement', Version: '2010-05-08' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=${PRACTICE_ORG_ADMIN_KEY_ID}/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toMatch(/<Code>(InvalidClientTokenId|SignatureDoesNotMatch)<\/Code>/);
    const forger = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: { ...server.orgAdminCredentials, secretAccessKey: 'guessed' } });
    await expect(forger.iam.send(new ListOrganizationsFeaturesCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect([...server.organization.central.features]).toEqual(features);
    const admin = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.orgAdminCredentials });
    expect(await admin.iam.send(new ListOrganizationsFeaturesCommand({}))).toMatchObject({ OrganizationId: server.organization.id, EnabledFeatures: features });
  });

  it('the wizard\'s own signed calls work', async () => {
    await aws.iam.send(new CreateUserCommand({ UserName: 'jane' }));
    expect((await aws.iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['jane']);
  });
});

describe('actions are the handlers\' own', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('Action=%s, signed, is an unknown action', async (action) => {
    const client = await signedThenEdited(() => {});
    client.middlewareStack.add(
      (next) => async (args) => {
        const r = args.request as { body: string };
        r.body = r.body.replace('Action=GetUser', `Action=${action}`);
        return next(args);
      },
      { step: 'build', priority: 'high', name: 'renameAction' },
    );
    await expect(client.send(new GetUserCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
      message: `The practice account does not simulate iam:${action} yet.`,
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('the console opens only with the run\'s token', () => {
  it('without it, every page and form is refused (403) and nothing changes', async () => {
    for (const path of ['/', '/security_credentials', '/users', '/users/x', '/signin/111122223333', '/mfa/assign?principal=root', '/console.js', '/mfa/token/x']) {
      expect({ path, status: (await send({ path })).status }).toEqual({ path, status: 403 });
    }
    const enrolment = await send({ method: 'POST', path: '/mfa/assign', ...form({ principal: 'root', deviceName: 'intruder', type: 'virtual' }) });
    expect(enrolment.status).toBe(403);
    expect(enrolment.text).not.toMatch(/[A-Z2-7]{32}/);
    expect((await send({ method: 'POST', path: DEACTIVATE.path, ...form({}), body: DEACTIVATE.body })).status).toBe(403);
    expect((await send({ method: 'POST', path: '/credentials/delete', ...form({ kind: 'access-key', id: ROOT_KEY, confirm: ROOT_KEY }) })).status).toBe(403);
    expect((await send({ path: '/?token=wrong' })).status).toBe(403);
    expect(server.account.state.mfaDevices).toEqual([]);
    expect([rootKeys(), rootKeyStatus()]).toEqual([[ROOT_KEY], 'Active']);
  });

  it('the link sets a cookie for this server only (HttpOnly, SameSite=Strict); with it the pages open; it cannot be framed', async () => {
    const first = await send({ path: `/security_credentials?token=${token()}` });
    expect(first.status).toBe(200);
    const { port } = new URL(server.url);
    expect(first.headers['set-cookie']).toEqual([`practice-token-${port}=${token()}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(first.headers).toMatchObject({ 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first.headers['content-security-policy']).toContain("script-src 'self'; style-src 'self'");
    const cookie = { cookie: `practice-token-${port}=${token()}` };
    expect((await send({ path: '/', headers: cookie })).status).toBe(200);
    const deactivated = await send({ method: 'POST', path: DEACTIVATE.path, headers: { ...cookie, ...form({}).headers }, body: DEACTIVATE.body });
    expect(deactivated.status).toBe(303);
    expect(rootKeyStatus()).toBe('Inactive');
  });

  it('the links the wizard prints carry it, and name the server localhost (WebAuthn refuses an IP address)', () => {
    const { port } = new URL(server.url);
    expect(server.consoleOrigin).toBe(`http://localhost:${port}`);
    expect(server.consoleUrl('/security_credentials')).toMatch(new RegExp(`^http://localhost:${port}/security_credentials\\?token=[\\w-]{22}$`));
    expect(server.consoleUrl('/x?note=1')).toMatch(/\?note=1&token=[\w-]{22}$/);
  });
});

describe('Host and Origin must be its own', () => {
  it('a foreign Host (DNS rebinding) is refused, on the console and the API alike', async () => {
    const { port } = new URL(server.url);
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `127.0.0.2:${port}`, `127.0.0.1:${port}.evil.example`]) {
      expect({ host, status: (await send({ path: `/?token=${token()}`, headers: { host } })).status }).toEqual({ host, status: 421 });
    }
    const api = await send({ method: 'POST', ...form({ Action: 'GetUser', Version: '2010-05-08' }), headers: { ...form({}).headers, host: `rebound.example:${port}` } });
    expect(api.status).toBe(421);
    expect((await send({ path: `/?token=${token()}`, headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('a form posted from another origin is refused even with the cookie (another port on 127.0.0.1 is another origin)', async () => {
    const { port } = new URL(server.url);
    const cookie = `practice-token-${port}=${token()}`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port) + 1}`, `http://localhost:${Number(port) + 1}`, 'null']) {
      const answer = await send({ method: 'POST', path: DEACTIVATE.path, headers: { ...form({}).headers, cookie, origin }, body: DEACTIVATE.body });
      expect({ origin, status: answer.status }).toEqual({ origin, status: 403 });
    }
    const crossSite = await send({ method: 'POST', path: DEACTIVATE.path, headers: { ...form({}).headers, cookie, 'sec-fetch-site': 'same-site' }, body: DEACTIVATE.body });
    expect(crossSite.status).toBe(403);
    expect(rootKeyStatus()).toBe('Active');
    // Its own pages, as the printed link names it (localhost) or by its address.
    for (const origin of [server.consoleOrigin, server.url]) {
      const own = await send({ method: 'POST', path: DEACTIVATE.path, headers: { ...form({}).headers, cookie, origin, host: new URL(origin).host, 'sec-fetch-site': 'same-origin' }, body: DEACTIVATE.body });
      expect({ origin, status: own.status }).toEqual({ origin, status: 303 });
    }
    expect(rootKeyStatus()).toBe('Inactive');
  });
});

describe('bodies are limited and failures are answered', () => {
  it(`a body over ${MAX_BODY_BYTES} bytes is refused with 413, declared or streamed, and the server goes on`, async () => {
    const declared = await send({ method: 'POST', path: `/mfa/assign?token=${token()}`, headers: { 'content-length': String(64 * 1024 * 1024) } }).catch(
      (error: NodeJS.ErrnoException) => ({ status: error.code }),
    );
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(declared.status);
    const streamed = await send({ method: 'POST', path: `/?token=${token()}`, headers: { 'transfer-encoding': 'chunked', 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 'a') });
    expect(streamed.status).toBe(413);
    expect(streamed.text).toContain(`limited to ${MAX_BODY_BYTES} bytes`);
    expect((await aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toBeDefined();
  });

  it('a body at the limit is read', async () => {
    const answer = await send({ method: 'POST', path: `/nowhere?token=${token()}`, ...form({ pad: 'a'.repeat(MAX_BODY_BYTES - 4) }) });
    expect(answer.status).toBe(404);
  });

  it('a change the scenario file cannot keep is answered as such, not as AWS failing (which would be retried)', async () => {
    const unsaved = await startPracticeServer(
      new PracticeAccount(newAccountScenario(), () => {
        throw new FileProblem('/x/state.json', 'cannot write /x/state.json: the disk is full (ENOSPC)');
      }),
    );
    try {
      const client = await createClients({ endpoint: unsaved.url, region: 'us-east-1', credentials: unsaved.credentials });
      await expect(client.iam.send(new CreateUserCommand({ UserName: 'jane' }))).rejects.toMatchObject({
        name: 'PracticeStateNotSaved',
        message: 'The practice account changed, but cannot write /x/state.json: the disk is full (ENOSPC).',
        $metadata: { httpStatusCode: 400, attempts: 1 },
      });
      expect((await client.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toBeDefined();
    } finally {
      await unsaved.close();
    }
  });

  it('an address that cannot be decoded is a 400, not a stopped wizard', async () => {
    expect((await send({ path: `/users/%E0%A4%A?token=${token()}` })).status).toBe(400);
    expect((await aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap).toBeDefined();
  });
});
