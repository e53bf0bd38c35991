// Bad input, property-based: every flag's value is accepted exactly when IAM's (or the service's)
// rule allows it, written out here independently of the program's schemas; every rejection is one
// line naming the flag and the rule. The parser is run in-process for volume, then a sample goes
// through the real binary, where it must exit 2 without a stack trace and without one AWS call.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import { loadScenario } from '../../src/practice/scenarios/scenario-file.js';
import { runCli, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';

/** Java's \s, which AWS's patterns mean (JavaScript's also takes Unicode spaces). */
const JAVA_SPACE = '[ \\t\\n\\x0B\\f\\r]';
const wellFormed = (v: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v);

/** The rules, as AWS documents them (and, for amounts, as people type them). */
const RULES: Record<string, (v: string) => boolean> = {
  'admin-user': (v) => /^[A-Za-z0-9+=,.@_-]{1,64}$/.test(v),
  'account-alias': (v) => /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(v) && !v.includes('--'),
  'budget-amount': (v) => /^\s*\$?\s*([0-9]{1,3}(,[0-9]{3})+|[0-9]*)(\.[0-9]{1,2})?(\s*USD)?\s*$/i.test(v) && /[1-9]/.test(v.replace(/USD/i, '')),
  'security-contact-phone': (v) => v.length <= 25 && new RegExp(`^(${JAVA_SPACE}|[0-9()+-])+$`).test(v),
  // AWS's rule, and (ours, issue 12) no character a terminal would obey: C0/C1 controls, bidi controls, line separators.
  'security-contact-name': (v) => wellFormed(v) && [...v].length >= 1 && v.length <= 64 && !/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.test(v),
  region: (v) => /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/.test(v),
  profile: (v) => /^[A-Za-z0-9_+=,.@:/-]{1,128}$/.test(v),
  wait: (v) => /^[0-9]+$/.test(v) && Number(v) <= 86_400,
  'poll-interval': (v) => /^[0-9]+$/.test(v) && Number(v) >= 1 && Number(v) <= 300,
  grant: (v) => v === 'group' || v === 'direct',
  'mfa-in': (v) => v === 'terminal' || v === 'console',
};

/** Strings near each rule's edges: its alphabet, its neighbours, lengths around its limits. */
const valueFor = (flag: string) => {
  const alphabets: Record<string, string> = {
    'admin-user': 'aZ09+=,.@_- /!é',
    'account-alias': 'az09-A_ ',
    'budget-amount': '0123456789.,$-e USD',
    'security-contact-phone': '0123456789 +()-x',
    region: 'aeuswt-12 E',
    profile: 'aZ09_+=,.@:/- []',
    wait: '0123456789-. ',
    'poll-interval': '0123456789-.',
  };
  const alphabet = alphabets[flag];
  const near = alphabet ? fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 140 }) : fc.constantFrom('group', 'direct', 'terminal', 'console', 'Group', '');
  return fc.oneof(near, fc.string({ maxLength: 140 }), fc.string({ unit: 'grapheme', maxLength: 70 }));
};

