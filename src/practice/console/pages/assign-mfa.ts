import QRCode from 'qrcode';
import { ROOT, type Principal } from '../../account.js';
import { ServiceError } from '../../protocols/query-protocol.js';
import { MFA_CODE, MFA_DEVICE_NAME, MFA_SERIAL_NUMBER } from '../../../rules/fields.js';
import { codeAt, explainRejectedCodes, timeStep } from '../../../totp.js';
import type { MfaEnrolment, MfaType } from '../actions.js';
import { PAGES } from '../addresses.js';
import { esc, field, linkButton, type Flash, type Page, type PageContext } from '../html.js';
import type { ConsoleRequest, Reply, Route } from '../router.js';
import { creationOptions, verifyRegistration, WebAuthnProblem } from '../webauthn.js';
import { MFA_TYPE_NAMES } from './mfa-section.js';

/**
 * "Assign MFA device", as the IAM console does it for root and for IAM users: a device name and a
 * type (passkey or security key, authenticator app, hardware TOTP token), "Next", then that type's
 * set-up. Each follows the IAM User Guide's console procedure:
 * - authenticator app: "Enable a virtual MFA device for your AWS account root user (console)",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html ("Show QR code",
 *   "Show secret key", "MFA code 1", "MFA code 2", "Add MFA");
 * - passkey or security key: "Enable a passkey or security key for the root user (console)",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html (the browser's
 *   own prompts, through WebAuthn);
 * - hardware TOTP token: "Enable a hardware TOTP token for the root user (console)",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html ("Serial number",
 *   two codes). The practice console lends a simulated token, since nobody has a real one to hand.
 */

const WHY = 'With MFA, a stolen password is not enough: signing in also takes the device you hold. A passkey or security key also resists phishing; an app is the quickest to set up.';

const TYPES: [MfaType, string][] = [
  ['fido', 'Authenticate by touching a hardware security key, or with your fingerprint, face or screen lock on this device. Resists phishing.'],
  ['virtual', 'Authenticate with a code from an app on your phone or computer (any app that supports TOTP).'],
  ['hardware', 'Authenticate with a code from a hardware token (a key fob or card).'],
];

/** Where a principal's credentials are: root's page, or the user's "Security credentials" tab. */
const homeOf = (principal: Principal) => (principal === ROOT ? PAGES.rootCredentials : PAGES.user(principal, 'security_credentials'));
const whose = (principal: Principal) => (principal === ROOT ? 'the root user' : principal);

function trail(principal: Principal): [string, string][] {
  return principal === ROOT
    ? [['IAM dashboard', PAGES.home], ['My security credentials', PAGES.rootCredentials]]
    : [['IAM dashboard', PAGES.home], ['Users', PAGES.users], [principal, homeOf(principal)]];
}

