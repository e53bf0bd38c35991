import { createHmac, randomBytes } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps and AWS use them: HMAC-SHA1,
 * 30-second steps, 6 digits, secrets in Base32 (RFC 4648). One implementation for the whole
 * program: the admin-mfa step explains codes AWS refused, the practice account checks them.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 text (any case, spaces and padding ignored) as bytes; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new secret as an authenticator app takes it: 160 random bits in Base32 (32 characters). */
export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The 30-second step that a time (milliseconds since the epoch) falls in. */
export const timeStep = (nowMs: number) => Math.floor(nowMs / STEP_MS);

/** The code for one 30-second step (RFC 4226's dynamic truncation of an HMAC-SHA1). */
export function codeAt(secret: string, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 10 ** digits).padStart(digits, '0');
}

/** How far back a first code may be: AWS forgives a phone clock that runs a little behind. */
const EARLIEST_STEPS_BACK = 4;

/** True when the codes are those of two steps in a row, the second no later than now. */
export function areConsecutiveCodes(secret: string, first: string, second: string, nowMs: number): boolean {
  const now = timeStep(nowMs);
  for (let step = now - EARLIEST_STEPS_BACK; step < now; step++) {
    if (codeAt(secret, step) === first && codeAt(secret, step + 1) === second) return true;
  }
  return false;
}

/** Two codes that areConsecutiveCodes accepts now: what a person types after waiting for the next code. */
export const twoConsecutiveCodes = (secret: string, nowMs: number): [string, string] => {
  const now = timeStep(nowMs);
  return [codeAt(secret, now - 1), codeAt(secret, now)];
};

/** Twenty minutes either way covers a phone whose clock was never set. */
const SEARCH_STEPS = 40;

/**
 * Why AWS may have refused two codes, worked out from the seed we still hold in memory: codes
 * from another entry in the app, codes that are not consecutive, or a clock that is off.
 */
export function explainRejectedCodes(seedBase32: string, code1: string, code2: string, nowMs: number): string {
  const now = timeStep(nowMs);
  let found: number | undefined;
  for (let d = 0; d <= SEARCH_STEPS && found === undefined; d++) {
    found = [now - d, now + d].find((step) => codeAt(seedBase32, step) === code1);
  }
  if (found === undefined) {
    return 'Those codes do not come from this device. Check that you scanned the QR code above (not an older entry with the same name) and try again.';
  }
  if (codeAt(seedBase32, found + 1) !== code2) {
    return 'The two codes must be consecutive: type a code, wait until the app shows the next one, then type that one.';
  }
  const minutes = Math.round((Math.abs(found - now) * STEP_MS) / 60_000);
  if (minutes >= 1) {
    return `The codes are right but about ${minutes} minute(s) out of sync with this computer's clock. Set the phone (or this computer) to the network time, then type two new codes.`;
  }
  return 'AWS did not accept the codes, though they look right: they may have expired while you typed. Try again with the next two.';
}
