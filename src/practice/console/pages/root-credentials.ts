import { ROOT } from '../../account.js';
import { iamError } from '../../account.js';
import { PAGES } from '../addresses.js';
import { date, dialog, esc, field, linkButton, menu, menuLink, menuPost, postButton, table, type Page, type PageContext } from '../html.js';
import type { ConsoleRequest, Reply, Route } from '../router.js';
import { mfaSection } from './mfa-section.js';

/**
 * Root's "Security credentials" page: its MFA devices, and its long-lived credentials (access keys,
 * X.509 signing certificates), each with an "Actions" menu and a delete confirmed by typing its ID.
 * The flow follows IAM User Guide, "Delete access keys for the root user" (console):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html
 */

type Kind = 'access-key' | 'certificate';

interface Credential {
  id: string;
  status: 'Active' | 'Inactive';
  created: string;
  lastUsed?: string;
}

const KINDS: Record<Kind, { heading: string; idLabel: string; noun: string; none: string; why: string }> = {
  'access-key': {
    heading: 'Access keys',
    idLabel: 'Access key ID',
    noun: 'access key',
    none: 'No access keys. That is how root should be: scripts and tools use an IAM user or a role.',
    why: 'A root access key signs API calls as root, with no password and no MFA, and never expires.',
  },
  certificate: {
    heading: 'X.509 certificates',
    idLabel: 'Certificate ID',
    noun: 'signing certificate',
    none: 'No X.509 certificates. That is how root should be.',
    why: 'Whoever holds the private key of a root signing certificate can sign requests as root, with no password and no MFA.',
  },
};

function credentials(ctx: PageContext, kind: Kind): Credential[] {
  return kind === 'access-key' ? ctx.account.state.root.accessKeys : ctx.account.rootSigningCertificates;
}

function credentialSection(ctx: PageContext, kind: Kind): string {
  const k = KINDS[kind];
  const list = credentials(ctx, kind);
  const rows = list.map((c) => [
    `<code id="${kind}-${esc(c.id)}">${esc(c.id)}</code>`,
    esc(c.status),
    date(ctx, c.created),
    kind === 'access-key' ? date(ctx, c.lastUsed, 'not used') : '',
    // Each row's menu is named "Actions" and described by the ID it acts on.
    menu(`actions-${kind}-${c.id}`, 'Actions', [
      menuPost(ctx, '/credentials/status', { kind, id: c.id, status: c.status === 'Active' ? 'Inactive' : 'Active' }, c.status === 'Active' ? 'Deactivate' : 'Activate'),
      menuLink(ctx, PAGES.deleteDialog(kind, c.id), 'Delete'),
    ]).replace('aria-label="Actions"', `aria-label="Actions" aria-describedby="${kind}-${esc(c.id)}"`),
  ]);
  const headers = [k.idLabel, 'Status', 'Created', ...(kind === 'access-key' ? ['Last used'] : []), 'Actions'];
  const body = list.length
    ? table(k.heading, headers, kind === 'access-key' ? rows : rows.map((r) => [r[0]!, r[1]!, r[2]!, r[4]!]), list.map((c) => `data-${kind}="${esc(c.id)}"`))
    : `<p>${esc(k.none)}</p>`;
  const note = list.length ? `<p class="hint">${esc(k.why)} Deactivating one is not enough: it still exists, still counts, and can be switched back on. Delete it.</p>` : '';
  return `<section aria-labelledby="${kind}-heading"><h2 id="${kind}-heading">${esc(k.heading)}</h2>${body}${note}</section>`;
}

