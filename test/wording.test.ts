// Words that follow their numbers, dates as people read them, and "did you mean" for a mistyped name.
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/args.js';
import { ago, count, didYouMean } from '../src/wording.js';

describe('wording', () => {
  it('counts in the right number', () => {
    expect([0, 1, 2].map((n) => count(n, 'alert'))).toEqual(['0 alerts', '1 alert', '2 alerts']);
    expect(count(1, 'step')).toBe('1 step');
  });

  it('says how long ago, and the day', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(ago(now - 20 * 60_000, now)).toBe('less than an hour ago, 2026-11-30');
    expect(ago(now - 3_600_000, now)).toBe('1 hour ago, 2026-11-30');
    expect(ago(now - 5 * 3_600_000, now)).toBe('5 hours ago, 2026-11-30');
    expect(ago(now - 3 * 86_400_000, now)).toBe('3 days ago, 2026-11-27');
  });

  it('suggests the nearest name only when it is near', () => {
    expect(didYouMean('--jsn', ['--json', '--yes'])).toBe(' (did you mean --json?)');
    expect(didYouMean('--frobnicate', ['--json', '--yes'])).toBe('');
  });
});

describe('did you mean, on the command line', () => {
  it.each([
    [['--jsn'], 'unknown option --jsn (did you mean --json?)'],
    [['--dryrun'], 'unknown option --dryrun (did you mean --dry-run?)'],
    [['--admin-usr', 'x'], 'unknown option --admin-usr (did you mean --admin-user?)'],
    [['statsu'], '"statsu": unknown command (did you mean status?)'],
    [['--skip', 'root-mfaa'], '--skip root-mfaa: must be a step id (did you mean root-mfa?)'],
    [['--skip', 'billing'], /^--skip: must be a step id \(root-mfa, .*\)$/], // nothing near: the list
  ])('%j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});