function choosePage(ctx: PageContext, principal: Principal, values: { deviceName?: string; type?: string } = {}, error?: string): Page {
  const choices = TYPES.map(
    ([type, hint]) => `<div class="choice"><input type="radio" name="type" id="type-${type}" value="${type}"${values.type === type ? ' checked' : ''} aria-describedby="type-${type}-hint">
<div><label for="type-${type}">${esc(MFA_TYPE_NAMES[type])}</label><span class="hint" id="type-${type}-hint">${esc(hint)}</span></div></div>`,
  );
  return {
    title: 'Select MFA device',
    why: WHY,
    trail: trail(principal),
    status: error ? 400 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<section><form method="post" action="${esc(ctx.link('/mfa/assign'))}">
<input type="hidden" name="principal" value="${esc(principal)}">
${field('deviceName', 'Device name', { value: values.deviceName ?? '', hint: `A name that tells you which device this is, e.g. "${principal === ROOT ? 'root' : esc(principal)}-phone". ${esc(MFA_DEVICE_NAME.rule)}.`, autocomplete: 'off', attributes: 'required' })}
<fieldset><legend>MFA device</legend><p class="hint">Choose the kind of device for ${esc(whose(principal))}.</p>${choices.join('')}</fieldset>
<p>${linkButton(ctx, homeOf(principal), 'Cancel')} <button type="submit" class="primary">Next</button></p></form></section>`,
  };
}

async function appPage(ctx: PageContext, e: MfaEnrolment, error?: string): Promise<Page> {
  const qr = await QRCode.toString(e.uri!, { type: 'svg', margin: 2, width: 220 });
  return {
    title: 'Set up device',
    why: 'The app and AWS share the secret in this QR code; each 30 seconds both work out the same 6-digit code from it. Two codes in a row prove the app holds it.',
    trail: trail(e.principal),
    status: error ? 400 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<section><h2>Authenticator app "${esc(e.deviceName)}" for ${esc(whose(e.principal))}</h2><ol>
<li><p>Install an authenticator app on your phone or computer: any app that supports TOTP.</p></li>
<li><p>In the app, add an account: choose "Show QR code" and scan it, or choose "Show secret key" and type the key into the app.</p>
<p><button type="button" data-reveal="qr" aria-expanded="false" aria-controls="qr">Show QR code</button> <button type="button" data-reveal="secret-box" aria-expanded="false" aria-controls="secret-box">Show secret key</button></p>
<div id="qr" role="img" aria-label="QR code for the authenticator app" data-revealable hidden>${qr}</div>
<p id="secret-box" data-revealable hidden>Secret key: <code id="secret">${esc(e.seed!)}</code></p></li>
<li><p>Type the code the app shows now, wait until it changes, and type the next one.</p>
<form method="post" action="${esc(ctx.link(`${PAGES.enrolment(e.token)}/app`))}">
${field('code1', 'MFA code 1', { autocomplete: 'one-time-code', attributes: 'inputmode="numeric" pattern="\\d{6}" maxlength="6" required' })}
${field('code2', 'MFA code 2', { autocomplete: 'one-time-code', attributes: 'inputmode="numeric" pattern="\\d{6}" maxlength="6" required' })}
<p>${linkButton(ctx, homeOf(e.principal), 'Cancel')} <button type="submit" class="primary">Add MFA</button></p></form></li></ol>
<p class="hint">The secret is held by this practice console in memory only, and never saved: keep it in the app, not anywhere else.</p></section>`,
  };
}

