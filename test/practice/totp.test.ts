import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areConsecutiveCodes, base32Decode, base32Encode, codeAt, newTotpSecret, timeStep, twoConsecutiveCodes } from '../../src/practice/totp.js';

describe('TOTP (RFC 6238: SHA-1, 30 s, 6 digits)', () => {
  it('matches the RFC 6238 test vectors (the last 6 of their 8 digits)', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(codeAt(secret, timeStep(59_000))).toBe('287082');
    expect(codeAt(secret, timeStep(1_111_111_109_000))).toBe('081804');
    expect(codeAt(secret, timeStep(1_234_567_890_000))).toBe('005924');
    expect(codeAt(secret, timeStep(2_000_000_000_000))).toBe('279037');
  });

  it('base32 round-trips any bytes', () => {
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
