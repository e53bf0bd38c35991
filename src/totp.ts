import { createHmac } from 'node:crypto';

/** RFC 6238 as authenticator apps and AWS use it: HMAC-SHA1, 30-second steps, 6 digits. */
const STEP_MS = 30_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error('not Base32');
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

export const timeStep = (ms: number) => Math.floor(ms / STEP_MS);

export function totpAt(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const value = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** Twenty minutes either way covers a phone whose clock was never set. */
const SEARCH_STEPS = 40;

/**
 * Why AWS may have refused two codes, worked out from the seed we still hold in memory: codes
 * from another entry in the app, codes that are not consecutive, or a clock that is off.
 */
export function explainRejectedCodes(seedBase32: string, code1: string, code2: string, nowMs: number): string {
  const key = base32Decode(seedBase32);
  const now = timeStep(nowMs);
  let found: number | undefined;
  for (let d = 0; d <= SEARCH_STEPS && found === undefined; d++) {
    found = [now - d, now + d].find((step) => totpAt(key, step) === code1);
  }
  if (found === undefined) {
    return 'Those codes do not come from this device. Check that you scanned the QR code above (not an older entry with the same name) and try again.';
  }
  if (totpAt(key, found + 1) !== code2) {
    return 'The two codes must be consecutive: type a code, wait until the app shows the next one, then type that one.';
  }
  const minutes = Math.round((Math.abs(found - now) * STEP_MS) / 60_000);
  if (minutes >= 1) {
    return `The codes are right but about ${minutes} minute(s) out of sync with this computer's clock. Set the phone (or this computer) to the network time, then type two new codes.`;
  }
  return 'AWS did not accept the codes, though they look right: they may have expired while you typed. Try again with the next two.';
}
