import type { PasswordPolicy } from '@aws-sdk/client-iam';
import { AWS_MODELS } from './aws-models.generated.js';
import { charactersOutside, modelRule } from './field-rule.js';
import { patternAlphabet } from './java-regex.js';

/**
 * IAM's rules for a console password: the model's passwordType (which characters, how long), and
 * the account's password policy, whose character classes IAM's model documents
 * (UpdateAccountPasswordPolicy: "A to Z", "a to z", "0 to 9" and the symbols ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ').
 * Anything else (".", a space, "é") counts towards the length and towards no class.
 */

const { model: PASSWORD_MODEL } = modelRule('iam', 'CreateLoginProfileRequest.Password');
const { model: MIN_LENGTH_MODEL } = modelRule('iam', 'UpdateAccountPasswordPolicyRequest.MinimumPasswordLength');

/** The symbols an IAM password policy counts, exactly as its model documents them. */
export const IAM_SYMBOLS = AWS_MODELS.passwordClasses.symbols;

const inRange = (range: string) => (c: string) => c >= range[0]! && c <= range[2]!;
export const CLASSES = {
  lowercase: { test: inRange(AWS_MODELS.passwordClasses.lowercase), name: 'a lowercase letter (a-z)' },
  uppercase: { test: inRange(AWS_MODELS.passwordClasses.uppercase), name: 'a capital letter (A-Z)' },
  numbers: { test: inRange(AWS_MODELS.passwordClasses.numbers), name: 'a digit (0-9)' },
  symbols: { test: (c: string) => IAM_SYMBOLS.includes(c), name: `a symbol (one of ${[...IAM_SYMBOLS].join(' ')})` },
};
export type PasswordClass = keyof typeof CLASSES;
const CLASS_NAMES = Object.keys(CLASSES) as PasswordClass[];

/** What a password must meet: one account policy, AWS's default, or the strictest of several. */
export interface PasswordRule {
  minLength: number;
  /** Classes that must each appear. */
  required: PasswordClass[];
  /** How many of the four classes must appear at least (AWS's default policy: 3). */
  classesNeeded: number;
  /** Where the rule comes from, for the person: "the account's password policy". */
  from: string[];
}

/**
 * AWS's default when an account has no password policy: at least 8 characters and three of the
 * four classes (IAM User Guide, "Set an account password policy for IAM users", Default password
 * policy; AWS Security Blog, "AWS IAM introduces updated policy defaults for IAM user passwords",
 * 2020). Its third rule, not the account name or email address, cannot be checked from here.
 */
export const AWS_DEFAULT_RULE: PasswordRule = { minLength: 8, required: [], classesNeeded: 3, from: ["AWS's default password policy"] };

/** The rule of an account's policy, or AWS's default when there is none. */
export function ruleOf(policy: PasswordPolicy | undefined, from = "the account's password policy"): PasswordRule {
  if (!policy) return AWS_DEFAULT_RULE;
  const flags: Record<PasswordClass, boolean | undefined> = {
    lowercase: policy.RequireLowercaseCharacters,
    uppercase: policy.RequireUppercaseCharacters,
    numbers: policy.RequireNumbers,
    symbols: policy.RequireSymbols,
  };
  return {
    // A policy set without a length has the model's documented default.
    minLength: policy.MinimumPasswordLength ?? (MIN_LENGTH_MODEL.default as number),
    required: CLASS_NAMES.filter((c) => flags[c]),
    classesNeeded: 0,
    from: [from],
  };
}

/** A password meeting the result meets every one of `rules`. */
export function strictest(...rules: PasswordRule[]): PasswordRule {
  return {
    minLength: Math.max(...rules.map((r) => r.minLength)),
    required: CLASS_NAMES.filter((c) => rules.some((r) => r.required.includes(c))),
    classesNeeded: Math.max(...rules.map((r) => r.classesNeeded)),
    from: [...new Set(rules.flatMap((r) => r.from))],
  };
}

/**
 * The rule for a first console password: the policy in force now (AWS's default when none), and,
 * when this run then sets a stricter policy, that one too: the admin meets it at first sign-in.
 */
export function firstPasswordRule(current: PasswordPolicy | undefined, planned: PasswordPolicy | undefined): PasswordRule {
  const now = ruleOf(current);
  return planned ? strictest(now, ruleOf(planned, 'the password policy this run sets')) : now;
}

/** "at least 14 characters, with a symbol (one of ...)": the rule in words, to show before asking. */
export function describeRule(rule: PasswordRule): string {
  const parts = [`at least ${rule.minLength} characters (at most ${PASSWORD_MODEL.max})`];
  const wanted = rule.required.map((c) => CLASSES[c].name);
  if (wanted.length) parts.push(`with ${wanted.join(', ')}`);
  if (rule.classesNeeded > rule.required.length) {
    parts.push(`with ${rule.classesNeeded} of the four kinds: lowercase letters, capital letters, digits and symbols (${[...IAM_SYMBOLS].join(' ')})`);
  }
  return `${parts.join(', ')}: ${rule.from.join(' and ')}`;
}

/**
 * What is wrong with `password` under `rule`, in a few words, or undefined. It never quotes the
 * password or any character of it: the words may reach a terminal's scrollback.
 */
export function passwordProblem(password: string, rule: PasswordRule): string | undefined {
  const length = password.length;
  if (length < rule.minLength) return `has ${length} characters, fewer than ${rule.minLength}`;
  if (length > PASSWORD_MODEL.max!) return `has ${length} characters, more than ${PASSWORD_MODEL.max}`;
  if (charactersOutside(patternAlphabet(PASSWORD_MODEL.pattern!), password)) {
    return 'has a character IAM does not take in a password (it takes tab, line breaks and the characters from space to U+00FF)';
  }
  const chars = [...password];
  const present = CLASS_NAMES.filter((c) => chars.some(CLASSES[c].test));
  const missing = rule.required.find((c) => !present.includes(c));
  if (missing) return `has no ${CLASSES[missing].name.replace(/^an? /, '')}${missing === 'symbols' ? ': IAM counts no other character, not even "." or a space, as a symbol' : ''}`;
  if (present.length < rule.classesNeeded) return `has ${present.length} of the four kinds of character, not ${rule.classesNeeded}`;
  return undefined;
}
