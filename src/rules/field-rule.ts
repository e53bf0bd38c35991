import { AWS_MODELS, type ModelRule } from './aws-models.generated.js';
import { javaRegExp, patternAlphabet } from './java-regex.js';

/**
 * One field this program sends to AWS, checked by the rule of AWS's API model for it (length,
 * pattern, enum), plus any rule AWS documents elsewhere or this program adds, each with its source.
 */

type Services = typeof AWS_MODELS.services;
export type Service = keyof Services;
export type Member<S extends Service> = keyof Services[S]['members'] & string;

/** A rule beyond the model's: what it says, where it comes from, and the check. */
export interface ExtraRule {
  /** A documentation page, or "aws-root-lockdown" for a rule of this program's own. */
  source: string;
  problem(value: string): string | undefined;
}

export interface FieldRule {
  /** e.g. "iam CreateUserRequest.UserName (userNameType, iam/2010-05-08/service-2.json.gz)". */
  readonly source: string;
  readonly model: ModelRule;
  /** The rule in words, as a person can follow it. */
  readonly rule: string;
  readonly extra: readonly ExtraRule[];
  /** What is wrong with `value` (one clause, e.g. `has "'"`), or undefined when AWS takes it. */
  problem(value: string): string | undefined;
  /** "<problem>; <rule>", or undefined when the value is fine. */
  check(value: string): string | undefined;
}

