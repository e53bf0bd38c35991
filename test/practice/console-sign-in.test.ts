import { CreateLoginProfileCommand, CreateUserCommand, GetUserCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { codeAt, timeStep } from '../../src/totp.js';
import { pick, text, useConsole } from './console-client.js';

/**
 * The IAM user sign-in at the account's own address: the password, then the MFA code of a user
 * who has MFA, then (at a first sign-in that requires it) the old password, a new one and the new
 * one again, with the rules shown before anything is typed.
 */

const c = useConsole();
const SIGN_IN = '/signin/111122223333';
const FIRST = 'First-Passw0rd!';

async function newUser(name = 'admin-jane', resetRequired = true) {
  await c.aws.iam.send(new CreateUserCommand({ UserName: name }));
  await c.aws.iam.send(new CreateLoginProfileCommand({ UserName: name, Password: FIRST, PasswordResetRequired: resetRequired }));
}

const lastUsed = async (name = 'admin-jane') => (await c.aws.iam.send(new GetUserCommand({ UserName: name }))).User?.PasswordLastUsed;

describe('the IAM user sign-in', () => {
  it('asks for the account, the IAM username and the password, the account filled in from the address', async () => {
    const page = (await c.get(SIGN_IN)).html;
    expect(page).toContain('<label for="account">Account ID (12 digits) or account alias</label>');
    expect(page).toContain('id="account" name="account" type="text" value="111122223333"');
    expect(page).toContain('<label for="user">IAM username</label>');
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('<button type="submit" class="primary">Sign in</button>');
  });

  it('refuses another account, an unknown user and a wrong password alike, and signs nobody in', async () => {
    await newUser();
    const another = await c.post(SIGN_IN, { account: '999988887777', user: 'admin-jane', password: FIRST });
    expect(text(another.html)).toContain("999988887777 is not this account's ID or alias");
    for (const [user, password] of [['nobody', FIRST], ['admin-jane', 'wrong-Passw0rd!']]) {
      const refused = await c.post(SIGN_IN, { account: '111122223333', user: user!, password: password! });
      expect(refused.status).toBe(401);
      expect(text(refused.html)).toContain('Your authentication information is incorrect');
    }
    expect(await lastUsed()).toBeUndefined();
  });

  it('at a first sign-in, shows the rules up front and takes the old password, the new one and the new one again', async () => {
    await newUser();
    await c.aws.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 }));
    const first = await c.post(SIGN_IN, { account: '1111-2222-3333', user: 'Admin-Jane', password: FIRST });
    expect(first.location).toMatch(/^\/signin\/111122223333\/[0-9a-f]{32}$/);
    const change = await c.follow(first.location);
    expect(change.html).toContain('<h1>Password change required</h1>');
    // The rules come before the fields, in the order a person reads.
    const rules = text(change.html);
    expect(rules.indexOf('Your new password must have at least 14 characters (at most 128) a symbol (one of')).toBeGreaterThan(0);
    expect(rules).toContain('none of your last 24 passwords');
    expect(rules.indexOf('none of your last 24 passwords')).toBeLessThan(rules.indexOf('Old password'));
    for (const [id, label] of [['oldPassword', 'Old password'], ['newPassword', 'New password'], ['retypePassword', 'Retype new password']]) {
      expect(change.html).toContain(`<label for="${id}">${label}</label><input id="${id}" name="${id}" type="password"`);
    }
    // The first password is never put in the page: the server keeps the sign-in.
    expect(change.html).not.toContain(FIRST);

    const post = (form: Record<string, string>) => c.post(`${first.location}/password`, form);
    const cases: [Record<string, string>, string][] = [
      [{ oldPassword: 'not-it', newPassword: 'My-Own-Passw0rd!', retypePassword: 'My-Own-Passw0rd!' }, 'The old password is not the one you signed in with'],
      [{ oldPassword: FIRST, newPassword: 'My-Own-Passw0rd!', retypePassword: 'My-Own-Passw0rd?' }, 'The new password and its retyped copy differ'],
      [{ oldPassword: FIRST, newPassword: FIRST, retypePassword: FIRST }, 'The new password is the old one'],
      [{ oldPassword: FIRST, newPassword: 'Short-Pass1!', retypePassword: 'Short-Pass1!' }, 'The new password has 12 characters, fewer than 14: nothing was changed. See the rules above.'],
      [{ oldPassword: FIRST, newPassword: 'NoSymbolsPassw0rd', retypePassword: 'NoSymbolsPassw0rd' }, 'The new password has no symbol'],
    ];
    for (const [form, message] of cases) {
      const refused = await post(form);
      expect(refused.status).toBe(400);
      expect(text(refused.html)).toContain(message);
    }
    expect(await lastUsed()).toBeUndefined();

    const done = await post({ oldPassword: FIRST, newPassword: 'My-Own-Passw0rd!-2026', retypePassword: 'My-Own-Passw0rd!-2026' });
    expect(text(done.html)).toContain('Signed in as admin-jane');
    expect(text(done.html)).toContain('the first password is replaced by the one you chose');
    expect(text(done.html)).toContain("Next: give admin-jane MFA of its own. admin-jane's security credentials");
    expect(await lastUsed()).toBeInstanceOf(Date);
    // The sign-in is over: its address works no more.
    expect((await c.get(first.location!)).status).toBe(404);
    expect((await c.post(SIGN_IN, { account: '111122223333', user: 'admin-jane', password: FIRST })).status).toBe(401);
    expect(text((await c.post(SIGN_IN, { account: '111122223333', user: 'admin-jane', password: 'My-Own-Passw0rd!-2026' })).html)).toContain('Signed in as admin-jane');
  });

  it('asks a user with an authenticator app for its current code, after the password', async () => {
    await newUser('admin-jane', false);
    const enrolment = c.server.console.beginMfa('admin-jane', 'jane-phone', 'virtual');
    const seed = enrolment.seed!;
    const step = timeStep(c.clock.now.getTime());
    c.server.console.finishAppMfa(enrolment.token, codeAt(seed, step - 1), codeAt(seed, step));

    const signedIn = await c.post(SIGN_IN, { account: '111122223333', user: 'admin-jane', password: FIRST });
    const mfa = await c.follow(signedIn.location);
    expect(mfa.html).toContain('<h1>Multi-factor authentication</h1>');
    expect(mfa.html).toContain('<label for="mfaCode">MFA code</label>');
    const wrong = await c.post(`${signedIn.location}/mfa`, { mfaCode: codeAt(seed, step + 5) });
    expect(wrong.status).toBe(401);
    expect(text(wrong.html)).toContain('That is not the code the device shows now');
    expect(await lastUsed()).toBeUndefined();
    const right = await c.post(`${signedIn.location}/mfa`, { mfaCode: codeAt(seed, step) });
    expect(text(right.html)).toContain('Signed in as admin-jane');
    expect(text(right.html)).toContain('you signed in with MFA');
    expect(await lastUsed()).toBeInstanceOf(Date);
  });

  it('takes any 6 digits for a device whose secret this run never held (a scenario, an earlier run): secrets are never saved', async () => {
    await newUser('old-admin', false);
    c.server.account.change((s) => s.mfaDevices.push({ type: 'virtual', serialNumber: 'arn:aws:iam::111122223333:mfa/old-phone', assignedTo: 'old-admin', created: '2026-01-01T00:00:00Z', enabled: '2026-01-01T00:00:00Z' }));
    const signedIn = await c.post(SIGN_IN, { account: '111122223333', user: 'old-admin', password: FIRST });
    expect((await c.post(`${signedIn.location}/mfa`, { mfaCode: 'abc' })).status).toBe(401);
    expect(text((await c.post(`${signedIn.location}/mfa`, { mfaCode: '000000' })).html)).toContain('Signed in as old-admin');
  });

  it('a user from a scenario file (its password unknown) signs in with any password and keeps the one typed', async () => {
    c.server.account.change((s) =>
      s.users.push({ name: 'old-admin', id: 'AIDAOLDADMIN00000001', created: '2026-01-01T00:00:00Z', loginProfile: { created: '2026-01-01T00:00:00Z', passwordResetRequired: false }, policies: [], accessKeys: [] }),
    );
    expect(text((await c.post(SIGN_IN, { account: '111122223333', user: 'old-admin', password: 'Anything-1234' })).html)).toContain('Signed in as old-admin');
    expect((await c.post(SIGN_IN, { account: '111122223333', user: 'old-admin', password: 'Something-Else-1' })).status).toBe(401);
  });

  it('is found at the alias too', async () => {
    await newUser('admin-jane', false);
    c.server.account.change((s) => s.aliases.push('practice-class'));
    const page = await c.get('/signin/practice-class');
    expect(pick(page.html, /id="account" name="account" type="text" value="([^"]+)"/)).toBe('practice-class');
    expect(text((await c.post('/signin/practice-class', { account: 'practice-class', user: 'admin-jane', password: FIRST })).html)).toContain('Signed in as admin-jane');
  });
});
