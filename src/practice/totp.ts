import { createHmac, randomBytes } from 'node:crypto';

/** Time-based one-time passwords (RFC 6238) as authenticator apps and AWS use them: SHA-1, 30 s, 6 digits. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;
/** How far back a first code may be: AWS forgives a phone clock that runs a little behind. */
const EARLIEST_STEPS_BACK = 4;

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

/** A new secret as an authenticator app takes it: 160 random bits in base32 (32 characters). */
export const newTotpSecret = () => base32Encode(randomBytes(20));

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
