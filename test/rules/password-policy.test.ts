// IAM's password rules: the model's passwordType, the policy's character classes as IAM's model
// documents them (a period is no symbol), AWS's default policy, and the strictest of several.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENERATED_SYMBOLS, generatePassword } from '../../src/password.js';
import { meetsModel, modelRule } from '../../src/rules/field-rule.js';
import {
  AWS_DEFAULT_RULE,
  describeRule,
  firstPasswordRule,
  IAM_SYMBOLS,
  passwordProblem,
  ruleOf,
  strictest,
  type PasswordRule,
} from '../../src/rules/password-policy.js';
import { strengthened } from '../../steps/password-policy.js';

const SYMBOLS_POLICY = { MinimumPasswordLength: 14, RequireSymbols: true };

describe('passwordProblem', () => {
  it('a password whose only symbol is "." has no symbol, for IAM', () => {
    expect(passwordProblem('Abcdefghijk1.234', ruleOf(SYMBOLS_POLICY))).toBe(
      'has no symbol (one of ! @ # $ % ^ & * ( ) _ + - = [ ] { } | \'): IAM counts no other character, not even "." or a space, as a symbol',
    );
    expect(passwordProblem('Abcdefghijk1!234', ruleOf(SYMBOLS_POLICY))).toBeUndefined();
    for (const symbol of IAM_SYMBOLS) expect(passwordProblem(`Abcdefghijk1${symbol}234`, ruleOf(SYMBOLS_POLICY))).toBeUndefined();
  });

  it("AWS's default without a policy: 8 characters and three of the four kinds", () => {
    expect(passwordProblem('Short1!', AWS_DEFAULT_RULE)).toBe('has 7 characters, fewer than 8');
    expect(passwordProblem('alllowercase', AWS_DEFAULT_RULE)).toBe('has 1 of the four kinds of character, not 3');
    expect(passwordProblem('lower.and.UPPER', AWS_DEFAULT_RULE)).toBe('has 2 of the four kinds of character, not 3');
    expect(passwordProblem('Lower-and-UPPER', AWS_DEFAULT_RULE)).toBeUndefined();
    expect(ruleOf(undefined)).toBe(AWS_DEFAULT_RULE);
  });

  it('a policy without a length has the documented default of 6; each required class is named', () => {
    expect(ruleOf({ RequireNumbers: true }).minLength).toBe(6);
    const all = ruleOf({ MinimumPasswordLength: 8, RequireLowercaseCharacters: true, RequireUppercaseCharacters: true, RequireNumbers: true });
    expect(passwordProblem('ABCDEFGH', all)).toBe('has no lowercase letter (a-z)');
    expect(passwordProblem('abcdefgh', all)).toBe('has no capital letter (A-Z)');
    expect(passwordProblem('abcdEFGH', all)).toBe('has no digit (0-9)');
  });

  it("takes what IAM's passwordType takes: Latin-1, tab and line breaks; never quotes the password", () => {
    const anyLength = { minLength: 1, required: [], classesNeeded: 0, from: [] } satisfies PasswordRule;
    const model = modelRule('iam', 'CreateLoginProfileRequest.Password').model;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '1', '!', '.', ' ', '\t', '\n', '\r', 'é', 'ÿ', 'Ā', '€', '\u0000', '\u007f', '😀'), maxLength: 140 }), (password) => {
        expect(passwordProblem(password, anyLength) === undefined).toBe(meetsModel(model, password));
        expect(password.length === 0 || !(passwordProblem(password, anyLength) ?? '').includes(password)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(passwordProblem('Abcdefgh12345é', ruleOf({ MinimumPasswordLength: 8 }))).toBeUndefined();
    expect(passwordProblem('Abcdefgh12345€', ruleOf({ MinimumPasswordLength: 8 }))).toBe(
      'has a character IAM does not take in a password (it takes tab, line breaks and the characters from space to U+00FF)',
    );
  });
});

describe('the rule for a first password', () => {
  it('is the stricter of the policy in force and the one this run sets: 14, not 8', () => {
    const rule = firstPasswordRule(undefined, strengthened(undefined));
    expect(rule.minLength).toBe(14);
    expect(rule.classesNeeded).toBe(3);
    expect(passwordProblem('Abcdefgh1!', rule)).toBe('has 10 characters, fewer than 14');
    expect(describeRule(rule)).toBe(
      "at least 14 characters (at most 128), with 3 of the four kinds: lowercase letters, capital letters, digits and symbols (! @ # $ % ^ & * ( ) _ + - = [ ] { } | '): AWS's default password policy and the password policy this run sets",
    );
  });

  it("keeps the account's stricter values, and is only the current policy when the run sets none", () => {
    const current = { MinimumPasswordLength: 20, RequireSymbols: true };
    expect(firstPasswordRule(current, strengthened(current))).toMatchObject({ minLength: 20, required: ['symbols'], classesNeeded: 0 });
    expect(firstPasswordRule(undefined, undefined)).toBe(AWS_DEFAULT_RULE);
  });

  it('strictest: a password meeting it meets each rule', () => {
    const policy = fc.record(
      {
        MinimumPasswordLength: fc.integer({ min: 6, max: 40 }),
        RequireSymbols: fc.boolean(),
        RequireNumbers: fc.boolean(),
        RequireUppercaseCharacters: fc.boolean(),
        RequireLowercaseCharacters: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.option(policy, { nil: undefined }), fc.option(policy, { nil: undefined }), fc.string({ unit: fc.constantFrom('a', 'B', '3', '!', '.', ' '), maxLength: 45 }), (a, b, password) => {
        const rules = [ruleOf(a), ruleOf(b)];
        const meetsStrictest = passwordProblem(password, strictest(...rules)) === undefined;
        expect(!meetsStrictest || rules.every((r) => passwordProblem(password, r) === undefined)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('generatePassword', () => {
  it("uses only symbols IAM counts, and always meets the rule, at the rule's length or 20", () => {
    for (const symbol of GENERATED_SYMBOLS) expect(IAM_SYMBOLS).toContain(symbol);
    const policy = fc.record({
      MinimumPasswordLength: fc.integer({ min: 6, max: 128 }),
      RequireSymbols: fc.boolean(),
      RequireNumbers: fc.boolean(),
      RequireUppercaseCharacters: fc.boolean(),
      RequireLowercaseCharacters: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.option(policy, { nil: undefined }), fc.boolean(), (current, setsPolicy) => {
        const rule = firstPasswordRule(current, setsPolicy ? strengthened(current) : undefined);
        const password = generatePassword(rule);
        expect(password).toHaveLength(Math.max(20, rule.minLength));
        expect(passwordProblem(password, rule)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('never repeats itself', () => {
    const seen = new Set(Array.from({ length: 100 }, () => generatePassword(AWS_DEFAULT_RULE)));
    expect(seen.size).toBe(100);
  });
});
