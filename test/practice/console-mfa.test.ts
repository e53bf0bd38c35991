import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { GetAccountSummaryCommand, ListMFADevicesCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { describeScenarioIssue, newAccountScenario, scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { pick, text, useConsole } from './console-client.js';

/** "Assign MFA device" in the practice console: a name, a type, then that type's set-up, as the IAM console does it. */

const c = useConsole();

const summary = async () => (await c.aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;

/** Step 1 ("Select MFA device"): posts the name and type; returns where it leads. */
async function choose(deviceName: string, type: string, principal = 'root') {
  return c.post('/mfa/assign', { principal, deviceName, type });
}

async function enrolment(deviceName: string, type: string, principal = 'root') {
  const chosen = await choose(deviceName, type, principal);
  expect(chosen).toMatchObject({ status: 303, location: expect.stringMatching(/^\/mfa\/assign\/[0-9a-f]{32}$/) });
  return { path: chosen.location!, page: await c.follow(chosen.location) };
}

describe('Select MFA device', () => {
  it('offers a device name and the three kinds, each with its label', async () => {
    const page = await c.get('/mfa/assign?principal=root');
    expect(page.html).toContain('<label for="deviceName">Device name</label>');
    for (const [value, label] of [['fido', 'Passkey or security key'], ['virtual', 'Authenticator app'], ['hardware', 'Hardware TOTP token']]) {
      expect(page.html).toContain(`<input type="radio" name="type" id="type-${value}" value="${value}"`);
      expect(page.html).toContain(`<label for="type-${value}">${label}</label>`);
    }
    expect(page.html).toMatch(/<button type="submit" class="primary">Next<\/button>/);
  });

  it.each([
    ['', 'virtual', 'Device name is empty'],
    ['my phone', 'virtual', 'Device name has a space'],
    ['root-phone', '', 'Choose an MFA device'],
  ])('refuses the name %j with the type %j, keeping what was typed, and creates nothing', async (deviceName, type, message) => {
    const refused = await choose(deviceName, type);
    expect(refused.status).toBe(400);
    expect(text(refused.html)).toContain(message);
    expect(refused.html).toContain(`value="${deviceName}"`);
    expect(c.server.account.state.mfaDevices).toEqual([]);
  });

  it('refuses a name an authenticator app of the account has already', async () => {
    c.server.console.assignRootMfa();
    const refused = await choose('root-authenticator-1', 'virtual');
    expect(refused.status).toBe(400);
    expect(text(refused.html)).toContain('A device named "root-authenticator-1" exists already');
  });
});

describe('an authenticator app', () => {
  it('shows the QR code and the secret on request, and assigns the device only for two consecutive codes', async () => {
    const { path, page } = await enrolment('root-phone', 'virtual');
    expect(page.html).toContain('<button type="button" data-reveal="qr" aria-expanded="false" aria-controls="qr">Show QR code</button>');
    expect(page.html).toMatch(/<div id="qr" role="img" aria-label="QR code for the authenticator app" data-revealable hidden><svg/);
    const secret = pick(page.html, /<code id="secret">([A-Z2-7]{32})<\/code>/);

    const wrong = await c.post(`${path}/app`, { code1: '123456', code2: '654321' });
    expect(wrong.status).toBe(400);
    // The reason, worked out from the secret the console holds: the codes are not this device's.
    expect(text(wrong.html)).toContain('Those codes do not come from this device');
    expect((await summary()).AccountMFAEnabled).toBe(0);
    expect((await c.post(`${path}/app`, { code1: '12345', code2: '654321' })).status).toBe(400);

    const right = await c.post(`${path}/app`, { code1: twoConsecutiveCodes(secret, Date.now())[0], code2: twoConsecutiveCodes(secret, Date.now())[1] });
    expect(right).toMatchObject({ status: 303, location: expect.stringMatching(/^\/security_credentials\?success=/) });
    expect(text((await c.follow(right.location)).html)).toContain('Assigned the MFA device "root-phone" (Authenticator app) to the root user.');
    expect((await summary()).AccountMFAEnabled).toBe(1);
    expect((await c.aws.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toMatchObject([{ SerialNumber: 'arn:aws:iam::111122223333:mfa/root-phone' }]);
    // The seed is not in the scenario, which is all that is ever saved.
    expect(JSON.stringify(c.server.account.state)).not.toContain(secret);
  });

  it("goes to an IAM user's security credentials tab when done", async () => {
    await c.server.account.change((s) => s.users.push({ name: 'admin-jane', id: 'AIDAADMINJANE0000001', created: new Date().toISOString(), policies: [], accessKeys: [] }));
    const { path, page } = await enrolment('jane-phone', 'virtual', 'admin-jane');
    const [code1, code2] = twoConsecutiveCodes(pick(page.html, /<code id="secret">([A-Z2-7]{32})<\/code>/), Date.now());
    expect((await c.post(`${path}/app`, { code1, code2 })).location).toMatch(/^\/users\/admin-jane\?tab=security_credentials&success=/);
    expect((await c.aws.iam.send(new ListMFADevicesCommand({ UserName: 'admin-jane' }))).MFADevices).toHaveLength(1);
  });
});

describe('a hardware TOTP token', () => {
  it("lends a token whose display shows its code; its serial and two consecutive codes assign it, and the API lists it as no virtual device", async () => {
    const { path, page } = await enrolment('root-token', 'hardware');
    const serial = pick(page.html, /<code id="token-serial">(PRACTICETOKEN\d{6})<\/code>/);
    const display = async () => JSON.parse((await c.get(`/mfa/token/${serial}`)).html).code as string;
    const code1 = await display();
    expect(page.html).toContain(`<output id="token-code" aria-live="polite" data-src="/mfa/token/${serial}">${code1}</output>`);

    expect(text((await c.post(`${path}/hardware`, { serial: 'GAHT12345678', code1, code2: code1 })).html)).toContain('No token with the serial number GAHT12345678');
    expect(text((await c.post(`${path}/hardware`, { serial, code1, code2: code1 })).html)).toContain('not two consecutive codes from this token');

    c.clock.now = new Date(c.clock.now.getTime() + 30_000);
    const code2 = await display();
    const done = await c.post(`${path}/hardware`, { serial, code1, code2 });
    expect(done).toMatchObject({ status: 303, location: expect.stringMatching(/^\/security_credentials\?success=/) });
    expect((await summary()).AccountMFAEnabled).toBe(1);
    expect((await c.aws.iam.send(new ListMFADevicesCommand({}))).MFADevices).toMatchObject([{ SerialNumber: serial }]);
    expect((await c.aws.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
    expect(c.server.account.state.mfaDevices).toMatchObject([{ type: 'hardware', serialNumber: serial, assignedTo: 'root' }]);
  });
});

describe('a passkey or security key', () => {
  /** What a browser's navigator.credentials.create gives, made here with an ES256 key of our own. */
  function registration(challenge: string, origin: string) {
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin })).toString('base64url');
    const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
    return { keys, form: { credentialId: 'Y3JlZGVudGlhbC0x', clientDataJSON, publicKey, algorithm: '-7' } };
  }

  it("registers what the browser made, checked against the challenge and this console's origin", async () => {
    const { path, page } = await enrolment('root-key', 'fido');
    const options = JSON.parse(pick(page.html, /<script type="application\/json" id="webauthn-options">(.*?)<\/script>/)) as { options: { challenge: string; pubKeyCredParams: { alg: number }[] } };
    expect(options.options.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    const origin = c.server.consoleUrl;

    const elsewhere = registration(options.options.challenge, 'http://localhost:1');
    expect(text((await c.post(`${path}/passkey`, elsewhere.form)).html)).toContain("The key was not registered: the browser's answer comes from http://localhost:1");
    const stale = registration('b2xkLWNoYWxsZW5nZQ', origin);
    expect(text((await c.post(`${path}/passkey`, stale.form)).html)).toContain('answered another challenge');

    const good = registration(options.options.challenge, origin);
    expect((await c.post(`${path}/passkey`, good.form)).status).toBe(303);
    expect((await summary()).AccountMFAEnabled).toBe(1);
    expect(c.server.account.state.mfaDevices).toMatchObject([
      { type: 'fido', serialNumber: expect.stringMatching(/^arn:aws:iam::111122223333:u2f\/root\/root-key-[A-Z2-7]{12}$/), credentialId: 'Y3JlZGVudGlhbC0x', publicKey: good.form.publicKey, algorithm: -7 },
    ]);
    expect((await c.aws.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
  });

  it('offers a stand-in key, clearly marked, where the browser has no WebAuthn (and says to use localhost on an IP address)', async () => {
    const { path, page } = await enrolment('root-key', 'fido');
    expect(text(page.html)).toContain('the practice console has a stand-in');
    const onIp = await fetch(`${c.server.url}${path}`);
    expect(text(await onIp.text())).toContain('Browsers offer passkeys and security keys only to a named site, not to an IP address');
    expect((await c.post(`${path}/passkey`, { standIn: '1' })).status).toBe(303);
    expect(c.server.account.state.mfaDevices).toMatchObject([{ type: 'fido', assignedTo: 'root' }]);
    expect(c.server.account.state.mfaDevices[0]!.publicKey).toBeUndefined();
  });

  it('signs a user in by an assertion the registered key signed, and by nothing else', async () => {
    await c.server.account.change((s) =>
      s.users.push({ name: 'admin-jane', id: 'AIDAADMINJANE0000001', created: new Date().toISOString(), loginProfile: { created: new Date().toISOString(), passwordResetRequired: false }, policies: [], accessKeys: [] }),
    );
    c.server.account.setPassword('admin-jane', 'Jane-Passw0rd-2026');
    const { path, page } = await enrolment('jane-key', 'fido', 'admin-jane');
    const challenge = pick(page.html, /"challenge":"([\w-]+)"/);
    const origin = c.server.consoleUrl;
    const { keys, form } = registration(challenge, origin);
    await c.post(`${path}/passkey`, form);

    const signedIn = await c.post('/signin/111122223333', { account: '111122223333', user: 'admin-jane', password: 'Jane-Passw0rd-2026' });
    const mfa = await c.follow(signedIn.location);
    expect(mfa.html).toContain('<h1>Multi-factor authentication</h1>');
    const request = JSON.parse(pick(mfa.html, /<script type="application\/json" id="webauthn-options">(.*?)<\/script>/)) as { options: { challenge: string; allowCredentials: { id: string }[] } };
    expect(request.options.allowCredentials).toEqual([{ type: 'public-key', id: 'Y3JlZGVudGlhbC0x' }]);

    const assertion = (privateKey = keys.privateKey) => {
      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: request.options.challenge, origin }));
      const authenticatorData = Buffer.concat([createHash('sha256').update('localhost').digest(), Buffer.from([0x01, 0, 0, 0, 1])]);
      const signature = sign('sha256', Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]), privateKey);
      return { credentialId: 'Y3JlZGVudGlhbC0x', clientDataJSON: clientDataJSON.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url') };
    };
    const forged = await c.post(`${signedIn.location}/mfa`, assertion(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
    expect(forged.status).toBe(401);
    expect(text(forged.html)).toContain('the signature does not match the registered key');
    expect(c.server.account.user('admin-jane').passwordLastUsed).toBeUndefined();

    // A refused key gets a new challenge: the page is read again, as the browser would.
    const retry = JSON.parse(pick(forged.html, /<script type="application\/json" id="webauthn-options">(.*?)<\/script>/)) as { options: { challenge: string } };
    request.options.challenge = retry.options.challenge;
    const done = await c.post(`${signedIn.location}/mfa`, assertion());
    expect(done.status).toBe(200);
    expect(text(done.html)).toContain('Signed in as admin-jane');
    expect(text(done.html)).toContain('you signed in with MFA');
  });
});

describe('MFA devices in a scenario file', () => {
  const withDevice = (device: Record<string, unknown>) => {
    const parsed = scenarioSchema.safeParse({ ...newAccountScenario(), mfaDevices: [{ created: '2026-01-01T00:00:00Z', ...device }] });
    return parsed.success ? parsed.data.mfaDevices[0] : describeScenarioIssue(parsed.error);
  };

  it('takes each kind with its own serial number; an older file without a type holds authenticator apps', () => {
    expect(withDevice({ serialNumber: 'arn:aws:iam::111122223333:mfa/root-phone' })).toMatchObject({ type: 'virtual' });
    expect(withDevice({ type: 'fido', serialNumber: 'arn:aws:iam::111122223333:u2f/root/root-key-ABCD', assignedTo: 'root', enabled: '2026-01-01T00:00:00Z' })).toMatchObject({ type: 'fido' });
    expect(withDevice({ type: 'hardware', serialNumber: 'GAHT12345678', assignedTo: 'root', enabled: '2026-01-01T00:00:00Z' })).toMatchObject({ type: 'hardware' });
    expect(withDevice({ type: 'fido', serialNumber: 'arn:aws:iam::111122223333:mfa/root-key', assignedTo: 'root', enabled: '2026-01-01T00:00:00Z' })).toBe(
      'mfaDevices.0.serialNumber: must be a FIDO device ARN (arn:aws:iam::ACCOUNT:u2f/root/NAME or u2f/user/USER/NAME)',
    );
    expect(withDevice({ type: 'hardware', serialNumber: 'GAHT1', assignedTo: 'root', enabled: '2026-01-01T00:00:00Z' })).toMatch(/^mfaDevices\.0\.serialNumber: must be the token's serial number/);
    expect(withDevice({ type: 'hardware', serialNumber: 'GAHT12345678' })).toBe('mfaDevices.0.assignedTo: is required: a hardware device exists only assigned');
    expect(withDevice({ serialNumber: 'arn:aws:iam::111122223333:mfa/x', publicKey: 'AAAA' })).toBe('mfaDevices.0.publicKey: belongs to a fido device only');
  });
});
