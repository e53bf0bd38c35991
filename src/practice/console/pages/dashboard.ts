import type { StatusReport } from '../../../engine/status.js';
import type { CheckStatus } from '../../../engine/types.js';
import { PAGES } from '../addresses.js';
import { accountNumber, esc, table, type Page, type PageContext } from '../html.js';
import type { Route } from '../router.js';
import { count } from '../../../wording.js';

/**
 * The IAM dashboard: its security recommendations are this wizard's own checks, one each (what
 * `status` reports, asked when the page is shown), each linking to the page that fixes it; and the
 * account-wide settings the wizard makes, so a learner sees each change land.
 */

type Check = StatusReport['checks'][number];

const LABELS: Record<CheckStatus, string> = {
  fail: 'To do',
  pass: 'Done',
  info: 'Worth knowing',
  unknown: 'Cannot tell',
  'not-applicable': 'Not applicable',
};

/** The order they are listed in: what needs doing first. */
const ORDER: CheckStatus[] = ['fail', 'unknown', 'info', 'pass', 'not-applicable'];

/** Where each check is fixed: a console page, or the wizard's own writes (the settings below). */
function whereFixed(ctx: PageContext, id: string): string {
  const target = ctx.account.state.aliases[0] ?? ctx.account.state.accountId;
  const go = (path: string, label: string) => `<a href="${esc(ctx.link(path))}">${esc(label)}</a>`;
  if (id.startsWith('root-')) return go(PAGES.rootCredentials, "Root's security credentials");
  if (id === 'admin-user') return `${go(PAGES.users, 'Users')}, or ${go(PAGES.identityCenter, 'IAM Identity Center')} for an admin there`;
  if (id === 'admin-mfa') return go(PAGES.users, 'Users');
  if (id === 'admin-sign-in') return go(PAGES.signIn(target), 'Sign in as an IAM user');
  return `the wizard sets it (see <a href="#account-settings">Account settings</a>)`;
}

function recommendation(ctx: PageContext, c: Check): string {
  const label = c.status === 'fail' && !c.required ? 'Suggested' : LABELS[c.status];
  return `<li><span class="status-${c.status}"><strong>${esc(label)}</strong></span>: ${esc(c.title)} <code>${esc(c.id)}</code>${c.required ? '' : ' (optional)'}<br>
<span class="hint">${esc(c.detail)}. Where: ${whereFixed(ctx, c.id)}.</span></li>`;
}

async function recommendations(ctx: PageContext): Promise<string> {
  const source = ctx.actions.recommendations;
  if (!source) return '<p>The recommendations appear when the practice console runs with the wizard, or with <code>practice console</code>.</p>';
  const checks = [...(await source())].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || Number(b.required) - Number(a.required));
  const open = checks.filter((c) => c.required && c.status === 'fail').length;
  const headline = open === 0 ? '<p><strong>Every required check passes: root is locked away.</strong></p>' : `<p><strong>${open} required check${open > 1 ? 's' : ''} to do.</strong></p>`;
  return `${headline}<ul class="recommendations">${checks.map((c) => recommendation(ctx, c)).join('')}</ul>`;
}

function settings(ctx: PageContext): string {
  const { aliases, passwordPolicy, alternateContacts, budgets } = ctx.account.state;
  const security = alternateContacts.find((c) => c.type === 'SECURITY');
  const rows = [
    ['Account alias', aliases[0] ?? 'none (IAM users sign in with the account ID)'],
    [
      'Password policy for IAM users',
      passwordPolicy
        ? `minimum length ${passwordPolicy.MinimumPasswordLength}, reuse prevention ${passwordPolicy.PasswordReusePrevention ?? 'none'}`
        : "none (AWS's default rules)",
    ],
    ['Security contact', security ? `${security.name} <${security.email}>, ${security.phone}` : 'none'],
    [
      'Budgets',
      budgets.length
        ? budgets.map((b) => `${b.name}: ${b.limit.amount} ${b.limit.unit} ${b.timeUnit.toLowerCase()}, ${count(b.notifications.length, 'alert')}`).join('; ')
        : 'none',
    ],
  ];
  return table('Account settings', ['Setting', 'Value'], rows.map(([k, v]) => [esc(k!), esc(v!)]));
}

async function dashboard(ctx: PageContext): Promise<Page> {
  const { accountId, aliases, users, groups } = ctx.account.state;
  const target = aliases[0] ?? accountId;
  const inUse = ctx.account.state.mfaDevices.filter((d) => d.assignedTo).length;
  const identityCenter = ctx.account.identityCenter.instance;
  return {
    title: 'IAM dashboard',
    why: 'This page sums up how safe the account is: each recommendation is one of the checks the wizard makes, and links to where it is fixed.',
    body: `<section aria-labelledby="recommendations-heading"><h2 id="recommendations-heading">Security recommendations</h2>${await recommendations(ctx)}</section>
<section aria-labelledby="account-heading"><h2 id="account-heading">AWS account</h2>
${table('AWS account', ['Account ID', 'Account alias', 'Sign-in URL for IAM users in this account'], [
  [esc(accountNumber(accountId)), esc(aliases[0] ?? 'none'), `<a href="${esc(ctx.link(PAGES.signIn(target)))}">${esc(PAGES.signIn(target))}</a>`],
])}</section>
<section aria-labelledby="resources-heading"><h2 id="resources-heading">IAM resources</h2>
<p><a href="${esc(ctx.link(PAGES.users))}">Users: ${users.length}</a> · Groups: ${groups.length} · MFA devices in use: ${inUse}</p>
<p><a href="${esc(ctx.link(PAGES.identityCenter))}">IAM Identity Center</a>: ${esc(identityCenter ? `enabled in ${identityCenter.region}` : 'not enabled')} · <a href="${esc(ctx.link(PAGES.portal))}">AWS access portal</a> (its users sign in there)</p></section>
<section id="account-settings" aria-labelledby="settings-heading"><h2 id="settings-heading">Account settings</h2>${settings(ctx)}</section>`,
  };
}

export const routes: Route[] = [{ method: 'GET', path: PAGES.home, handle: async (req) => ({ page: await dashboard(req) }) }];
