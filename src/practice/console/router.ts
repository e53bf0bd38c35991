import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../protocols/query-protocol.js';
import type { ConsoleActions } from './actions.js';
import { esc, layout, type Flash, type Page, type PageContext } from './html.js';

/**
 * The practice console's router: a registry of routes (console/pages/index.ts lists them), each a
 * method, an address and a handler that returns a page, a redirect or a file. A new console page
 * (Identity Center's, say) is one more module of routes, not an edit of a big switch.
 */

export interface ConsoleRequest extends PageContext {
  method: string;
  /** The path, decoded. */
  path: string;
  /** What a RegExp route captured, decoded. */
  params: string[];
  query: URLSearchParams;
  /** The posted form's fields (own properties only). */
  form: Record<string, string>;
  /** This console's origin as the browser reached it (http://localhost:PORT): WebAuthn checks it. */
  origin: string;
}

export type Reply =
  | { page: Page }
  /** After a change: back to a page, with what happened (POST, redirect, GET). */
  | { redirect: string; flash?: Flash }
  | { file: string; type: string };

export interface Route {
  method: 'GET' | 'POST';
  path: string | RegExp;
  handle(req: ConsoleRequest): Reply | Promise<Reply>;
}

const FLASH_KINDS = ['success', 'error', 'info'] as const;

function flashOf(query: URLSearchParams): Flash | undefined {
  const kind = FLASH_KINDS.find((k) => query.has(k));
  return kind && { kind, text: query.get(kind)! };
}

function match(route: Route, method: string, path: string): string[] | undefined {
  if (route.method !== method) return undefined;
  if (typeof route.path === 'string') return route.path === path ? [] : undefined;
  const found = route.path.exec(path);
  return found ? found.slice(1).map((p) => decodeURIComponent(p)) : undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Answers one console request from `routes`; an error AWS would give becomes a page that says it. */
export async function handleConsole(routes: Route[], actions: ConsoleActions, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://practice');
  const query = url.searchParams;
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(body)) form[key] = value;
  const ctx: PageContext = { account: actions.account, actions, now: actions.account.now(), link: (path) => path, flash: flashOf(query) };
  const request: Omit<ConsoleRequest, 'params'> = {
    ...ctx,
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query,
    form,
    origin: `http://${req.headers.host ?? 'localhost'}`,
  };
  const html = (status: number, page: Page) => send(res, status, 'text/html; charset=utf-8', layout({ ...ctx }, page));
  try {
    for (const route of routes) {
      const params = match(route, request.method, request.path);
      if (!params) continue;
      const reply = await route.handle({ ...request, params });
      if ('page' in reply) return html(reply.page.status ?? 200, reply.page);
      if ('file' in reply) return send(res, 200, reply.type, reply.file);
      const to = new URL(reply.redirect, 'http://practice');
      if (reply.flash) to.searchParams.set(reply.flash.kind, reply.flash.text);
      return send(res, 303, 'text/plain; charset=utf-8', '', { location: ctx.link(`${to.pathname}${to.search}`) });
    }
    html(404, { title: 'Not found', why: 'The practice console has only the pages the wizard sends you to.', body: `<p><a href="${esc(ctx.link('/'))}">Go to the IAM dashboard</a>.</p>`, status: 404 });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    html(error.status, {
      title: 'That did not work',
      why: 'The practice console answers as AWS would: this is the error AWS gives.',
      body: `<p class="flash error" role="alert">${esc(error.message)}</p><p><a href="${esc(ctx.link('/'))}">Go to the IAM dashboard</a>.</p>`,
      status: error.status,
    });
  }
}
