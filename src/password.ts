import { randomInt } from 'node:crypto';
import type { PasswordRule } from './rules/password-policy.js';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// Symbols IAM's password policy counts (src/rules/password-policy.ts IAM_SYMBOLS) that survive
// copy-paste and shells without quoting trouble.
export const GENERATED_SYMBOLS = '!#%+-=_@^*';
const CLASSES = [LOWER, UPPER, DIGITS, GENERATED_SYMBOLS];

const DEFAULT_LENGTH = 20;

/**
 * A password that meets `rule` (any rule: it always holds all four kinds of character), of at
 * least the rule's length and 20. Ambiguous characters (l, 1, O, 0) are left out because people
 * copy it by hand.
 */
export function generatePassword(rule: Pick<PasswordRule, 'minLength'>): string {
  const length = Math.max(DEFAULT_LENGTH, rule.minLength);
  const all = CLASSES.join('');
  const chars = CLASSES.map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const pick = (from: string) => from[randomInt(from.length)]!;
