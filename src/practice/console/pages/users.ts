import type { ScenarioUser } from '../../scenarios/scenario.js';
import { PAGES } from '../addresses.js';
import { date, esc, table, type Page, type PageContext } from '../html.js';
import type { Route } from '../router.js';
import { mfaSection } from './mfa-section.js';

/**
 * IAM's "Users" pages: the list, and one user's page with its "Permissions" and "Security
 * credentials" tabs, as in IAM User Guide, "Assign a virtual MFA device" (IAM user, console):
 * Users, the user's name, the Security credentials tab, then Assign MFA device.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
 */

const WHY_USERS =
  'IAM users are identities inside the account that policies can limit, unlike root. Daily work belongs to one of them (or to IAM Identity Center), with MFA of its own.';

function usersPage(ctx: PageContext): Page {
  const users = ctx.account.state.users;
  const rows = users.map((u) => [
    `<a href="${esc(ctx.link(PAGES.user(u.name)))}">${esc(u.name)}</a>`,
    u.loginProfile ? 'Enabled' : 'None',
    date(ctx, u.passwordLastUsed),
    ctx.account.mfaDevicesOf(u.name).length ? `Assigned (${ctx.account.mfaDevicesOf(u.name).length})` : 'Not assigned',
    date(ctx, u.created),
  ]);
  return {
    title: 'Users',
    why: WHY_USERS,
    trail: [['IAM dashboard', PAGES.home]],
    body: `<section>${users.length ? table('IAM users', ['User name', 'Console access', 'Last console sign-in', 'MFA', 'Created'], rows) : '<p>No IAM users yet. The wizard creates your admin user.</p>'}</section>`,
  };
}

function policiesOf(ctx: PageContext, user: ScenarioUser): string[][] {
  const name = (arn: string) => `<code>${esc(ctx.account.policyName(arn))}</code>`;
  return [
    ...user.policies.map((arn) => [name(arn), 'Attached directly']),
    ...ctx.account.groupsOf(user.name).flatMap((g) => g.policies.map((arn) => [name(arn), `From the group ${esc(g.name)}`])),
  ];
}

function tabs(ctx: PageContext, user: string, current: 'permissions' | 'security_credentials'): string {
  const tab = (id: 'permissions' | 'security_credentials', label: string) =>
    `<a role="tab" id="tab-${id}" aria-selected="${id === current}" aria-controls="panel" href="${esc(ctx.link(id === 'permissions' ? PAGES.user(user) : PAGES.user(user, id)))}">${label}</a>`;
  return `<div role="tablist" aria-label="About ${esc(user)}" class="tabs">${tab('permissions', 'Permissions')}${tab('security_credentials', 'Security credentials')}</div>`;
}

function userPage(ctx: PageContext, userName: string, tab: string | null): Page {
  const user = ctx.account.user(userName);
  const current = tab === 'security_credentials' ? 'security_credentials' : 'permissions';
  const signInTarget = ctx.account.state.aliases[0] ?? ctx.account.state.accountId;
  const summary = table('Summary', ['ARN', 'Created', 'Console access', 'Last console sign-in'], [
    [`<code>${esc(ctx.account.userArn(user.name))}</code>`, date(ctx, user.created), user.loginProfile ? 'Enabled' : 'None', date(ctx, user.passwordLastUsed)],
  ]);
  const policies = policiesOf(ctx, user);
  const panel =
    current === 'permissions'
      ? `<section>${policies.length ? table('Permissions policies', ['Policy', 'How'], policies) : '<p>No policies: this user can do nothing yet.</p>'}</section>`
      : `<section aria-labelledby="sign-in-heading"><h2 id="sign-in-heading">Console sign-in</h2>
<p>${user.loginProfile ? `Console access is enabled${user.loginProfile.passwordResetRequired ? ', and a new password is required at the next sign-in' : ''}. Sign-in page: <a href="${esc(ctx.link(PAGES.signIn(signInTarget)))}">sign in as an IAM user</a>.` : 'No console access.'}</p></section>
${mfaSection(ctx, user.name)}`;
  return {
    title: user.name,
    why: `${WHY_USERS} Its MFA is on the "Security credentials" tab.`,
    trail: [
      ['IAM dashboard', PAGES.home],
      ['Users', PAGES.users],
    ],
    body: `<section>${summary}</section>${tabs(ctx, user.name, current)}<div role="tabpanel" id="panel" aria-labelledby="tab-${current}">${panel}</div>`,
  };
}

export const routes: Route[] = [
  { method: 'GET', path: PAGES.users, handle: (req) => ({ page: usersPage(req) }) },
  { method: 'GET', path: /^\/users\/([^/]+)$/, handle: (req) => ({ page: userPage(req, req.params[0]!, req.query.get('tab')) }) },
];
