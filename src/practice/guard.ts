import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The practice server's doors, as a local web app keeps them (issue 12). Anyone on this computer
 * can reach 127.0.0.1, and any page in the person's browser can send requests to it; so:
 *
 * - Host must be this server's own address: a page on a name that resolves here (DNS rebinding)
 *   is refused.
 * - Origin, when a browser sends one, must be this server's own: a form or a script on another
 *   origin (another port on 127.0.0.1 included) cannot act in the console.
 * - Every console request carries the run's token: in the link the wizard prints (`?token=`), and
 *   after that in a cookie only this origin's pages send (HttpOnly, SameSite=Strict). API calls
 *   carry a SigV4 signature with the session's secret instead (protocols/sigv4.ts).
 * - Bodies are read up to MAX_BODY_BYTES; a larger one is refused before it is held in memory.
 */

/** Larger than any form or API call the wizard or the console sends (IAM's largest document is 131 072 characters). */
export const MAX_BODY_BYTES = 256 * 1024;

/** A refusal at the door: the HTTP status and one line for whoever sent it. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface Guard {
  /** 128 random bits, base64url: the run's key to the console. */
  token: string;
  /** The cookie holding the token; per port, since cookies ignore ports. */
  cookieName: string;
  /** The console's origin, http://localhost:PORT (WebAuthn refuses an IP address); 127.0.0.1:PORT is answered too. */
  origin: string;
  /** The console link for `path` (which may hold a query), with the token. */
  consoleUrl(path?: string): string;
  /** Throws Refused unless Host (and Origin, when sent) name this server. For every request. */
  checkAddress(req: IncomingMessage): void;
  /** Whether a console request carries the token (query or cookie); the Set-Cookie to send when it came in the query. */
  tokenOf(req: IncomingMessage): { ok: boolean; setCookie?: string };
}

/** The doors of the server listening on 127.0.0.1:`port`. */
export function guardFor(port: number, token = randomBytes(16).toString('base64url')): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const cookieName = `practice-token-${port}`;
  const origin = `http://localhost:${port}`;
  const origins = new Set([origin, `http://127.0.0.1:${port}`]);
  return {
    token,
    cookieName,
    origin,
    consoleUrl(path = '/') {
      return `${origin}${path}${path.includes('?') ? '&' : '?'}token=${token}`;
    },
    checkAddress(req) {
      const host = req.headers.host ?? '';
      if (!hosts.has(host.toLowerCase())) throw new Refused(421, `This practice server answers only as localhost:${port} or 127.0.0.1:${port}, not as ${host || 'no host'}.`);
      const from = req.headers.origin;
      if (from !== undefined && !origins.has(from)) {
        throw new Refused(403, 'A page from another site cannot use the practice console.');
      }
      // Browsers that say where a request comes from: only this origin, or the person typing the
      // address, may change anything (a GET only shows a page, and only with the token).
      const site = req.headers['sec-fetch-site'];
      const changes = req.method !== 'GET' && req.method !== 'HEAD';
      if (changes && site !== undefined && site !== 'same-origin' && site !== 'none') {
        throw new Refused(403, 'A page from another site cannot use the practice console.');
      }
    },
    tokenOf(req) {
      const inQuery = new URL(req.url ?? '/', origin).searchParams.get('token');
      if (inQuery !== null && sameText(inQuery, token)) {
        return { ok: true, setCookie: `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` };
      }
      const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${cookieName}=`));
      return { ok: cookie !== undefined && sameText(cookie.slice(cookieName.length + 1), token) };
    },
  };
}

/**
 * The body, up to MAX_BODY_BYTES. A larger one (declared or sent) is refused with 413 as soon as
 * it is seen; what is left of it is never read into memory.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new Refused(413, `Request bodies are limited to ${limit} bytes.`);
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
