import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '@aws-sdk/client-iam';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// IAM accepts any printable ASCII symbol; these survive copy-paste and shells without quoting trouble.
const SYMBOLS = '!#%+-=_@^*';
const CLASSES = [LOWER, UPPER, DIGITS, SYMBOLS];

const DEFAULT_LENGTH = 20;
/** AWS's own rules when the account has no password policy. */
const AWS_DEFAULT_MIN_LENGTH = 8;
const MAX_LENGTH = 128;

/**
 * A password that meets any password policy: every character class, at least the policy's length.
 * Ambiguous characters (l, 1, O, 0) are left out because people copy it by hand.
 */
export function generatePassword(policy: PasswordPolicy | undefined): string {
  const length = Math.max(DEFAULT_LENGTH, policy?.MinimumPasswordLength ?? 0);
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

/** The same rules IAM applies, checked before any call so a typo costs no round trip. */
export function passwordProblem(password: string, policy: PasswordPolicy | undefined): string | undefined {
  const min = policy?.MinimumPasswordLength ?? AWS_DEFAULT_MIN_LENGTH;
  if (password.length < min) return `must be at least ${min} characters`;
  if (password.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  if (!/^[\x20-\x7e]+$/.test(password)) return 'must use printable ASCII characters only';
  if (policy?.RequireLowercaseCharacters && !/[a-z]/.test(password)) return 'needs a lowercase letter';
  if (policy?.RequireUppercaseCharacters && !/[A-Z]/.test(password)) return 'needs an uppercase letter';
  if (policy?.RequireNumbers && !/[0-9]/.test(password)) return 'needs a digit';
  if (policy?.RequireSymbols && !/[^A-Za-z0-9]/.test(password)) return 'needs a symbol';
  if (!policy) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
    if (classes < 3) return 'needs three of: lowercase, uppercase, digits, symbols';
  }
  return undefined;
}
