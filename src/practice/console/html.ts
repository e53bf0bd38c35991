import type { PracticeAccount } from '../account.js';
import type { ConsoleActions } from './actions.js';
import { PAGES } from './addresses.js';
import { dateHtml } from './dates.js';

/**
 * The practice console's HTML: real, accessible controls (labels, roles, names), so a person with a
 * screen reader, and a test, find each control by the name the checklist gives it. Every page says
 * PRACTICE, why it matters, and what the terminal is waiting for.
 */

export const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** What the last action did, carried by the redirect after it (POST, redirect, GET). */
export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** What every page is drawn from. */
export interface PageContext {
  account: PracticeAccount;
  actions: ConsoleActions;
  now: Date;
  /** A console address as this request must link it (the server may add to it, e.g. a per-run token). */
  link(path: string): string;
  flash?: Flash;
}

export interface Page {
  title: string;
  /** Why this page matters, in a sentence or two: every page teaches. */
  why: string;
  /** The trail above the title, as [label, address]. */
  trail?: [string, string][];
  body: string;
  /** A dialog drawn open over the page (delete confirmations). */
  dialog?: string;
  status?: number;
}

export const date = (ctx: PageContext, iso: string | undefined, none = 'never') => (iso ? dateHtml(iso, ctx.now) : esc(none));

/** 111122223333 as the console prints it: 1111-2222-3333. */
export const accountNumber = (id: string) => id.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1-$2-$3');

/** A form that posts `fields` (hidden) to `action` with one submit button. */
export function postButton(ctx: PageContext, action: string, fields: Record<string, string>, label: string, attributes = ''): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<form method="post" action="${esc(ctx.link(action))}" class="inline">${hidden}<button type="submit" ${attributes}>${esc(label)}</button></form>`;
}

/** A link drawn as a button (a page to go to, not a change). */
export const linkButton = (ctx: PageContext, path: string, label: string, primary = false) =>
  `<a class="button${primary ? ' primary' : ''}" href="${esc(ctx.link(path))}">${esc(label)}</a>`;

/** A menu button and its items (links or, for a change, buttons of a form), named `label` for every reader. */
export function menu(id: string, label: string, items: string[], shown = label): string {
  return `<div class="menu"><button type="button" id="${id}-button" aria-haspopup="menu" aria-expanded="false" aria-controls="${id}" aria-label="${esc(label)}">${esc(shown)} <span aria-hidden="true">▾</span></button>
<ul role="menu" id="${id}" aria-labelledby="${id}-button" hidden>${items.map((item) => `<li role="none">${item}</li>`).join('')}</ul></div>`;
}

export const menuLink = (ctx: PageContext, path: string, label: string) => `<a role="menuitem" href="${esc(ctx.link(path))}">${esc(label)}</a>`;

export function menuPost(ctx: PageContext, action: string, fields: Record<string, string>, label: string): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return `<form method="post" action="${esc(ctx.link(action))}">${hidden}<button type="submit" role="menuitem">${esc(label)}</button></form>`;
}

/** A labelled text field; `hint` is read with it (aria-describedby). */
export function field(name: string, label: string, o: { type?: string; value?: string; hint?: string; autocomplete?: string; attributes?: string } = {}): string {
  const hint = o.hint ? `<span class="hint" id="${name}-hint">${o.hint}</span>` : '';
  return `<label for="${name}">${esc(label)}</label>${hint}<input id="${name}" name="${name}" type="${o.type ?? 'text'}"${o.value !== undefined ? ` value="${esc(o.value)}"` : ''}${
    o.hint ? ` aria-describedby="${name}-hint"` : ''
  }${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''} ${o.attributes ?? ''}>`;
}

/** A table with a caption (its accessible name) and a header row. */
export function table(caption: string, headers: string[], rows: string[][], attributes: string[] = []): string {
  const head = `<tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((cells, i) => `<tr ${attributes[i] ?? ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><caption class="visually-hidden">${esc(caption)}</caption>${head}${body}</table>`;
}

/** A dialog drawn open over the page, named by its heading. */
export const dialog = (id: string, title: string, body: string) =>
  `<dialog open id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${esc(title)}</h2>${body}</dialog>`;

