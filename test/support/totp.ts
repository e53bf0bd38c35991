import { createHmac } from 'node:crypto';

// A second, independent RFC 6238 implementation, so the tests do not grade the product with its own code.

function fromBase32(seed: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of seed.replace(/=/g, '')) {
    buffer = (buffer << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The 6-digit code an authenticator app shows for `seed` at `timeMs`. */
export function totp(seed: string, timeMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeUInt32BE(Math.floor(timeMs / 1000 / 30), 4);
  const mac = createHmac('sha1', fromBase32(seed)).update(counter).digest();
  const at = mac[19]! & 0xf;
  const code = ((mac[at]! & 0x7f) << 24) | (mac[at + 1]! << 16) | (mac[at + 2]! << 8) | mac[at + 3]!;
  return (code % 1e6).toString().padStart(6, '0');
}

/** As AWS checks an enrolment: two codes from consecutive 30-second steps near now. */
export function consecutiveNear(seed: string, code1: string, code2: string, nowMs: number): boolean {
  for (let step = -2; step <= 1; step++) {
    const t = nowMs + step * 30_000;
    if (totp(seed, t) === code1 && totp(seed, t + 30_000) === code2) return true;
  }
  return false;
}

/**
 * The key the QR screen shows to type by hand, in groups of four, read off the screen's text
 * (beside the code, under it, or on the screen that says the window is too short).
 */
export function keyShown(text: string): string {
  const start = Math.max(text.lastIndexOf('Cannot scan it?'), text.lastIndexOf('Or add the account by hand'));
  const end = text.indexOf('Then type two codes', start);
  const part = text.slice(start, end < 0 ? undefined : end);
  return (part.match(/(?<![A-Za-z0-9])[A-Z2-7]{4}(?![A-Za-z0-9])/g) ?? []).join('');
}