/** Whether argv parses, and the message when it does not: every refusal must be a UsageError. */
function outcome(argv: string[]): { ok: boolean; message: string } {
  try {
    parseOptions(argv);
    return { ok: true, message: '' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { ok: false, message: error.message };
  }
}

/** The message of a refusal; fails the test when argv was accepted. */
function refusal(argv: string[]): string {
  const result = outcome(argv);
  expect(result, `${JSON.stringify(argv)} was accepted`).toMatchObject({ ok: false });
  return result.message;
}

describe('every flag, in-process', () => {
  it.each(Object.keys(RULES))('--%s: accepted exactly when the rule allows it; otherwise one line naming the flag', (flag) => {
    fc.assert(
      fc.property(valueFor(flag), (value) => {
        const valid = RULES[flag]!(value);
        const result = outcome([`--${flag}=${value}`]);
        expect(result.ok, `${JSON.stringify(value)}`).toBe(valid);
        // Accepted: no message. Refused: one line naming the flag, with a rule after it.
        expect(result.message).toMatch(valid ? /^$/ : new RegExp(`^--${flag}: [^\\n]{6,}$`));
      }),
      { numRuns: 2000 },
    );
  });

  it('email flags: a value without one @ between a local part and a dotted domain is refused, naming the flag', () => {
    fc.assert(
      fc.property(fc.constantFrom('alert-email', 'security-contact-email'), fc.string({ maxLength: 80 }), (flag, value) => {
        // The Account API takes spaces around an address; neither flag takes one without @ and a dotted domain.
        fc.pre(!new RegExp(`^${JAVA_SPACE}*[^@\\s]+@[^@\\s]+\\.[^@\\s]+${JAVA_SPACE}*$`).test(value));
        expect(refusal([`--${flag}=${value}`])).toMatch(new RegExp(`^--${flag}: [^\\n]+$`));
      }),
      { numRuns: 2000 },
    );
  });

  it('--skip: only step ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (value) => {
        expect(refusal([`--skip=${value}x`])).toMatch(/^--skip: must be a step id \([^\n]+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('a value that looks like a flag, given after a space: one line naming the flag', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(RULES), 'skip', 'alert-email'), fc.string({ minLength: 1, maxLength: 20 }), (flag, rest) => {
        expect(refusal([`--${flag}`, `-${rest}`])).toMatch(new RegExp(`^[^\\n]*--${flag}[^\\n]*$`));
      }),
      { numRuns: 500 },
    );
  });

  it('a lone "-" after a flag is its value (the shell convention for standard input), judged by the rule', () => {
    for (const flag of Object.keys(RULES)) {
      expect(outcome([`--${flag}`, '-']).ok, flag).toBe(RULES[flag]!('-'));
    }
  });

  it('unknown flags and stray words: one line naming them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z-]{0,20}$/), (word) => {
        fc.pre(!['yes', 'help', 'version', 'debug', 'json', 'practice', 'dry-run', 'password-stdin'].includes(word));
        expect(refusal([`--${word}-not-a-flag`])).toContain(`--${word}-not-a-flag`);
        const stray = outcome(['status', word]);
        expect(stray).toMatchObject({ ok: false, message: `unexpected argument "${word}"` });
      }),
      { numRuns: 500 },
    );
  });
});

describe('--practice-state files, in-process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'practice-state-'));

  it('any JSON that is not a scenario is refused in one line naming the field, and the file is left as it was', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ accountId: fc.jsonValue(), root: fc.jsonValue(), users: fc.jsonValue() })), (json) => {
        const path = join(dir, 'scenario.json');
        const text = JSON.stringify(json) ?? 'null';
        writeFileSync(path, text);
        // A scenario needs a 12-digit accountId and a root object: no value drawn here has both.
        expect(() => loadScenario(path)).toThrow(UsageError);
        expect(() => loadScenario(path)).toThrow(new RegExp(`^--practice-state ${path}: [^\\n]+$`));
        expect(readFileSync(path, 'utf8')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('text that is not JSON at all is refused in one line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let json = true;
        try {
          JSON.parse(text);
        } catch {
          json = false;
        }
        fc.pre(!json);
        const path = join(dir, 'broken.json');
        writeFileSync(path, text);
        expect(() => loadScenario(path)).toThrow(/^--practice-state .*: not valid JSON \([^\n]*\)$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('through the real binary', { tags: ['e2e'] }, () => {
  let account: E2EAccount;
  beforeAll(async () => {
    account = await startE2EAccount();
  }, SETUP_TIMEOUT_MS);
  afterAll(() => account?.close());

  // A sample, drawn once per run from the same generators: each binary start costs the SDK's load.
  const sample = fc.sample(
    fc.constantFrom(...Object.keys(RULES)).chain((flag) => valueFor(flag).filter((v) => !RULES[flag]!(v)).map((value) => ({ flag, value }))),
    12,
  );

  it.each(sample)('--$flag=$value: exit 2, one line naming the flag, no stack trace, no AWS call', async ({ flag, value }) => {
    account.proxy.resetCounts();
    const result = await runCli(['--yes', `--${flag}=${value}`], account.env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`--${flag}: `);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
    expect(account.proxy.count()).toBe(0);
  }, 60_000);

  it('a --practice-state file that is no scenario: exit 2, one line, the file untouched, no call anywhere', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'practice-state-')), 'lesson.json');
    const text = JSON.stringify({ accountId: 'not-twelve-digits', users: 'none' });
    writeFileSync(path, text);
    account.proxy.resetCounts();
    const result = await runCli(['--practice-state', path, '--yes'], account.env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--practice-state .*: accountId: /);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(account.proxy.count()).toBe(0);
  }, 60_000);
});
