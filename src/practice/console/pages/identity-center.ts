import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { PracticeAccount } from '../../account.js';
import { ServiceError } from '../../protocols/query-protocol.js';
import type { MfaSettings } from '../../services/identity-center/identity-center.js';
import { PAGES } from '../addresses.js';
import { esc, field, postButton, table, type Page, type PageContext } from '../html.js';
import type { ConsoleRequest, Reply, Route } from '../router.js';

/**
 * The practice console's IAM Identity Center pages: its console (enable it in a Region; each
 * user's "Reset password"; Settings, Authentication, multi-factor authentication) and the AWS
 * access portal its users sign in at (a one-time password, a new password of their own, an MFA
 * device registered at the first sign-in when the settings require one). Plain forms.
 */

const ACTIONS = {
  enable: `${PAGES.identityCenter}/enable`,
  resetPassword: `${PAGES.identityCenter}/reset-password`,
  mfa: `${PAGES.identityCenter}/mfa`,
  signIn: `${PAGES.portal}/sign-in`,
  registerMfa: `${PAGES.portal}/register-mfa`,
};

/** Regions offered by the practice console's "Enable" (any AWS Region works alike here). */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

const WHY_CONSOLE =
  'IAM Identity Center gives people short-lived access to the account through a permission set, instead of long-lived passwords and keys of IAM users. It lives in the one Region it was enabled in.';
const WHY_PORTAL = 'Identity Center users sign in here, at the AWS access portal, not on the IAM sign-in page: from here they open the account with the permission set they were given.';

const consoleTrail: [string, string][] = [['IAM dashboard', PAGES.home]];
const portalTrail: [string, string][] = [['IAM Identity Center', PAGES.identityCenter]];

/** Sign-ins waiting for an MFA device to be registered: the new secret lives here, in memory only. */
const registrations = new WeakMap<PracticeAccount, Map<string, { userName: string; seed: string }>>();

const errorFlash = (error?: string) => (error ? `<p class="flash error" role="alert">${esc(error)}</p>` : '');

function enablePage(ctx: PageContext): Page {
  const options = REGIONS.map((r) => `<option value="${r}"${r === 'us-east-1' ? ' selected' : ''}>${r}</option>`).join('');
  return {
    title: 'IAM Identity Center',
    why: WHY_CONSOLE,
    trail: consoleTrail,
    body: `<section><p>IAM Identity Center is not enabled. It lives in one AWS Region: choose it first.</p>
<form method="post" action="${esc(ctx.link(ACTIONS.enable))}"><label for="region">Region</label><select id="region" name="region">${options}</select>
<p>This account manages an AWS Organization, so Identity Center is enabled as an <strong>organization instance</strong>: it can give users access to AWS accounts.</p>
<p><button type="submit" class="primary">Enable</button></p></form></section>`,
  };
}

