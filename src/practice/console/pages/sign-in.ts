import { ServiceError } from '../../protocols/query-protocol.js';
import { CLASSES, IAM_SYMBOLS, passwordProblem } from '../../../rules/password-policy.js';
import type { PendingSignIn } from '../actions.js';
import { PAGES } from '../addresses.js';
import { esc, field, linkButton, type Page, type PageContext } from '../html.js';
import type { ConsoleRequest, Reply, Route } from '../router.js';
import { requestOptions, verifyAssertion, WebAuthnProblem } from '../webauthn.js';

/**
 * The IAM user sign-in, as AWS runs it at the account's own address: account ID or alias, IAM
 * username and password; then the MFA code (or the security key) of a user who has MFA
 * (IAM User Guide, "Using MFA devices with your IAM sign-in page",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/console_sign-in-mfa.html); then, at a first
 * sign-in that requires it, the old password, a new one and the new one again, with the account's
 * password rules shown before anything is typed (AWS Sign-In User Guide, "Sign in to the AWS
 * Management Console as an IAM user", https://docs.aws.amazon.com/signin/latest/userguide/introduction-to-iam-user-sign-in-tutorial.html).
 */

const WHY =
  "IAM users sign in at the account's own address, with its ID or alias, not on the root sign-in page with an email address. Bookmark it: from now on this is how you sign in, instead of as root.";

const trail: [string, string][] = [['IAM dashboard', PAGES.home]];

function signInPage(ctx: PageContext, target: string, error?: string, user = ''): Page {
  return {
    title: 'Sign in as IAM user',
    why: WHY,
    trail,
    status: error ? 401 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<section><form method="post" action="${esc(ctx.link(PAGES.signIn(target)))}">
${field('account', 'Account ID (12 digits) or account alias', { value: target, autocomplete: 'off', attributes: 'required' })}
${field('user', 'IAM username', { value: user, autocomplete: 'username', attributes: 'required' })}
${field('password', 'Password', { type: 'password', autocomplete: 'current-password', attributes: 'required' })}
<p><button type="submit" class="primary">Sign in</button></p></form></section>
<p class="hint">Signing in as root is elsewhere, with the email address: that is the door to keep shut.</p>`,
  };
}

/** The account's password rules as a list, to be read before the new password is typed. */
function rulesList(ctx: PageContext): string {
  const rule = ctx.account.passwordRule();
  const items = [`at least ${rule.minLength} characters (at most 128)`, ...rule.required.map((c) => CLASSES[c].name)];
  if (rule.classesNeeded > rule.required.length) {
    items.push(`${rule.classesNeeded} of these four kinds: lowercase letters, capital letters, digits, symbols (${[...IAM_SYMBOLS].join(' ')})`);
  }
  const reuse = ctx.account.state.passwordPolicy?.PasswordReusePrevention;
  if (reuse) items.push(`none of your last ${reuse} passwords`);
  return `<section aria-labelledby="rules-heading"><h2 id="rules-heading">Your new password must have</h2><ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>
<p class="hint">From ${esc(rule.from.join(' and '))}. A password manager can make one and remember it.</p></section>`;
}

function passwordPage(ctx: PageContext, target: string, s: PendingSignIn, error?: string): Page {
  return {
    title: 'Password change required',
    why: 'The password you were given was seen by whoever made it, and by the screen it was shown on. Choosing your own now makes it yours alone.',
    trail,
    status: error ? 400 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<p>Your administrator requires ${esc(s.user)} to choose a new password at first sign-in.</p>
${rulesList(ctx)}<section><form method="post" action="${esc(ctx.link(`${PAGES.signInStep(target, s.token)}/password`))}">
${field('oldPassword', 'Old password', { type: 'password', autocomplete: 'current-password', attributes: 'required' })}
${field('newPassword', 'New password', { type: 'password', autocomplete: 'new-password', attributes: 'required' })}
${field('retypePassword', 'Retype new password', { type: 'password', autocomplete: 'new-password', attributes: 'required' })}
<p><button type="submit" class="primary">Confirm password change</button></p></form></section>`,
  };
}