function hardwarePage(ctx: PageContext, e: MfaEnrolment, error?: string): Page {
  return {
    title: 'Set up hardware TOTP token',
    why: 'A hardware token holds its secret inside: nothing to copy from a phone. AWS knows each token by the serial number on its back.',
    trail: trail(e.principal),
    status: error ? 400 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}
<aside class="token" aria-label="Practice hardware token"><p><strong>Your practice token</strong> (a stand-in for a real one: the practice console lends it)</p>
<p>Serial number on its back: <code id="token-serial">${esc(e.tokenSerial!)}</code></p>
<p>Its display: <output id="token-code" aria-live="polite" data-src="${esc(ctx.link(`/mfa/token/${e.tokenSerial!}`))}">${esc(tokenCode(ctx, e.tokenSerial!) ?? '')}</output></p></aside>
<section><form method="post" action="${esc(ctx.link(`${PAGES.enrolment(e.token)}/hardware`))}">
${field('serial', 'Serial number', { hint: 'The serial number on the back of the token.', autocomplete: 'off', attributes: 'required' })}
${field('code1', 'MFA code 1', { hint: 'Press the token\'s button and type the code it shows.', autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' })}
${field('code2', 'MFA code 2', { hint: 'Wait 30 seconds, press the button again and type the next code.', autocomplete: 'one-time-code', attributes: 'inputmode="numeric" required' })}
<p>${linkButton(ctx, homeOf(e.principal), 'Cancel')} <button type="submit" class="primary">Add MFA</button></p></form></section>`,
  };
}

function passkeyPage(ctx: PageContext, e: MfaEnrolment, origin: string, error?: string): Page {
  const options = creationOptions({ challenge: e.challenge!, userHandle: e.userHandle!, userName: e.deviceName, displayName: whose(e.principal) });
  const onIp = /^http:\/\/\d+\.\d+\.\d+\.\d+(:\d+)?$/.test(origin);
  const hidden = ['credentialId', 'clientDataJSON', 'publicKey', 'algorithm'].map((n) => `<input type="hidden" name="${n}">`).join('');
  return {
    title: 'Set up passkey or security key',
    why: 'A passkey or security key signs each sign-in for this site only, so a fake sign-in page gets nothing it can use. Nothing secret leaves the device.',
    trail: trail(e.principal),
    status: error ? 400 : 200,
    body: `${error ? `<p class="flash error" role="alert">${esc(error)}</p>` : ''}<section><h2>Passkey or security key "${esc(e.deviceName)}" for ${esc(whose(e.principal))}</h2>
<p>Your browser now asks you to create a passkey, or to touch your security key. Follow its prompts.</p>
<p id="webauthn-status" role="status">${onIp ? '' : 'Waiting for the browser…'}</p>
${onIp ? '' : `<script type="application/json" id="webauthn-options">${JSON.stringify({ mode: 'create', options }).replace(/</g, '\\u003c')}</script><script src="${esc(ctx.link(PAGES.webauthnScript))}" defer></script>`}
<form id="webauthn-form" method="post" action="${esc(ctx.link(`${PAGES.enrolment(e.token)}/passkey`))}">${hidden}</form>
<div id="webauthn-fallback"${onIp ? '' : ' hidden'}>
${onIp ? `<p>Browsers offer passkeys and security keys only to a named site, not to an IP address: open <a href="${esc(origin.replace(/\/\/[\d.]+/, '//localhost'))}${esc(ctx.link(PAGES.enrolment(e.token)))}">this page at localhost</a> instead, or use the stand-in.</p>` : '<p><button type="button" id="webauthn-retry">Try again</button></p>'}
<p>Without a passkey or key at hand, the practice console has a stand-in: it registers a simulated security key, clearly marked as one. On AWS there is no stand-in.</p>
${`<form method="post" action="${esc(ctx.link(`${PAGES.enrolment(e.token)}/passkey`))}"><input type="hidden" name="standIn" value="1"><button type="submit">Use the practice stand-in key</button></form>`}
</div>
<p>${linkButton(ctx, homeOf(e.principal), 'Cancel')}</p></section>`,
  };
}

async function enrolmentPage(ctx: PageContext, e: MfaEnrolment, origin: string, error?: string): Promise<Page> {
  if (e.type === 'virtual') return appPage(ctx, e, error);
  if (e.type === 'hardware') return hardwarePage(ctx, e, error);
  return passkeyPage(ctx, e, origin, error);
}

/** The code a simulated token shows now, as a person reads it off its display. */
function tokenCode(ctx: PageContext, serial: string): string | undefined {
  const seed = ctx.actions.tokenSeed(serial);
  return seed && codeNow(seed, ctx.now);
}

const codeNow = (seed: string, now: Date) => codeAt(seed, timeStep(now.getTime()));

function assigned(e: MfaEnrolment, ctx: PageContext): Reply {
  const count = ctx.account.mfaDevicesOf(e.principal).length;
  const flash: Flash = {
    kind: 'success',
    text:
      `Assigned the MFA device "${e.deviceName}" (${MFA_TYPE_NAMES[e.type]}) to ${whose(e.principal)}. ` +
      `Signing in as ${whose(e.principal)} now takes it as well as the password${count === 1 ? '; a second device would keep a lost one from locking you out' : ''}. ` +
      "The terminal's next check will see it.",
  };
  return { redirect: homeOf(e.principal), flash };
}

async function start(req: ConsoleRequest): Promise<Reply> {
  const principal = req.form.principal ?? ROOT;
  const deviceName = (req.form.deviceName ?? '').trim();
  const type = req.form.type;
  const problem = MFA_DEVICE_NAME.check(deviceName);
  const error = problem
    ? `Device name ${problem}.`
    : type !== 'virtual' && type !== 'fido' && type !== 'hardware'
      ? 'Choose an MFA device: a passkey or security key, an authenticator app, or a hardware TOTP token.'
      : type === 'virtual' && req.account.state.mfaDevices.some((d) => d.serialNumber.endsWith(`:mfa/${deviceName}`))
        ? `A device named "${deviceName}" exists already: choose another name.`
        : undefined;
  if (error) return { page: choosePage(req, req.actions.owner(principal), { deviceName, type }, error) };
  const enrolment = req.actions.beginMfa(principal, deviceName, type as MfaType);
  return { redirect: PAGES.enrolment(enrolment.token) };
}

/** Two codes as AWS takes them: 6 digits each (EnableMFADevice's authenticationCodeType). */
function codesProblem(code1: string, code2: string): string | undefined {
  const problem = MFA_CODE.check(code1) ?? MFA_CODE.check(code2);
  return problem && `An MFA code ${problem}.`;
}

async function finishApp(req: ConsoleRequest): Promise<Reply> {
  const e = req.actions.enrolment(req.params[0]!);
  const [code1, code2] = [(req.form.code1 ?? '').trim(), (req.form.code2 ?? '').trim()];
  const malformed = codesProblem(code1, code2);
  if (malformed) return { page: await appPage(req, e, malformed) };
  try {
    req.actions.finishAppMfa(e.token, code1, code2);
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'InvalidAuthenticationCode') throw error;
    return { page: await appPage(req, e, explainRejectedCodes(e.seed!, code1, code2, req.now.getTime())) };
  }
  return assigned(e, req);
}

function finishHardware(req: ConsoleRequest): Reply {
  const e = req.actions.enrolment(req.params[0]!);
  const [serial, code1, code2] = [(req.form.serial ?? '').trim(), (req.form.code1 ?? '').trim(), (req.form.code2 ?? '').trim()];
  const malformed = MFA_SERIAL_NUMBER.check(serial) ? `Serial number ${MFA_SERIAL_NUMBER.check(serial)}.` : codesProblem(code1, code2);
  if (malformed) return { page: hardwarePage(req, e, malformed) };
  try {
    req.actions.finishHardwareMfa(e.token, serial, code1, code2);
  } catch (error) {
    if (!(error instanceof ServiceError) || !['InvalidAuthenticationCode', 'NoSuchEntity'].includes(error.code)) throw error;
    const text =
      error.code === 'NoSuchEntity'
        ? `No token with the serial number ${serial} is known: type the serial number from the back of the token.`
        : 'Those are not two consecutive codes from this token: type the code it shows, wait for the next one, and type that too.';
    return { page: hardwarePage(req, e, text) };
  }
  return assigned(e, req);
}

async function finishPasskey(req: ConsoleRequest): Promise<Reply> {
  const e = req.actions.enrolment(req.params[0]!);
  if (req.form.standIn === '1') {
    req.actions.finishFidoMfa(e.token);
    return assigned(e, req);
  }
  try {
    req.actions.finishFidoMfa(e.token, verifyRegistration(req.form, e.challenge!, req.origin));
  } catch (error) {
    if (!(error instanceof WebAuthnProblem)) throw error;
    return { page: passkeyPage(req, e, req.origin, `The key was not registered: ${error.message}.`) };
  }
  return assigned(e, req);
}

function tokenDisplay(req: ConsoleRequest): Reply {
  const code = tokenCode(req, req.params[0]!);
  if (code === undefined) throw new ServiceError('NoSuchEntity', 'This practice console lent no token with that serial number.', 404);
  return { file: JSON.stringify({ code }), type: 'application/json' };
}

export const routes: Route[] = [
  { method: 'GET', path: '/mfa/assign', handle: (req) => ({ page: choosePage(req, req.actions.owner(req.query.get('principal') ?? ROOT)) }) },
  { method: 'POST', path: '/mfa/assign', handle: start },
  { method: 'GET', path: /^\/mfa\/assign\/([0-9a-f]{32})$/, handle: async (req) => ({ page: await enrolmentPage(req, req.actions.enrolment(req.params[0]!), req.origin) }) },
  { method: 'POST', path: /^\/mfa\/assign\/([0-9a-f]{32})\/app$/, handle: finishApp },
  { method: 'POST', path: /^\/mfa\/assign\/([0-9a-f]{32})\/hardware$/, handle: finishHardware },
  { method: 'POST', path: /^\/mfa\/assign\/([0-9a-f]{32})\/passkey$/, handle: finishPasskey },
  { method: 'GET', path: /^\/mfa\/token\/([\w-]+)$/, handle: tokenDisplay },
];