function consolePage(ctx: PageContext): Page {
  const ic = ctx.account.identityCenter;
  const instance = ic.instance;
  if (!instance) return enablePage(ctx);
  const users = ic.users.map((u) => [
    esc(u.userName),
    esc(u.displayName),
    esc(u.email),
    String(ic.mfaDevicesOf(u.id)),
    `${postButton(ctx, ACTIONS.resetPassword, { user: u.id, mode: 'email' }, 'Send an email to the user with instructions to reset the password')}
${postButton(ctx, ACTIONS.resetPassword, { user: u.id, mode: 'one-time' }, 'Generate a one-time password')}`,
  ]);
  const radio = (name: keyof MfaSettings, value: string, label: string) =>
    `<div class="choice"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${ic.mfa[name] === value ? ' checked' : ''}><label for="${name}-${value}">${esc(label)}</label></div>`;
  const summary = table('Settings summary', ['Setting', 'Value'], [
    ['Region', `<span id="region">${esc(instance.region)}</span>`],
    ['Identity store', esc(instance.identityStoreId)],
    ['AWS access portal URL', `<a href="${esc(ctx.link(PAGES.portal))}">${esc(`https://${instance.identityStoreId}.awsapps.com/start`)}</a> (here: the practice portal)`],
    ['Permission sets', esc(ic.permissionSets.map((p) => p.name).join(', ') || 'none')],
  ]);
  return {
    title: 'IAM Identity Center',
    why: WHY_CONSOLE,
    trail: consoleTrail,
    body: `<section aria-labelledby="summary-heading"><h2 id="summary-heading">Settings summary</h2>${summary}</section>
<section aria-labelledby="users-heading"><h2 id="users-heading">Users</h2>${
      users.length ? table('Identity Center users', ['User name', 'Display name', 'Email', 'MFA devices', 'Reset password'], users) : '<p>No users yet. The wizard creates your admin.</p>'
    }</section>
<section aria-labelledby="mfa-heading"><h2 id="mfa-heading">Settings, Authentication: Multi-factor authentication</h2><form method="post" action="${esc(ctx.link(ACTIONS.mfa))}">
<fieldset><legend>Prompt users for MFA</legend>${radio('prompt', 'always-on', 'Every time they sign in (always-on)')}${radio('prompt', 'context-aware', 'Only when their sign-in context changes (context-aware)')}</fieldset>
<fieldset><legend>If a user does not yet have a registered MFA device</legend>${radio('withoutDevice', 'require-registration', 'Require them to register an MFA device at sign in')}${radio('withoutDevice', 'allow', 'Allow them to sign in')}</fieldset>
<p><button type="submit" class="primary">Save changes</button></p></form></section>`,
  };
}

function resetPasswordPage(ctx: PageContext, userId: string, mode: string | undefined): Page {
  const ic = ctx.account.identityCenter;
  const user = ic.user(userId);
  const otp = ic.oneTimePassword(user.id);
  const how =
    mode === 'email'
      ? `Practice mode sends no email. The email to ${user.email} would take ${user.userName} to the portal with this one-time password:`
      : `One-time password for ${user.userName}, shown once: give it to them, and they choose their own at the first sign-in.`;
  return {
    title: `Reset password for ${user.userName}`,
    why: 'A one-time password gets the user in once: at that sign-in they choose a password only they know.',
    trail: [['IAM Identity Center', PAGES.identityCenter]],
    body: `<section><p>${esc(how)}</p><p><code id="one-time-password">${esc(otp)}</code></p><p><a href="${esc(ctx.link(PAGES.portal))}">AWS access portal</a></p></section>`,
  };
}

function portalSignInPage(ctx: PageContext, error?: string): Page {
  return {
    title: 'AWS access portal: sign in',
    why: WHY_PORTAL,
    trail: portalTrail,
    status: error ? 401 : 200,
    body: `${errorFlash(error)}<section><form method="post" action="${esc(ctx.link(ACTIONS.signIn))}">
${field('user', 'Username', { autocomplete: 'username', attributes: 'required' })}
${field('password', 'Password', { type: 'password', autocomplete: 'current-password', attributes: 'required' })}
<p><button type="submit" class="primary">Sign in</button></p></form></section>`,
  };
}

const hidden = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');

/** A further step of the portal's sign-in: the fields so far carried along, one more asked for. */
function portalStepPage(ctx: PageContext, title: string, why: string, fields: Record<string, string>, input: string, button: string, error?: string): Page {
  return {
    title,
    why,
    trail: portalTrail,
    status: error ? 400 : 200,
    body: `${errorFlash(error)}<section><form method="post" action="${esc(ctx.link(ACTIONS.signIn))}">${hidden(fields)}${input}<p><button type="submit" class="primary">${esc(button)}</button></p></form></section>`,
  };
}

const newPasswordStep = (ctx: PageContext, fields: Record<string, string>, error?: string) =>
  portalStepPage(
    ctx,
    'Choose a new password',
    'The one-time password was seen by whoever made it: a password of your own makes the sign-in yours alone.',
    fields,
    field('newPassword', 'New password', { type: 'password', autocomplete: 'new-password', attributes: 'required' }),
    'Set new password',
    error,
  );

const codeStep = (ctx: PageContext, fields: Record<string, string>, error?: string) =>
  portalStepPage(
    ctx,
    'Additional verification required',
    'The password was right, and it is not enough: a stolen password gets nobody in without the device you hold.',
    fields,
    field('code', 'MFA code', { autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' }),
    'Sign in',
    error,
  );

async function registrationPage(ctx: PageContext, userName: string, token: string, seed: string, error?: string): Promise<Page> {
  const uri = `otpauth://totp/${encodeURIComponent(`AWS access portal:${userName}`)}?secret=${seed}&issuer=${encodeURIComponent('AWS access portal')}`;
  const qr = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return {
    title: `Register an MFA device for ${userName}`,
    why: 'Your administrator requires an MFA device: from now on each sign-in also takes a code from it.',
    trail: portalTrail,
    status: error ? 400 : 200,
    body: `${errorFlash(error)}<section><p>Scan this QR code with an authenticator app, or type the secret key, then type two consecutive codes.</p>
<div id="qr" role="img" aria-label="QR code for the authenticator app">${qr}</div><p>Secret key: <code id="secret">${esc(seed)}</code></p>
<form method="post" action="${esc(ctx.link(ACTIONS.registerMfa))}">${hidden({ token })}
${field('code1', 'MFA code 1', { autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' })}
${field('code2', 'MFA code 2', { autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' })}
<p><button type="submit" class="primary">Assign MFA</button></p></form></section>`,
  };
}

function portalPage(ctx: PageContext, userName: string): Page {
  const ic = ctx.account.identityCenter;
  const user = ic.userNamed(userName)!;
  const rows = ic.accessOf(user.id).map((name) => `<li>${esc(ctx.account.state.accountId)}: ${esc(name)} · <a href="${esc(ctx.link(PAGES.home))}">Management console</a></li>`);
  return {
    title: `AWS access portal: signed in as ${userName}`,
    why: WHY_PORTAL,
    trail: portalTrail,
    body: `<section><h2>AWS accounts</h2>${rows.length ? `<ul>${rows.join('')}</ul>` : '<p>No account is assigned to you yet.</p>'}</section>`,
  };
}

/** The portal's sign-in, as far as the posted form goes: password, new password, MFA code. */
async function signIn(req: ConsoleRequest): Promise<Page> {
  const ic = req.account.identityCenter;
  const { user = '', password = '', newPassword, code } = req.form;
  let stage;
  try {
    stage = ic.signIn(user, password, newPassword);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (newPassword !== undefined && error.code === 'InvalidPassword') return newPasswordStep(req, { user, password }, error.message);
    return portalSignInPage(req, 'The user name or password is not right.');
  }
  const current = newPassword ?? password;
  if (stage === 'new-password-required') return newPasswordStep(req, { user, password });
  if (stage === 'mfa-required') {
    if (code !== undefined && ic.checkMfa(user, code.trim())) return portalPage(req, user);
    return codeStep(req, { user, password: current }, code === undefined ? undefined : 'That code is not right: type the code the app shows now.');
  }
  if (stage === 'mfa-registration-required') {
    const token = randomBytes(16).toString('hex');
    const seed = ic.newMfaSecret();
    const pending = registrations.get(req.account) ?? new Map();
    registrations.set(req.account, pending.set(token, { userName: user, seed }));
    return registrationPage(req, user, token, seed);
  }
  return portalPage(req, user);
}

async function registerMfa(req: ConsoleRequest): Promise<Page> {
  const token = req.form.token ?? '';
  const pending = registrations.get(req.account)?.get(token);
  if (!pending) return { ...portalSignInPage(req, 'This MFA registration has expired: sign in again.'), status: 404 };
  try {
    req.account.identityCenter.registerMfa(pending.userName, pending.seed, req.form.code1 ?? '', req.form.code2 ?? '');
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return registrationPage(req, pending.userName, token, pending.seed, error.message);
  }
  registrations.get(req.account)!.delete(token);
  return portalPage(req, pending.userName);
}

const page = (make: (req: ConsoleRequest) => Page | Promise<Page>) => async (req: ConsoleRequest): Promise<Reply> => ({ page: await make(req) });

export const routes: Route[] = [
  { method: 'GET', path: PAGES.identityCenter, handle: page(consolePage) },
  {
    method: 'POST',
    path: ACTIONS.enable,
    handle: (req) => {
      const region = REGIONS.includes(req.form.region ?? '') ? req.form.region! : 'us-east-1';
      return { redirect: PAGES.identityCenter, flash: { kind: 'success', text: req.actions.enableIdentityCenter(region) } };
    },
  },
  { method: 'POST', path: ACTIONS.resetPassword, handle: page((req) => resetPasswordPage(req, req.form.user ?? '', req.form.mode)) },
  {
    method: 'POST',
    path: ACTIONS.mfa,
    handle: (req) => {
      req.account.identityCenter.mfa = {
        prompt: req.form.prompt === 'always-on' ? 'always-on' : 'context-aware',
        withoutDevice: req.form.withoutDevice === 'allow' ? 'allow' : 'require-registration',
      };
      return { redirect: PAGES.identityCenter, flash: { kind: 'success', text: 'Multi-factor authentication settings saved.' } };
    },
  },
  { method: 'GET', path: PAGES.portal, handle: page((req) => portalSignInPage(req)) },
  { method: 'POST', path: ACTIONS.signIn, handle: page(signIn) },
  { method: 'POST', path: ACTIONS.registerMfa, handle: page(registerMfa) },
];