/** The banner that links the page back to what the wizard in the terminal is waiting for. */
function terminalBanner(ctx: PageContext): string {
  const t = ctx.actions.terminal;
  if (t.kind === 'waiting') {
    const go = t.url ? ` <a href="${esc(t.url)}">Go to the page for it</a>.` : '';
    return `<strong>Your terminal is waiting for ${esc(t.waitingFor)}</strong> (step ${esc(t.stepId)}: ${esc(t.title)}). It checks every few seconds and notices what you do here.${go}`;
  }
  if (t.kind === 'done') return `The terminal saw it: <strong>${esc(t.title)}</strong>: ${esc(t.detail)}. It has moved on to the next step.`;
  if (t.kind === 'finished') return `The wizard has finished: <strong>${esc(t.summary)}</strong> Press Enter in the terminal to close this console.`;
  return `No wizard is waiting on this console. To work on the account, run <code>${esc(ctx.actions.wizardCommand)}</code> in a terminal.`;
}

/** The account menu at the top right, as in the AWS console: its name says whose account it is. */
function accountMenu(ctx: PageContext): string {
  const { accountId, aliases } = ctx.account.state;
  const target = aliases[0] ?? accountId;
  return menu('account-menu', `Account menu: root user of account ${accountNumber(accountId)}`, [
    `<span class="menu-note" role="presentation">Account ID ${accountNumber(accountId)}</span>`,
    menuLink(ctx, PAGES.home, 'Account dashboard'),
    menuLink(ctx, PAGES.rootCredentials, 'Security credentials'),
    menuLink(ctx, PAGES.signIn(target), 'Sign in as an IAM user'),
  ], `root · ${accountNumber(accountId)}`);
}

export function layout(ctx: PageContext, page: Page): string {
  const flash = ctx.flash
    ? `<div class="flash ${ctx.flash.kind}" role="${ctx.flash.kind === 'error' ? 'alert' : 'status'}">${esc(ctx.flash.text)}</div>`
    : '<div role="status"></div>';
  const trail = page.trail?.length
    ? `<nav aria-label="Breadcrumbs" class="trail"><ol>${page.trail.map(([label, path]) => `<li><a href="${esc(ctx.link(path))}">${esc(label)}</a></li>`).join('')}<li aria-current="page">${esc(page.title)}</li></ol></nav>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>PRACTICE · ${esc(page.title)}</title><link rel="stylesheet" href="${esc(ctx.link(PAGES.style))}"><script src="${esc(ctx.link(PAGES.script))}" defer></script>
<noscript><link rel="stylesheet" href="${esc(ctx.link(PAGES.noScriptStyle))}"></noscript></head>
<body><header class="top"><strong class="practice">PRACTICE</strong>
<nav aria-label="Console" class="services"><a href="${esc(ctx.link(PAGES.home))}">IAM dashboard</a><a href="${esc(ctx.link(PAGES.users))}">Users</a><a href="${esc(ctx.link(PAGES.identityCenter))}">IAM Identity Center</a></nav>
${accountMenu(ctx)}</header>
<p class="practice-note">A simulated AWS console for the practice account ${esc(accountNumber(ctx.account.state.accountId))}, on this computer only. Nothing here touches a real AWS account.</p>
<aside class="terminal" aria-label="Your terminal"><p>${terminalBanner(ctx)}</p></aside>
<main>${trail}<h1>${esc(page.title)}</h1>${flash}<p class="why"><strong>Why this matters:</strong> ${esc(page.why)}</p>
${page.body}</main>${page.dialog ?? ''}</body></html>`;
}

