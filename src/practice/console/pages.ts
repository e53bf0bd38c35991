import QRCode from 'qrcode';
import { ROOT, type PracticeAccount } from '../account.js';
import type { MfaEnrolment } from './actions.js';
import { count } from '../../wording.js';

/**
 * The practice console's HTML: plain forms, no script, so it works in any browser (and a test
 * drives it by clicking). Every page says PRACTICE at the top.
 */

/** The addresses of the pages that stand in for AWS console pages (routes.ts reads them back). */
export const PAGES = {
  rootCredentials: '/security_credentials',
  user: (name: string) => `/users/${encodeURIComponent(name)}`,
  signIn: (accountOrAlias: string) => `/signin/${encodeURIComponent(accountOrAlias)}`,
};

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#16191f;background:#f2f3f3}
header{background:#232f3e;color:#fff;padding:.6rem 1.2rem}header strong{background:#ff9900;color:#000;padding:.1rem .5rem;border-radius:3px;margin-right:.6rem}
main{max-width:52rem;margin:1.2rem auto;padding:0 1rem}section{background:#fff;border:1px solid #d5dbdb;border-radius:4px;padding:.2rem 1.2rem 1rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #eaeded}
.note{background:#f1faff;border-left:4px solid #0073bb;padding:.5rem .8rem}.error{background:#fdf3f1;border-left:4px solid #d13212;padding:.5rem .8rem}
button{background:#ff9900;border:1px solid #ec7211;border-radius:2px;padding:.3rem .9rem;cursor:pointer}button.plain{background:#fff;border-color:#545b64}
code{background:#eaeded;padding:.1rem .3rem;font-size:1.05em;letter-spacing:.05em}input{padding:.3rem;margin:.2rem 0}label{display:block;margin-top:.5rem}`;

export function layout(account: PracticeAccount, title: string, body: string, message?: { kind: 'note' | 'error'; text: string }): string {
  const banner = message ? `<p class="${message.kind}" role="status">${esc(message.text)}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PRACTICE · ${esc(title)}</title><style>${STYLE}</style></head>
<body><header><strong>PRACTICE</strong>Simulated AWS console for account ${esc(account.state.accountId)} · nothing here touches a real AWS account</header>
<main><h1>${esc(title)}</h1>${banner}${body}<p><a href="/">Practice console home</a></p></main></body></html>`;
}

const post = (action: string, fields: Record<string, string>, label: string, cls = '') =>
  `<form method="post" action="${action}" style="display:inline">${Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
    .join('')}<button ${cls ? `class="${cls}"` : ''} type="submit">${esc(label)}</button></form>`;

/** What the wizard's account-wide steps set, so a learner sees each change land in the account. */
function settingsSection(account: PracticeAccount): string {
  const { aliases, passwordPolicy, alternateContacts, budgets } = account.state;
  const security = alternateContacts.find((c) => c.type === 'SECURITY');
  const rows = [
    ['Account alias', aliases[0] ?? 'none (IAM users sign in with the account id)'],
    [
      'Password policy for IAM users',
      passwordPolicy
        ? `minimum length ${passwordPolicy.MinimumPasswordLength}, reuse prevention ${passwordPolicy.PasswordReusePrevention ?? 'none'}`
        : 'none (AWS defaults)',
    ],
    ['Security contact', security ? `${security.name} <${security.email}>, ${security.phone}` : 'none'],
    [
      'Budgets',
      budgets.length
        ? budgets.map((b) => `${b.name}: ${b.limit.amount} ${b.limit.unit} ${b.timeUnit.toLowerCase()}, ${count(b.notifications.length, 'alert')}`).join('; ')
        : 'none',
    ],
  ];
  return `<section id="settings"><h2>Account settings</h2><table>${rows.map(([k, v]) => `<tr><th>${esc(k!)}</th><td>${esc(v!)}</td></tr>`).join('')}</table></section>`;
}

export function homePage(account: PracticeAccount): string {
  const users = account.state.users.map((u) => `<li><a href="${PAGES.user(u.name)}">${esc(u.name)}</a></li>`).join('');
  return layout(
    account,
    'Practice console',
    `<section><h2>Root user</h2><p><a href="${PAGES.rootCredentials}">My security credentials</a> (you are signed in as the root user)</p></section>
<section><h2>IAM users</h2>${users ? `<ul>${users}</ul>` : '<p>No IAM users yet.</p>'}</section>
<section><h2>Sign in as an IAM user</h2><p><a href="${PAGES.signIn(account.state.aliases[0] ?? account.state.accountId)}">IAM user sign-in page</a></p></section>
${settingsSection(account)}`,
  );
}

function mfaSection(account: PracticeAccount, principal: string): string {
  const devices = account.mfaDevicesOf(principal);
  const rows = devices.map((d) => `<tr><td>Authenticator app</td><td>${esc(d.serialNumber)}</td><td>${esc(d.enabled ?? '')}</td></tr>`).join('');
  return `<section id="mfa"><h2>Multi-factor authentication (MFA)</h2>
${devices.length ? `<table><tr><th>Type</th><th>Identifier</th><th>Assigned</th></tr>${rows}</table>` : '<p>No MFA devices. Assign one to improve the security of this identity.</p>'}
<p>${post('/mfa/start', { principal }, 'Assign MFA device')}</p></section>`;
}

/** One kind of root credential (access keys, signing certificates): each with Deactivate/Activate and Delete. */
interface CredentialKind {
  section: string;
  heading: string;
  /** The row's data attribute, which the browser test finds a credential by. */
  rowAttribute: string;
  /** Where its forms post: PATH/status and PATH/delete. */
  path: string;
  idLabel: string;
  none: string;
  note: string;
}

function credentialSection(kind: CredentialKind, credentials: { id: string; status: 'Active' | 'Inactive'; created: string }[]): string {
  const rows = credentials
    .map(
      (c) => `<tr ${kind.rowAttribute}="${esc(c.id)}"><td><code>${esc(c.id)}</code></td><td>${c.status}</td><td>${esc(c.created)}</td><td>
${post(`${kind.path}/status`, { id: c.id, status: c.status === 'Active' ? 'Inactive' : 'Active' }, c.status === 'Active' ? 'Deactivate' : 'Activate', 'plain')}
${post(`${kind.path}/delete`, { id: c.id }, `Delete ${c.id}`)}</td></tr>`,
    )
    .join('');
  const table = `<table><tr><th>${kind.idLabel}</th><th>Status</th><th>Created</th><th>Actions</th></tr>${rows}</table>`;
  return `<section id="${kind.section}"><h2>${kind.heading}</h2>
${credentials.length ? table : `<p>${kind.none}</p>`}
<p class="note">${kind.note}</p></section>`;
}

const ACCESS_KEYS: CredentialKind = {
  section: 'access-keys',
  heading: 'Access keys',
  rowAttribute: 'data-key',
  path: '/access-keys',
  idLabel: 'Access key ID',
  none: 'No access keys. As a best practice, root has none.',
  note: "A deactivated key still exists and still counts: delete root's keys.",
};

const SIGNING_CERTIFICATES: CredentialKind = {
  section: 'signing-certificates',
  heading: 'X.509 certificates',
  rowAttribute: 'data-certificate',
  path: '/signing-certificates',
  idLabel: 'Certificate ID',
  none: 'No X.509 certificates. As a best practice, root has none.',
  note: "A deactivated certificate still exists and can be switched back on: delete root's certificates.",
};

export function rootCredentialsPage(account: PracticeAccount, message?: { kind: 'note' | 'error'; text: string }): string {
  return layout(
    account,
    'My security credentials (root user)',
    `${mfaSection(account, ROOT)}
${credentialSection(ACCESS_KEYS, account.state.root.accessKeys)}
${credentialSection(SIGNING_CERTIFICATES, account.rootSigningCertificates)}`,
    message,
  );
}

export function userPage(account: PracticeAccount, userName: string, message?: { kind: 'note' | 'error'; text: string }): string {
  const user = account.user(userName);
  const console = user.loginProfile
    ? `Console access enabled${user.passwordLastUsed ? `, last sign-in ${esc(user.passwordLastUsed)}` : ', never signed in'}`
    : 'No console access';
  return layout(account, `IAM user ${user.name}: security credentials`, `<section><p>${console}</p></section>${mfaSection(account, user.name)}`, message);
}

export async function enrolmentPage(account: PracticeAccount, e: MfaEnrolment, error?: string): Promise<string> {
  const qr = await QRCode.toString(e.uri, { type: 'svg', margin: 2, width: 220 });
  const who = e.principal === ROOT ? 'the root user' : e.principal;
  return layout(
    account,
    `Assign an authenticator app to ${who}`,
    `<section><ol><li>Install an authenticator app on your phone (any app that supports TOTP).</li>
<li>Scan this QR code with the app, or type the secret key.</li>
<li>Type two consecutive codes: the code shown now, then wait for it to change and type the next one.</li></ol>
<div id="qr" aria-label="QR code">${qr}</div>
<p>Secret key: <code id="secret">${esc(e.seed)}</code></p>
<form method="post" action="/mfa/finish"><input type="hidden" name="token" value="${esc(e.token)}">
<p>Device name: <strong>${esc(e.deviceName)}</strong></p>
<label>MFA code 1 <input name="code1" inputmode="numeric" autocomplete="one-time-code" pattern="\\d{6}" required></label>
<label>MFA code 2 <input name="code2" inputmode="numeric" autocomplete="one-time-code" pattern="\\d{6}" required></label>
<p><button type="submit">Add MFA</button></p></form></section>`,
    error ? { kind: 'error', text: error } : undefined,
  );
}

export function signInPage(account: PracticeAccount, target: string, message?: { kind: 'note' | 'error'; text: string }): string {
  return layout(
    account,
    `Sign in as IAM user (account ${target})`,
    `<section><form method="post" action="${PAGES.signIn(target)}">
<label>IAM user name <input name="user" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<p><button type="submit">Sign in</button></p></form></section>`,
    message,
  );
}

export function newPasswordPage(account: PracticeAccount, target: string, user: string, password: string, error?: string): string {
  return layout(
    account,
    `Choose a new password for ${user}`,
    `<section><p>Your administrator requires a new password at first sign-in.</p><form method="post" action="${PAGES.signIn(target)}">
<input type="hidden" name="user" value="${esc(user)}"><input type="hidden" name="password" value="${esc(password)}">
<label>New password <input name="newPassword" type="password" autocomplete="new-password" required></label>
<p><button type="submit">Confirm password change</button></p></form></section>`,
    error ? { kind: 'error', text: error } : undefined,
  );
}

export function signedInPage(account: PracticeAccount, user: string): string {
  return layout(
    account,
    `Signed in as ${user}`,
    `<section><p>Welcome. This is where your daily work starts from now on, instead of as root.</p>
<p><a href="${PAGES.user(user)}">Your security credentials</a> (assign an MFA device next).</p></section>`,
  );
}
