import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleLinks } from '../../aws/console-links.js';
import { ROOT } from '../account.js';
import type { ConsoleActions } from './actions.js';
import { IDENTITY_CENTER_PAGES, identityCenterRoutes } from './identity-center-pages.js';
import * as page from './pages.js';
import { PAGES } from './pages.js';
import { ServiceError } from '../protocols/query-protocol.js';

type Message = { kind: 'note' | 'error'; text: string };

const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

/** After a change, back to the page it was made on (POST, redirect, GET), with what happened. */
const redirect = (res: ServerResponse, to: string, message: Message) => {
  const query = new URLSearchParams({ [message.kind]: message.text });
  res.writeHead(303, { location: `${to}?${query}` });
  res.end();
};

const USER_PAGE = /^\/users\/([^/]+)$/;
const SIGN_IN_PAGE = /^\/signin\/([^/]+)$/;

/** Links to the practice console served at `url`, for the checklists: it stands in for the AWS console. */
export const practiceLinks = (url: string): ConsoleLinks => ({
  rootCredentials: `${url}${PAGES.rootCredentials}`,
  signIn: (accountOrAlias) => `${url}${PAGES.signIn(accountOrAlias)}`,
  iamUser: (userName) => `${url}${PAGES.user(userName)}`,
  identityCenter: () => `${url}${IDENTITY_CENTER_PAGES.console}`,
  accessPortal: () => `${url}${IDENTITY_CENTER_PAGES.portal}`,
});

const pageOf = (principal: string) => (principal === ROOT ? PAGES.rootCredentials : PAGES.user(principal));

/** The practice console's pages and forms. */
export async function handleConsole(actions: ConsoleActions, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const account = actions.account;
  const url = new URL(req.url ?? '/', 'http://practice');
  const path = decodeURIComponent(url.pathname);
  const form = Object.fromEntries(new URLSearchParams(body));
  const shown: Message | undefined = url.searchParams.get('error')
    ? { kind: 'error', text: url.searchParams.get('error')! }
    : url.searchParams.get('note')
      ? { kind: 'note', text: url.searchParams.get('note')! }
      : undefined;
  const user = USER_PAGE.exec(path)?.[1];
  const signIn = SIGN_IN_PAGE.exec(path)?.[1];

  try {
    const identityCenter = await identityCenterRoutes(actions, req.method ?? 'GET', path, form, shown);
    if (identityCenter) {
      return 'redirect' in identityCenter ? redirect(res, identityCenter.redirect, identityCenter.message) : html(res, identityCenter.status, identityCenter.html);
    }
    if (req.method === 'GET') {
      if (path === '/') return html(res, 200, page.homePage(account));
      if (path === PAGES.rootCredentials) return html(res, 200, page.rootCredentialsPage(account, shown));
      if (user) return html(res, 200, page.userPage(account, user, shown));
      if (signIn) return html(res, 200, page.signInPage(account, signIn, shown));
    }
    if (req.method === 'POST') {
      if (path === '/mfa/start') return html(res, 200, await page.enrolmentPage(account, actions.beginMfa(form.principal ?? ROOT)));
      if (path === '/mfa/finish') return await finishMfa(actions, res, form);
      if (path === '/access-keys/delete') {
        account.deleteAccessKey(ROOT, form.id ?? '');
        return redirect(res, PAGES.rootCredentials, { kind: 'note', text: `Deleted the access key ${form.id}.` });
      }
      if (path === '/access-keys/status') {
        const status = form.status === 'Active' ? 'Active' : 'Inactive';
        account.setAccessKeyStatus(ROOT, form.id ?? '', status);
        return redirect(res, PAGES.rootCredentials, { kind: 'note', text: `The access key ${form.id} is now ${status}; it still exists.` });
      }
      if (path === '/signing-certificates/delete') {
        account.deleteRootSigningCertificate(form.id ?? '');
        return redirect(res, PAGES.rootCredentials, { kind: 'note', text: `Deleted the signing certificate ${form.id}.` });
      }
      if (path === '/signing-certificates/status') {
        const status = form.status === 'Active' ? 'Active' : 'Inactive';
        account.setRootSigningCertificateStatus(form.id ?? '', status);
        return redirect(res, PAGES.rootCredentials, { kind: 'note', text: `The signing certificate ${form.id} is now ${status}; it still exists.` });
      }
      if (signIn) return signInForm(actions, res, signIn, form);
    }
    html(res, 404, page.layout(account, 'Not found', '<p>The practice console has no such page.</p>'));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    html(res, error.status, page.layout(account, 'That did not work', '', { kind: 'error', text: error.message }));
  }
}

async function finishMfa(actions: ConsoleActions, res: ServerResponse, form: Record<string, string>) {
  const enrolment = actions.enrolment(form.token ?? '');
  try {
    actions.finishMfa(enrolment.token, form.code1 ?? '', form.code2 ?? '');
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'InvalidAuthenticationCode') throw error;
    const text = 'Those codes are not two consecutive codes from this secret. Type the current code, wait for the next one, and type it too.';
    return html(res, 400, await page.enrolmentPage(actions.account, enrolment, text));
  }
  redirect(res, pageOf(enrolment.principal), { kind: 'note', text: `MFA device ${enrolment.deviceName} assigned.` });
}

function signInForm(actions: ConsoleActions, res: ServerResponse, target: string, form: Record<string, string>) {
  const account = actions.account;
  const { user = '', password = '', newPassword } = form;
  try {
    if (account.signIn(user, password, newPassword) === 'new-password-required') {
      return html(res, 200, page.newPasswordPage(account, target, account.user(user).name, password));
    }
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.code === 'PasswordPolicyViolation' && newPassword !== undefined) {
      return html(res, 400, page.newPasswordPage(account, target, user, password, error.message));
    }
    return html(res, 401, page.signInPage(account, target, { kind: 'error', text: 'Your user name or password is not right.' }));
  }
  html(res, 200, page.signedInPage(account, account.user(user).name));
}