/** The model's rule for `Structure.Member` of `service`, with where it was found. */
export function modelRule<S extends Service>(service: S, member: Member<S>): { model: ModelRule; source: string } {
  const entry = AWS_MODELS.services[service];
  const model = (entry.members as Record<string, ModelRule>)[member];
  if (!model) throw new Error(`${service} ${member} is not in src/rules/aws-models.generated.ts`);
  return { model, source: `${service} ${member} (${model.shape}, ${entry.model})` };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * AWS does not say whether lengths count UTF-16 units (Java's String.length) or code points
 * (Smithy's length trait); a value is taken only when both readings allow it.
 */
export function lengthProblem(model: Pick<ModelRule, 'min' | 'max'>, value: string): string | undefined {
  const points = [...value].length;
  if (model.min !== undefined && points < model.min) return points === 0 ? 'is empty' : `is ${points} characters long, fewer than ${model.min}`;
  if (model.max !== undefined && value.length > model.max) return `is ${points} characters long, more than ${model.max}`;
  return undefined;
}

/**
 * The constraint of a string member that `value` breaks, in the words AWS's validation errors use
 * ("Member must satisfy regular expression pattern: [\\w+=,.@-]+"), or undefined when the model takes it.
 */
export function modelViolation(model: ModelRule, value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'Member must be a well-formed string';
  if (model.min !== undefined && [...value].length < model.min) return `Member must have length greater than or equal to ${model.min}`;
  if (model.max !== undefined && value.length > model.max) return `Member must have length less than or equal to ${model.max}`;
  if (model.enum && !model.enum.includes(value)) return `Member must satisfy enum value set: [${model.enum.join(', ')}]`;
  if (model.pattern && !javaRegExp(model.pattern).test(value)) return `Member must satisfy regular expression pattern: ${model.pattern}`;
  return undefined;
}

/** The constraint of a number member that `value` breaks, in AWS's words, or undefined. */
export function numberViolation(model: ModelRule, value: number): string | undefined {
  if (model.type === 'integer' && !Number.isInteger(value)) return 'Member must be an integer';
  if (model.min !== undefined && value < model.min) return `Member must have value greater than or equal to ${model.min}`;
  if (model.max !== undefined && value > model.max) return `Member must have value less than or equal to ${model.max}`;
  return undefined;
}

/** Whether AWS's model takes `value` for a string member: what the service itself checks first. */
export const meetsModel = (model: ModelRule, value: string): boolean => modelViolation(model, value) === undefined;

/** A character as a person can read it in one line: "'" or space, tab, U+00A0. */
export function shown(char: string): string {
  const code = char.codePointAt(0)!;
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r') return 'a line break';
  if (code > 0x20 && code < 0x7f) return `"${char}"`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The characters of `value` outside `alphabet`, each once, as `has "'" and a space`. */
export function charactersOutside(alphabet: [number, number][], value: string): string | undefined {
  const outside = [...new Set([...value])].filter((c) => !alphabet.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to));
  return outside.length ? `has ${list(outside.slice(0, 4).map(shown))}${outside.length > 4 ? ' and more' : ''}` : undefined;
}

/** An alphabet in words, e.g. "letters, digits and + , - . = @ _". */
export function describeAlphabet(alphabet: [number, number][]): string {
  const has = (from: string, to = from) => alphabet.some(([a, b]) => a <= from.codePointAt(0)! && b >= to.codePointAt(0)!);
  const words: string[] = [];
  if (has('a', 'z') && has('A', 'Z')) words.push('letters');
  else if (has('a', 'z')) words.push('lowercase letters');
  else if (has('A', 'Z')) words.push('capital letters');
  if (has('0', '9')) words.push('digits');
  if (has(' ') && has('\t', '\r')) words.push('spaces');
  const covered = (c: string) => /[a-zA-Z0-9]/.test(c) || (c === ' ' && words.includes('spaces'));
  const others: string[] = [];
  for (let code = 0x21; code < 0x7f; code++) {
    const c = String.fromCharCode(code);
    if (has(c) && !covered(c)) others.push(c);
  }
  if (others.length) words.push(others.join(' '));
  if (alphabet.some(([, to]) => to > 0x7f)) words.push('characters beyond ASCII');
  return list(words);
}

export interface FieldRuleSpec<S extends Service> {
  service: S;
  member: Member<S>;
  /** The rule in words; by default "<what> are <min> to <max> of <alphabet>" from the model. */
  rule?: string;
  /** What is named, e.g. "IAM user names", for the default wording. */
  what?: string;
  /** Checked after the model's length and before its pattern. */
  extra?: ExtraRule[];
  /** Says what is wrong once the model refused a value of allowed characters and length. */
  diagnose?: (value: string) => string | undefined;
}

/** A field's rule: the model's constraint, the extra rules, and plain words for each refusal. */
export function fieldRule<S extends Service>(spec: FieldRuleSpec<S>): FieldRule {
  const { model, source } = modelRule(spec.service, spec.member);
  // Parsed on first use, not at start-up: --help and --version load these rules too.
  let alphabet: [number, number][] | undefined | null = null;
  const alphabetOf = () => (alphabet === null ? (alphabet = model.pattern ? patternAlphabet(model.pattern) : undefined) : alphabet);
  let rule = spec.rule;
  const ruleText = () => {
    if (rule === undefined) {
      const size = model.max === undefined ? `at least ${model.min ?? 0}` : model.min === model.max ? `${model.max}` : `${model.min ?? 0} to ${model.max}`;
      const chars = alphabetOf();
      rule = `${spec.what} are ${size} ${chars ? `of ${describeAlphabet(chars)}` : 'characters'}`;
    }
    return rule;
  };
  const extra = spec.extra ?? [];
  const problem = (value: string): string | undefined => {
    if (LONE_SURROGATE.test(value)) return 'has a broken character (half of a surrogate pair)';
    const length = lengthProblem(model, value);
    if (length) return length;
    for (const check of extra) {
      const found = check.problem(value);
      if (found) return found;
    }
    if (model.enum && !model.enum.includes(value)) return `is not one of ${model.enum.join(', ')}`;
    if (!model.pattern || javaRegExp(model.pattern).test(value)) return undefined;
    const chars = alphabetOf();
    return (chars && charactersOutside(chars, value)) ?? spec.diagnose?.(value) ?? `does not match the pattern ${model.pattern}`;
  };
  return {
    source,
    model,
    get rule() {
      return ruleText();
    },
    extra,
    problem,
    check(value) {
      const found = problem(value);
      return found && `${found}; ${ruleText()}`;
    },
  };
}