export const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,"Amazon Ember",Arial,sans-serif;margin:0;color:#16191f;background:#f2f3f3;font-size:15px}
header.top{display:flex;align-items:center;gap:1rem;background:#232f3e;color:#fff;padding:.5rem 1.2rem}
.practice{background:#ff9900;color:#000;padding:.1rem .5rem;border-radius:3px}
.services{display:flex;gap:1rem;flex:1}.services a{color:#fff}
.practice-note{margin:0;padding:.3rem 1.2rem;background:#fff7e6;border-bottom:1px solid #ffd591;font-size:.9em}
.terminal{background:#eaf3fe;border-bottom:1px solid #b5d6f4;padding:.1rem 1.2rem}
main{max-width:60rem;margin:1rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.6rem 0}h2{font-size:1.2rem}
section{background:#fff;border:1px solid #d5dbdb;border-radius:8px;padding:.2rem 1.2rem 1rem;margin-bottom:1rem}
.why{background:#fff;border-left:4px solid #0972d3;padding:.5rem .8rem}
.flash.success{background:#f2fcf3;border-left:4px solid #037f0c;padding:.5rem .8rem}
.flash.error{background:#fff7f7;border-left:4px solid #d91515;padding:.5rem .8rem}
.flash.info{background:#f2f8fd;border-left:4px solid #0972d3;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #eaeded;vertical-align:top}
button,.button{display:inline-block;background:#fff;color:#0972d3;border:2px solid #0972d3;border-radius:20px;padding:.25rem 1rem;font:inherit;font-weight:bold;cursor:pointer;text-decoration:none}
button.primary,.button.primary{background:#ff9900;border-color:#ff9900;color:#000}
button:disabled{opacity:.5;cursor:default}
form.inline{display:inline}
.menu{position:relative;display:inline-block}
[role=menu]{position:absolute;right:0;z-index:2;list-style:none;margin:.2rem 0;padding:.3rem 0;background:#fff;border:1px solid #d5dbdb;border-radius:6px;min-width:14rem;box-shadow:0 4px 12px rgba(0,0,0,.2)}
[role=menu] a,[role=menu] button{display:block;width:100%;text-align:left;border:0;border-radius:0;background:none;color:#16191f;font-weight:normal;padding:.35rem .9rem;text-decoration:none}
[role=menu] a:hover,[role=menu] button:hover,[role=menu] a:focus,[role=menu] button:focus{background:#f2f8fd}
.menu-note{display:block;padding:.35rem .9rem;color:#5f6b7a;font-size:.9em}
header .menu>button{color:#fff;border-color:#fff;background:none}
label{display:block;margin-top:.8rem;font-weight:bold}.hint{display:block;color:#5f6b7a;font-size:.9em}
input[type=text],input[type=password],input:not([type]){padding:.35rem;margin:.2rem 0;width:22rem;max-width:100%;border:1px solid #7d8998;border-radius:6px}
fieldset{border:0;padding:0;margin:.8rem 0}legend{font-weight:bold}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.4rem 0;padding:.6rem;border:1px solid #d5dbdb;border-radius:8px}
.choice label{margin:0}.choice .hint{font-weight:normal}
dialog{position:fixed;top:10%;max-width:36rem;border:1px solid #7d8998;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.35)}
code{background:#eaeded;padding:.1rem .3rem;letter-spacing:.03em}
.trail ol{list-style:none;padding:0;display:flex;gap:.4rem;font-size:.9em}.trail li+li:before{content:"›";margin-right:.4rem}
.tabs{display:flex;gap:1.5rem;margin:1rem 0 .5rem;border-bottom:1px solid #d5dbdb}.tabs a{padding:.4rem 0;color:#0972d3;text-decoration:none;font-weight:bold}.tabs a[aria-selected=true]{color:#16191f;border-bottom:3px solid #0972d3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.token{border:2px dashed #7d8998;border-radius:8px;padding:.6rem 1rem;background:#fafafa;display:inline-block}
.status-pass{color:#037f0c}.status-fail{color:#d91515}.status-info{color:#0972d3}.status-unknown{color:#8d6605}.status-not-applicable{color:#5f6b7a}
ul.recommendations{list-style:none;padding:0}ul.recommendations li{padding:.5rem 0;border-bottom:1px solid #eaeded}`;

/** Without script, what a menu or a "Show" button would reveal is shown from the start. */
export const NO_SCRIPT_STYLE = '[role=menu][hidden],[data-revealable][hidden]{display:block;position:static}';

/** Menus open and close; "Show QR code" and "Show secret key" reveal what they name; a practice token shows its code. */
export const SCRIPT = `document.addEventListener('DOMContentLoaded', () => {
  const menus = [...document.querySelectorAll('[aria-haspopup="menu"]')];
  const close = (b) => { b.setAttribute('aria-expanded', 'false'); document.getElementById(b.getAttribute('aria-controls')).hidden = true; };
  for (const b of menus) {
    const m = document.getElementById(b.getAttribute('aria-controls'));
    b.addEventListener('click', (e) => {
      e.stopPropagation();
      const open = b.getAttribute('aria-expanded') !== 'true';
      menus.filter((o) => o !== b).forEach(close);
      b.setAttribute('aria-expanded', String(open));
      m.hidden = !open;
      if (open) m.querySelector('[role=menuitem]')?.focus();
    });
    m.addEventListener('keydown', (e) => { if (e.key === 'Escape') { close(b); b.focus(); } });
  }
  document.addEventListener('click', () => menus.forEach(close));
  for (const b of document.querySelectorAll('[data-reveal]')) {
    b.addEventListener('click', () => { document.getElementById(b.dataset.reveal).hidden = false; b.setAttribute('aria-expanded', 'true'); });
  }
  // The practice hardware token's display: its current code, as the token would show it.
  const token = document.getElementById('token-code');
  if (token && token.dataset.src) {
    setInterval(async () => { const r = await fetch(token.dataset.src); if (r.ok) token.textContent = (await r.json()).code; }, 2000);
  }
});`;
