import { describe, expect, it } from 'vitest';
import { generatePassword, passwordProblem } from '../src/password.js';

describe('generatePassword', () => {
  it('meets the strictest policy, at the policy length or 20', () => {
    const strict = {
      MinimumPasswordLength: 32,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    };
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(strict);
      expect(password).toHaveLength(32);
      expect(passwordProblem(password, strict)).toBeUndefined();
      expect(passwordProblem(generatePassword(undefined), undefined)).toBeUndefined();
    }
    expect(generatePassword(undefined)).toHaveLength(20);
  });

  it('never repeats itself', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword(undefined)));
    expect(seen.size).toBe(100);
  });
});

describe('passwordProblem', () => {
  it('applies AWS default rules when there is no policy', () => {
    expect(passwordProblem('Short1!', undefined)).toBe('must be at least 8 characters');
    expect(passwordProblem('alllowercase', undefined)).toBe('needs three of: lowercase, uppercase, digits, symbols');
    expect(passwordProblem('Lower-and-UPPER', undefined)).toBeUndefined();
  });

  it('applies the account policy', () => {
    const policy = { MinimumPasswordLength: 14, RequireSymbols: true };
    expect(passwordProblem('Abcdefgh12345', policy)).toBe('must be at least 14 characters');
    expect(passwordProblem('Abcdefgh123456', policy)).toBe('needs a symbol');
    expect(passwordProblem('Abcdefgh12345!', policy)).toBeUndefined();
    expect(passwordProblem('Abcdefgh12345é', { MinimumPasswordLength: 8 })).toBe('must use printable ASCII characters only');
  });
});
