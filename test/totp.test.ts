import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areConsecutiveCodes, base32Decode, base32Encode, codeAt, explainRejectedCodes, newTotpSecret, timeStep, twoConsecutiveCodes } from '../src/totp.js';
import { totp } from './support/totp.js';

// RFC 6238 appendix B, SHA1 key "12345678901234567890", last 6 of the 8 digits.
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP (RFC 6238: SHA-1, 30 s, 6 digits)', () => {
  it('matches the RFC 6238 test vectors, in the product and in the test helper', () => {
    for (const [seconds, code] of VECTORS) {
      expect(codeAt(RFC_SEED, timeStep(seconds * 1000))).toBe(code);
      expect(totp(RFC_SEED, seconds * 1000)).toBe(code);
    }
  });

  it('explains rejected codes: wrong entry, not consecutive, clock out of sync', () => {
    const now = 1_800_000_000_000;
    const at = (ms: number) => totp(RFC_SEED, ms);
    expect(explainRejectedCodes(RFC_SEED, '000000', '111111', now)).toMatch(/do not come from this device/);
    expect(explainRejectedCodes(RFC_SEED, at(now), at(now), now)).toMatch(/must be consecutive/);
    const tenMinutesAgo = now - 600_000;
    expect(explainRejectedCodes(RFC_SEED, at(tenMinutesAgo), at(tenMinutesAgo + 30_000), now)).toMatch(/about 10 minute\(s\) out of sync/);
    expect(explainRejectedCodes(RFC_SEED, at(now), at(now + 30_000), now)).toMatch(/expired while you typed/);
  });

  it('base32 round-trips any bytes, and the RFC key encodes to its Base32 seed', () => {
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe(RFC_SEED);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('accepts two consecutive codes, and not the same code twice, the wrong order, or stale codes', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const now = Date.now();
    const [first, second] = twoConsecutiveCodes(secret, now);
    expect(areConsecutiveCodes(secret, first, second, now)).toBe(true);
    expect(areConsecutiveCodes(secret, second, first, now)).toBe(false);
    expect(areConsecutiveCodes(secret, second, second, now)).toBe(false);
    expect(areConsecutiveCodes(secret, first, second, now + 10 * 60_000)).toBe(false);
    expect(areConsecutiveCodes(newTotpSecret(), first, second, now)).toBe(false);
  });
});
