import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { PracticeAccount } from '../account.js';
import { ServiceError } from '../protocols/query-protocol.js';
import type { MfaSettings } from '../services/identity-center/identity-center.js';
import type { ConsoleActions } from './actions.js';
import { esc, layout, post } from './pages.js';

/**
 * The practice console's IAM Identity Center pages: its console (enable it in a region; the
 * users' "Reset password"; Settings, Authentication, MFA) and the AWS access portal its users sign
 * in at (a one-time password, a new password, an MFA device). Plain forms, as the other pages.
 */

export const IDENTITY_CENTER_PAGES = { console: '/identity-center', portal: '/portal' };

/** Regions offered by the practice console's "Enable" (any AWS region works alike here). */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

type Message = { kind: 'note' | 'error'; text: string };
export type IdentityCenterReply = { status: number; html: string } | { redirect: string; message: Message };

/** Sign-ins waiting for an MFA device to be registered: the new secret lives here, in memory only. */
const registrations = new WeakMap<PracticeAccount, Map<string, { userName: string; seed: string }>>();

function consolePage(account: PracticeAccount, message?: Message): string {
  const ic = account.identityCenter;
  const instance = ic.instance;
  if (!instance) {
    const options = REGIONS.map((r) => `<option value="${r}"${r === 'us-east-1' ? ' selected' : ''}>${r}</option>`).join('');
    return layout(
      account,
      'IAM Identity Center',
      `<section><p>IAM Identity Center is not enabled. It lives in one AWS Region: choose it first.</p>
<form method="post" action="/identity-center/enable"><label>Region <select name="region">${options}</select></label>
<p>This account manages an AWS Organization, so Identity Center is enabled as an <strong>organization instance</strong>: it can give users access to AWS accounts.</p>
<p><button type="submit">Enable</button></p></form></section>`,
      message,
    );
  }
  const users = ic.users
    .map(
      (u) => `<tr><td>${esc(u.userName)}</td><td>${esc(u.displayName)}</td><td>${esc(u.email)}</td><td>${ic.mfaDevicesOf(u.id)}</td>
<td>${post('/identity-center/reset-password', { user: u.id, mode: 'email' }, 'Send an email to the user with instructions to reset the password', 'plain')}
${post('/identity-center/reset-password', { user: u.id, mode: 'one-time' }, 'Generate a one-time password', 'plain')}</td></tr>`,
    )
    .join('');
  const radio = (name: keyof MfaSettings, value: string, label: string) =>
    `<label><input type="radio" name="${name}" value="${value}"${ic.mfa[name] === value ? ' checked' : ''}> ${esc(label)}</label>`;
  return layout(
    account,
    'IAM Identity Center',
    `<section><h2>Settings summary</h2><table>
<tr><th>Region</th><td id="region">${esc(instance.region)}</td></tr>
<tr><th>Identity store</th><td>${esc(instance.identityStoreId)}</td></tr>
<tr><th>AWS access portal URL</th><td><a href="${IDENTITY_CENTER_PAGES.portal}">${esc(`https://${instance.identityStoreId}.awsapps.com/start`)}</a> (here: the practice portal)</td></tr>
<tr><th>Permission sets</th><td>${esc(ic.permissionSets.map((p) => p.name).join(', ') || 'none')}</td></tr></table></section>
<section><h2>Users</h2>${users ? `<table><tr><th>User name</th><th>Display name</th><th>Email</th><th>MFA devices</th><th>Reset password</th></tr>${users}</table>` : '<p>No users yet.</p>'}</section>
<section><h2>Settings, Authentication: Multi-factor authentication</h2><form method="post" action="/identity-center/mfa">
<p>Prompt users for MFA</p>${radio('prompt', 'always-on', 'Every time they sign in (always-on)')}${radio('prompt', 'context-aware', 'Only when their sign-in context changes (context-aware)')}
<p>If a user does not yet have a registered MFA device</p>${radio('withoutDevice', 'require-registration', 'Require them to register an MFA device at sign in')}${radio('withoutDevice', 'allow', 'Allow them to sign in')}
<p><button type="submit">Save changes</button></p></form></section>`,
    message,
  );
}

function portalSignInPage(account: PracticeAccount, message?: Message): string {
  return layout(
    account,
    'AWS access portal: sign in',
    `<section><form method="post" action="/portal/sign-in">
<label>Username <input name="user" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<p><button type="submit">Sign in</button></p></form></section>`,
    message,
  );
}

const hidden = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`).join('');

function portalStepPage(account: PracticeAccount, title: string, fields: Record<string, string>, inputs: string, button: string, error?: string): string {
  return layout(
    account,
    title,
    `<section><form method="post" action="/portal/sign-in">${hidden(fields)}${inputs}<p><button type="submit">${esc(button)}</button></p></form></section>`,
    error ? { kind: 'error', text: error } : undefined,
  );
}

async function registrationPage(account: PracticeAccount, userName: string, token: string, seed: string, error?: string): Promise<string> {
  const uri = `otpauth://totp/${encodeURIComponent(`AWS access portal:${userName}`)}?secret=${seed}&issuer=${encodeURIComponent('AWS access portal')}`;
  const qr = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return layout(
    account,
    `Register an MFA device for ${userName}`,
    `<section><p>Your administrator requires an MFA device. Scan this QR code with an authenticator app, or type the secret key, then type two consecutive codes.</p>
<div id="qr" aria-label="QR code">${qr}</div><p>Secret key: <code id="secret">${esc(seed)}</code></p>
<form method="post" action="/portal/register-mfa">${hidden({ token })}
<label>MFA code 1 <input name="code1" inputmode="numeric" autocomplete="one-time-code" required></label>
<label>MFA code 2 <input name="code2" inputmode="numeric" autocomplete="one-time-code" required></label>
<p><button type="submit">Assign MFA</button></p></form></section>`,
    error ? { kind: 'error', text: error } : undefined,
  );
}

function portalPage(account: PracticeAccount, userName: string): string {
  const ic = account.identityCenter;
  const user = ic.userNamed(userName)!;
  const access = ic.accessOf(user.id);
  const rows = access.map((name) => `<li>${esc(account.state.accountId)}: ${esc(name)} · <a href="/">Management console</a></li>`).join('');
  return layout(
    account,
    `AWS access portal: signed in as ${userName}`,
    `<section><h2>AWS accounts</h2>${rows ? `<ul>${rows}</ul>` : '<p>No account is assigned to you yet.</p>'}</section>`,
  );
}

/** The portal's sign-in, as far as the posted form goes: password, new password, MFA code. */
async function signIn(account: PracticeAccount, form: Record<string, string>): Promise<IdentityCenterReply> {
  const ic = account.identityCenter;
  const { user = '', password = '', newPassword, code } = form;
  let stage;
  try {
    stage = ic.signIn(user, password, newPassword);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (newPassword !== undefined && error.code === 'InvalidPassword') {
      return { status: 400, html: portalStepPage(account, 'Choose a new password', { user, password }, newPasswordInput, 'Set new password', error.message) };
    }
    return { status: 401, html: portalSignInPage(account, { kind: 'error', text: 'The user name or password is not right.' }) };
  }
  const current = newPassword ?? password;
  if (stage === 'new-password-required') {
    return { status: 200, html: portalStepPage(account, 'Choose a new password', { user, password }, newPasswordInput, 'Set new password') };
  }
  if (stage === 'mfa-required') {
    if (code !== undefined && ic.checkMfa(user, code.trim())) return { status: 200, html: portalPage(account, user) };
    const error = code === undefined ? undefined : 'That code is not right: type the code the app shows now.';
    return { status: code === undefined ? 200 : 400, html: portalStepPage(account, 'Additional verification required', { user, password: current }, codeInput, 'Sign in', error) };
  }
  if (stage === 'mfa-registration-required') {
    const token = randomBytes(16).toString('hex');
    const seed = ic.newMfaSecret();
    const pending = registrations.get(account) ?? new Map();
    registrations.set(account, pending.set(token, { userName: user, seed }));
    return { status: 200, html: await registrationPage(account, user, token, seed) };
  }
  return { status: 200, html: portalPage(account, user) };
}

const newPasswordInput = '<label>New password <input name="newPassword" type="password" autocomplete="new-password" required></label>';
const codeInput = '<label>MFA code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>';

/** Answers the Identity Center and portal pages (`shown`: what the last change said); undefined for any other address. */
export async function identityCenterRoutes(
  actions: ConsoleActions,
  method: string,
  path: string,
  form: Record<string, string>,
  shown?: Message,
): Promise<IdentityCenterReply | undefined> {
  const account = actions.account;
  const ic = account.identityCenter;
  if (method === 'GET' && path === IDENTITY_CENTER_PAGES.console) return { status: 200, html: consolePage(account, shown) };
  if (method === 'GET' && path === IDENTITY_CENTER_PAGES.portal) return { status: 200, html: portalSignInPage(account, shown) };
  if (method !== 'POST') return undefined;
  switch (path) {
    case '/identity-center/enable':
      return { redirect: IDENTITY_CENTER_PAGES.console, message: { kind: 'note', text: actions.enableIdentityCenter(REGIONS.includes(form.region ?? '') ? form.region! : 'us-east-1') } };
    case '/identity-center/reset-password': {
      const user = ic.user(form.user ?? '');
      const otp = ic.oneTimePassword(user.id);
      const how =
        form.mode === 'email'
          ? `Practice mode sends no email. The email to ${user.email} would take ${user.userName} to the portal with this one-time password:`
          : `One-time password for ${user.userName}, shown once: give it to them, and they choose their own at the first sign-in.`;
      return {
        status: 200,
        html: layout(account, `Reset password for ${user.userName}`, `<section><p>${esc(how)}</p><p><code id="one-time-password">${esc(otp)}</code></p><p><a href="${IDENTITY_CENTER_PAGES.portal}">AWS access portal</a></p></section>`),
      };
    }
    case '/identity-center/mfa':
      ic.mfa = {
        prompt: form.prompt === 'always-on' ? 'always-on' : 'context-aware',
        withoutDevice: form.withoutDevice === 'allow' ? 'allow' : 'require-registration',
      };
      return { redirect: IDENTITY_CENTER_PAGES.console, message: { kind: 'note', text: 'Multi-factor authentication settings saved.' } };
    case '/portal/sign-in':
      return signIn(account, form);
    case '/portal/register-mfa': {
      const pending = registrations.get(account)?.get(form.token ?? '');
      if (!pending) return { status: 404, html: portalSignInPage(account, { kind: 'error', text: 'This MFA registration has expired: sign in again.' }) };
      try {
        ic.registerMfa(pending.userName, pending.seed, form.code1 ?? '', form.code2 ?? '');
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        return { status: 400, html: await registrationPage(account, pending.userName, form.token!, pending.seed, error.message) };
      }
      registrations.get(account)!.delete(form.token!);
      return { status: 200, html: portalPage(account, pending.userName) };
    }
    default:
      return undefined;
  }
}