function mfaPage(ctx: PageContext, target: string, s: PendingSignIn, error?: string): Page {
  const devices = ctx.account.mfaDevicesOf(s.user);
  const keys = devices.filter((d) => d.type === 'fido');
  const withCodes = devices.length > keys.length;
  const registered = keys.filter((d) => d.credentialId && d.publicKey);
  if (!withCodes && registered.length) s.challenge ??= ctx.actions.newChallenge();
  const codeForm = withCodes
    ? `<form method="post" action="${esc(ctx.link(`${PAGES.signInStep(target, s.token)}/mfa`))}">
${field('mfaCode', 'MFA code', { hint: 'The 6-digit code your authenticator app or token shows now.', autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' })}
<p><button type="submit" class="primary">Submit</button></p></form>`
    : '';
  const hidden = ['credentialId', 'clientDataJSON', 'authenticatorData', 'signature'].map((n) => `<input type="hidden" name="${n}">`).join('');
  const keyForm =
    !withCodes && registered.length
      ? `<p>Your browser now asks for your passkey or security key.</p><p id="webauthn-status" role="status">Waiting for the browser…</p>
<script type="application/json" id="webauthn-options">${JSON.stringify({ mode: 'get', options: requestOptions(s.challenge!, registered.map((d) => d.credentialId!)) }).replace(/</g, '\\u003c')}</script>
<script src="${esc(ctx.link(PAGES.webauthnScript))}" defer></script><form id="webauthn-form" method="post" action="${esc(ctx.link(`${PAGES.signInStep(target, s.token)}/mfa`))}">${hidden}</form>
<div id="webauthn-fallback" hidden><p><button type="button" id="webauthn-retry">Try again</button></p></div>`
      : '';
  const standIn =
    !withCodes && keys.length > registered.length
      ? `<form method="post" action="${esc(ctx.link(`${PAGES.signInStep(target, s.token)}/mfa`))}"><input type="hidden" name="standIn" value="1"><p>${esc(s.user)} has the practice stand-in key.</p><button type="submit">Touch the practice stand-in key</button></form>`
      : '';
  return {
    title: 'Multi-factor authentication',
    why: 'The password was right, and it is not enough: a stolen password gets nobody in without the device you hold.',
    trail,
    status: error ? 401 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<section><p>${esc(s.user)} has MFA. Prove you hold the device.</p>${codeForm}${keyForm}${standIn}</section>`,
  };
}

function signedInPage(ctx: PageContext, user: string, changed: boolean, mfa: boolean): Page {
  const hasMfa = ctx.account.mfaDevicesOf(user).length > 0;
  const changes = [
    "the user's last console sign-in (PasswordLastUsed) is now set: that is what the wizard's admin-sign-in check reads",
    ...(changed ? ['the first password is replaced by the one you chose: only you know it now'] : []),
    ...(mfa ? ['you signed in with MFA, as every sign-in of this user will now require'] : []),
  ];
  const next = hasMfa
    ? '<p>This is where your daily work starts from now on, instead of as root.</p>'
    : `<p>Next: give ${esc(user)} MFA of its own. ${linkButton(ctx, PAGES.user(user, 'security_credentials'), `${user}'s security credentials`)}</p>`;
  return {
    title: `Signed in as ${user}`,
    why: 'An admin user that signs in with its own password (and MFA) is how the account is run day to day, so that root can stay locked away.',
    trail,
    body: `<section><h2>What changed</h2><ul>${changes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>${next}</section>`,
  };
}

/** The account the sign-in page is for: its alias or its ID, as typed. */
function isThisAccount(ctx: PageContext, typed: string): boolean {
  const { accountId, aliases } = ctx.account.state;
  return typed.replace(/-/g, '') === accountId || aliases.includes(typed.toLowerCase());
}

/** Where a sign-in goes next: MFA, a new password, or done. */
function proceed(req: ConsoleRequest, target: string, s: PendingSignIn, changed = false, mfa = false): Reply {
  const user = req.account.user(s.user);
  if (!s.mfaDone || user.loginProfile?.passwordResetRequired) return { redirect: PAGES.signInStep(target, s.token) };
  req.account.completeSignIn(s.user, s.password);
  req.actions.endSignIn(s.token);
  return { page: signedInPage(req, user.name, changed, mfa) };
}

function submitPassword(req: ConsoleRequest): Reply {
  const target = req.params[0]!;
  const { account = '', user = '', password = '' } = req.form;
  if (!isThisAccount(req, account.trim())) return { page: signInPage(req, target, `${account} is not this account's ID or alias: sign in at your account's own address.`, user) };
  try {
    const found = req.account.checkPassword(user.trim(), password);
    return proceed(req, target, req.actions.beginSignIn(found.name, password));
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'InvalidPassword') throw error;
    return { page: signInPage(req, target, 'Your authentication information is incorrect: check the IAM username and the password.', user) };
  }
}

function step(req: ConsoleRequest): Reply {
  const [target, token] = [req.params[0]!, req.params[1]!];
  const s = req.actions.signIn(token);
  return { page: s.mfaDone ? passwordPage(req, target, s) : mfaPage(req, target, s) };
}

function submitMfa(req: ConsoleRequest): Reply {
  const [target, token] = [req.params[0]!, req.params[1]!];
  const s = req.actions.signIn(token);
  const devices = req.account.mfaDevicesOf(s.user);
  if (req.form.standIn === '1' && devices.some((d) => d.type === 'fido' && !d.publicKey)) {
    s.mfaDone = true;
  } else if (req.form.credentialId) {
    const device = devices.find((d) => d.type === 'fido' && d.credentialId === req.form.credentialId);
    try {
      if (!device || !s.challenge) throw new WebAuthnProblem('that is not a key registered for this user');
      verifyAssertion(req.form, { credentialId: device.credentialId!, publicKey: device.publicKey!, algorithm: device.algorithm ?? -7 }, s.challenge, req.origin);
      s.mfaDone = true;
    } catch (error) {
      if (!(error instanceof WebAuthnProblem)) throw error;
      s.challenge = req.actions.newChallenge();
      return { page: mfaPage(req, target, s, `The key was not accepted: ${error.message}.`) };
    }
  } else {
    const result = req.account.checkSignInCode(s.user, (req.form.mfaCode ?? '').trim());
    if (result === 'wrong') return { page: mfaPage(req, target, s, 'That is not the code the device shows now: type the current 6-digit code.') };
    s.mfaDone = true;
  }
  return proceed(req, target, s, false, true);
}

function submitNewPassword(req: ConsoleRequest): Reply {
  const [target, token] = [req.params[0]!, req.params[1]!];
  const s = req.actions.signIn(token);
  const { oldPassword = '', newPassword = '', retypePassword = '' } = req.form;
  const refuse = (text: string) => ({ page: passwordPage(req, target, s, text) });
  if (oldPassword !== s.password) return refuse('The old password is not the one you signed in with: type the password you were given.');
  if (newPassword !== retypePassword) return refuse('The new password and its retyped copy differ: type the same new password twice.');
  if (newPassword === oldPassword) return refuse('The new password is the old one: choose a password of your own.');
  const problem = passwordProblem(newPassword, req.account.passwordRule());
  if (problem) return refuse(`The new password ${problem}: nothing was changed. See the rules above.`);
  req.account.completeSignIn(s.user, s.password, newPassword);
  req.actions.endSignIn(s.token);
  return { page: signedInPage(req, req.account.user(s.user).name, true, req.account.mfaDevicesOf(s.user).length > 0) };
}

const SIGN_IN = /^\/signin\/([^/]+)$/;
const STEP = /^\/signin\/([^/]+)\/([0-9a-f]{32})$/;

export const routes: Route[] = [
  { method: 'GET', path: SIGN_IN, handle: (req) => ({ page: signInPage(req, req.params[0]!) }) },
  { method: 'POST', path: SIGN_IN, handle: submitPassword },
  { method: 'GET', path: STEP, handle: step },
  { method: 'POST', path: /^\/signin\/([^/]+)\/([0-9a-f]{32})\/mfa$/, handle: submitMfa },
  { method: 'POST', path: /^\/signin\/([^/]+)\/([0-9a-f]{32})\/password$/, handle: submitNewPassword },
];