/** The delete confirmation, as AWS's: deactivate first, then type the ID to delete it. */
function deleteDialog(ctx: PageContext, kind: Kind, id: string): string {
  const k = KINDS[kind];
  const credential = credentials(ctx, kind).find((c) => c.id === id);
  if (!credential) return '';
  const active = credential.status === 'Active';
  const first = active
    ? `<p>This ${k.noun} is active. Deactivate it first: anything still using it stops working now, and you can still change your mind.</p>
<p>${postButton(ctx, '/credentials/status', { kind, id, status: 'Inactive', back: 'dialog' }, 'Deactivate')}</p>`
    : `<p>It is inactive: nothing can use it. Deleting it is permanent.</p>`;
  const confirm = active
    ? ''
    : `<form method="post" action="${esc(ctx.link('/credentials/delete'))}"><input type="hidden" name="kind" value="${kind}"><input type="hidden" name="id" value="${esc(id)}">
${field('confirm', k.idLabel, { hint: `To confirm, type the ${k.noun}'s ID: <code>${esc(id)}</code>`, autocomplete: 'off', attributes: 'required spellcheck="false"' })}
<p>${linkButton(ctx, PAGES.rootCredentials, 'Cancel')} <button type="submit" class="primary">Delete</button></p></form>`;
  return dialog('delete-dialog', `Delete ${id}?`, `${first}${confirm}${active ? `<p>${linkButton(ctx, PAGES.rootCredentials, 'Cancel')}</p>` : ''}`);
}

export function rootCredentialsPage(ctx: PageContext, query?: URLSearchParams): Page {
  const kind = query?.get('delete');
  const open = kind === 'access-key' || kind === 'certificate' ? deleteDialog(ctx, kind, query!.get('id') ?? '') : '';
  return {
    title: 'My security credentials (root user)',
    why: "Root can do anything in the account and no policy limits it. Protect its password with MFA, and give it no access keys or certificates at all: those work with no password and no MFA.",
    trail: [['IAM dashboard', PAGES.home]],
    body: `${mfaSection(ctx, ROOT)}${credentialSection(ctx, 'access-key')}${credentialSection(ctx, 'certificate')}`,
    dialog: open,
  };
}

const kindOf = (req: ConsoleRequest): Kind => {
  if (req.form.kind === 'access-key' || req.form.kind === 'certificate') return req.form.kind;
  throw iamError.validation('Unknown kind of credential.');
};

/** "Root has no access keys now" or "root still has 1": what the terminal's next check will see. */
function whatIsLeft(req: ConsoleRequest, kind: Kind): string {
  const left = credentials(req, kind).length;
  const noun = KINDS[kind].noun;
  return left === 0
    ? `Root has no ${noun}s now: the terminal's next check will see it.`
    : `Root still has ${left} ${noun}${left > 1 ? 's' : ''}: delete ${left > 1 ? 'them' : 'it'} too.`;
}

function setStatus(req: ConsoleRequest): Reply {
  const kind = kindOf(req);
  const id = req.form.id ?? '';
  const status = req.form.status === 'Active' ? 'Active' : 'Inactive';
  if (kind === 'access-key') req.account.setAccessKeyStatus(ROOT, id, status);
  else req.account.setRootSigningCertificateStatus(id, status);
  const text =
    status === 'Inactive'
      ? `Deactivated ${id}: it can no longer sign requests, but it still exists and still counts. ${req.form.back === 'dialog' ? 'Type its ID to delete it.' : 'Delete it.'}`
      : `Activated ${id}: it can sign requests as root again.`;
  return { redirect: req.form.back === 'dialog' ? PAGES.deleteDialog(kind, id) : PAGES.rootCredentials, flash: { kind: 'info', text } };
}

function remove(req: ConsoleRequest): Reply {
  const kind = kindOf(req);
  const id = req.form.id ?? '';
  const credential = credentials(req, kind).find((c) => c.id === id);
  // As the console's dialog: an active credential is deactivated first, so nothing still using it breaks unseen.
  if (credential?.status === 'Active') {
    return { redirect: PAGES.deleteDialog(kind, id), flash: { kind: 'error', text: `${id} is active: deactivate it first. Nothing was deleted.` } };
  }
  if ((req.form.confirm ?? '').trim() !== id) {
    return { redirect: PAGES.deleteDialog(kind, id), flash: { kind: 'error', text: `What you typed is not ${id}: nothing was deleted. Type the ID exactly as shown.` } };
  }
  if (kind === 'access-key') req.account.deleteAccessKey(ROOT, id);
  else req.account.deleteRootSigningCertificate(id);
  return { redirect: PAGES.rootCredentials, flash: { kind: 'success', text: `Deleted the ${KINDS[kind].noun} ${id}. ${whatIsLeft(req, kind)}` } };
}

export const routes: Route[] = [
  { method: 'GET', path: PAGES.rootCredentials, handle: (req) => ({ page: rootCredentialsPage(req, req.query) }) },
  { method: 'POST', path: '/credentials/status', handle: setStatus },
  { method: 'POST', path: '/credentials/delete', handle: remove },
];
