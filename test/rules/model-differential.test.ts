// Every validator against AWS's own constraint, on generated strings (unicode, control characters,
// line separators, lone surrogates, the edge lengths). The models' patterns are Java's: the
// reference here is java.util.regex itself, run once for the whole corpus, so the translation to
// JavaScript (src/rules/java-regex.ts) is tested as much as the validators built on it.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountAliasSchema,
  alertEmailSchema,
  contactEmailSchema,
  contactNameSchema,
  displayNameSchema,
  familyNameSchema,
  givenNameSchema,
  identityCenterUserSchema,
  mfaCodeSchema,
  phoneSchema,
  sessionHoursSchema,
  userNameSchema,
  workEmailSchema,
} from '../../src/inputs.js';
import { AWS_MODELS, type ModelRule } from '../../src/rules/aws-models.generated.js';
import { meetsModel } from '../../src/rules/field-rule.js';
import { BUDGET_NAME, SUBSCRIBER_ADDRESS, TERMINAL_CONTROLS } from '../../src/rules/fields.js';
import { javaRegExp, patternAlphabet } from '../../src/rules/java-regex.js';
import { javaMatches } from '../support/java-regex-oracle.js';

const SEED = Date.now();
const ALL_MEMBERS = Object.entries(AWS_MODELS.services).flatMap(([service, s]) =>
  Object.entries(s.members as Record<string, ModelRule>).map(([member, model]) => ({ name: `${service} ${member}`, model })),
);
const PATTERNS = [...new Set(ALL_MEMBERS.flatMap((m) => (m.model.pattern ? [m.model.pattern] : [])))];

/** Characters where Java and JavaScript part ways, and where the rules have their edges. */
const TRICKY = [
  ' ', '\t', '\n', '\r', '\u000b', '\f', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u3000', '\ufeff', '\u0000', '\u007f',
  "'", '"', ':', '\\', '/', '-', '.', '@', '&', '|', '#', '<', '>', 'é', 'ÿ', 'Ā', 'ſ', 'K', 'İ', 'ı', '😀', '\ud800', '\udc00',
];
const TOKENS = ['@', '.com', '/action/', '<script>', '</script>', '<SCRIPT>', '</sCrIpT>', '--', '\r\n', 'a', 'Z', '0', '9', '_'];

/** Near a pattern: its own characters and their neighbours, the tricky ones, and words it knows. */
function near(pattern: string) {
  const own = patternAlphabet(pattern).flatMap(([from, to]) =>
    [from, to, from - 1, to + 1, Math.floor((from + to) / 2)].filter((c) => c >= 0 && c <= 0x10ffff && (c < 0xd800 || c > 0xdfff)).map((c) => String.fromCodePoint(c)),
  );
  return fc.constantFrom(...new Set([...own, ...TRICKY, ...TOKENS]));
}

/** Strings a model's rule must decide on; short for the pattern that backtracks without end in Java. */
function corpus(model: ModelRule, runs: number): string[] {
  const pattern = model.pattern ?? '.*';
  const maxLength = pattern.includes(')*') ? 10 : 24;
  const strings = fc.oneof(
    fc.string({ unit: near(pattern), maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );
  const values = fc.sample(strings, { numRuns: runs, seed: SEED });
  // The edge lengths, of characters the pattern takes.
  const filler = [...'a1+ '].find((c) => javaRegExp(pattern).test(c.repeat(Math.max(model.min ?? 1, 1)))) ?? 'a';
  for (const n of [model.min, model.max].filter((n): n is number => n !== undefined && n < 300)) {
    for (const length of [n - 1, n, n + 1].filter((l) => l >= 0)) values.push(filler.repeat(length), `${filler.repeat(Math.max(length - 1, 0))}😀`);
  }
  return values;
}

/** AWS's verdict on a string member: Java's pattern, and the length read both ways (src/rules/field-rule.ts). */
const lengthOk = (model: ModelRule, value: string) =>
  (model.min === undefined || [...value].length >= model.min) && (model.max === undefined || value.length <= model.max);
const wellFormed = (value: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);

const EMAIL = AWS_MODELS.services.account.members['PutAlternateContactRequest.EmailAddress'].pattern;
const BUDGET = AWS_MODELS.services.budgets.members['Budget.BudgetName'].pattern;
const EXAMPLES = [
  [EMAIL, '\u00a0a@example.com'], // JavaScript's \s takes a no-break space, Java's does not
  [EMAIL, '\u000ba@example.com'], // Java's \s takes a vertical tab
  [BUDGET, 'x<ScRiPt>y</SCRIPT>z'], // (?i): Java only
  [BUDGET, 'x<ſcript>y</script>z'], // (?i) folds ASCII only: the long s is no "s"
  [BUDGET, 'monthly\n'], // $ before a final line break
  [BUDGET, 'a/action/b'],
  ['.*', '\u0085'], // Java's . refuses NEL, JavaScript's takes it
] as const;

let cases: { pattern: string; value: string }[] = [];
let java = new Map<string, boolean>();
/**
 * Code points Java (17: Unicode 13) has as unassigned and Node as assigned: newer than Java's data.
 * On them the Unicode categories (\p{L}, ...) of the identity store's patterns may differ by data,
 * not by translation, so values holding one are left out of those patterns' comparisons.
 */
let newerThanJava = new Set<number>();
const UNASSIGNED = '\\p{Cn}';
const usesCategories = (pattern: string) => pattern.includes('\\p{');
const comparable = (pattern: string, value: string) => !usesCategories(pattern) || ![...value].some((c) => newerThanJava.has(c.codePointAt(0)!));
const key = (pattern: string, value: string) => `${pattern}\u0000${value}`;
const javaSays = (pattern: string, value: string) => {
  const answer = java.get(key(pattern, value));
  if (answer === undefined) throw new Error('value not in the corpus');
  return answer;
};

beforeAll(() => {
  const byPattern = new Map<string, ModelRule>();
  for (const { model } of ALL_MEMBERS) if (model.pattern && !byPattern.has(model.pattern)) byPattern.set(model.pattern, model);
  cases = [...byPattern].flatMap(([pattern, model]) => corpus(model, 600).map((value) => ({ pattern, value })));
  cases.push(...EXAMPLES.map(([pattern, value]) => ({ pattern, value })));
  const characters = [...new Set(cases.filter((c) => usesCategories(c.pattern)).flatMap((c) => [...c.value]).filter((c) => c.codePointAt(0)! > 0x7f))];
  const answers = javaMatches([...cases, ...characters.map((value) => ({ pattern: UNASSIGNED, value }))]);
  java = new Map(cases.map((c, i) => [key(c.pattern, c.value), answers[i]!]));
  newerThanJava = new Set(
    characters.filter((c, i) => answers[cases.length + i] && !/^\p{Cn}$/u.test(c)).map((c) => c.codePointAt(0)!),
  );
}, 60_000);

describe(`the Java patterns, translated (seed ${SEED})`, () => {
  it('every pattern in the models translates', () => {
    expect(PATTERNS.length).toBeGreaterThan(10);
    for (const pattern of PATTERNS) expect(() => javaRegExp(pattern)).not.toThrow();
  });

  it('the JavaScript translation accepts exactly what java.util.regex accepts', () => {
    const wrong = cases.filter((c) => comparable(c.pattern, c.value) && javaRegExp(c.pattern).test(c.value) !== javaSays(c.pattern, c.value));
    expect(wrong.slice(0, 5).map((c) => ({ pattern: c.pattern, value: JSON.stringify(c.value), java: javaSays(c.pattern, c.value) }))).toEqual([]);
  });

  it("the known differences between the dialects are Java's way", () => {
    expect(EXAMPLES.map(([pattern, value]) => javaRegExp(pattern).test(value))).toEqual(EXAMPLES.map(([pattern, value]) => javaSays(pattern, value)));
    expect(EXAMPLES.map(([pattern, value]) => javaSays(pattern, value))).toEqual([false, true, false, true, true, false, false]);
  });

  it('constructs the translation does not know are refused, not guessed', () => {
    for (const pattern of ['\\p{Alpha}+', '\\P{L}', '[^\\p{L}]', '(?<n>a)', '[a&&b]', 'a*?', 'a++', '\\bword', '(?s).*', '[[a]]', '\\1']) {
      expect(() => javaRegExp(pattern), pattern).toThrow(/unsupported Java pattern construct/);
    }
  });
});

describe(`every input validator agrees with its model (seed ${SEED})`, () => {
  const member = <S extends keyof typeof AWS_MODELS.services>(service: S, name: string) =>
    (AWS_MODELS.services[service].members as Record<string, ModelRule>)[name]!;
  const table = [
    { name: '--admin-user', schema: userNameSchema, model: member('iam', 'CreateUserRequest.UserName') },
    { name: '--account-alias', schema: accountAliasSchema, model: member('iam', 'CreateAccountAliasRequest.AccountAlias') },
    { name: '--security-contact-name', schema: contactNameSchema, model: member('account', 'PutAlternateContactRequest.Name') },
    { name: '--security-contact-email', schema: contactEmailSchema, model: member('account', 'PutAlternateContactRequest.EmailAddress') },
    { name: '--security-contact-phone', schema: phoneSchema, model: member('account', 'PutAlternateContactRequest.PhoneNumber') },
    { name: 'MFA codes', schema: mfaCodeSchema, model: member('iam', 'EnableMFADeviceRequest.AuthenticationCode1') },
    { name: '--given-name', schema: givenNameSchema, model: member('identitystore', 'Name.GivenName') },
    { name: '--family-name', schema: familyNameSchema, model: member('identitystore', 'Name.FamilyName') },
    { name: '--display-name', schema: displayNameSchema, model: member('identitystore', 'CreateUserRequest.DisplayName') },
  ];

  it.each(table)('$name: accepted exactly when AWS would take it and a terminal would only show it; refused in one line', ({ schema, model }) => {
    // A member without a pattern (a contact's name) is only its length.
    const values = model.pattern ? cases.filter((c) => c.pattern === model.pattern && comparable(c.pattern, c.value)).map((c) => c.value) : corpus(model, 600);
    for (const value of values) {
      const aws = wellFormed(value) && lengthOk(model, value) && (!model.pattern || javaSays(model.pattern, value));
      // What a person types is printed again: nothing a terminal would obey (src/rules/fields.ts).
      const inert = TERMINAL_CONTROLS.problem(value) === undefined;
      const parsed = schema.safeParse(value);
      expect(parsed.success, JSON.stringify(value)).toBe(aws && inert);
      expect(parsed.success || !parsed.error.issues[0]!.message.includes('\n')).toBe(true);
    }
    // Of 600 per pattern, those holding a character newer than Java's data are left out: 480 to 510 stay, by the seed.
    expect(values.length).toBeGreaterThan(400);
  });

  it('--identity-center-user: what the identity store takes, less the two names its model reserves', () => {
    const model = member('identitystore', 'CreateUserRequest.UserName');
    const values = cases.filter((c) => c.pattern === model.pattern && comparable(c.pattern, c.value)).map((c) => c.value);
    for (const value of [...values, 'Administrator', 'awsadministrators']) {
      const store = wellFormed(value) && lengthOk(model, value) && javaRegExp(model.pattern!).test(value);
      const reserved = ['administrator', 'awsadministrators'].includes(value.toLowerCase());
      expect(identityCenterUserSchema.safeParse(value).success, JSON.stringify(value)).toBe(store && !reserved && TERMINAL_CONTROLS.problem(value) === undefined);
    }
    // Of 600 per pattern, those holding a character newer than Java's data are left out: 480 to 510 stay, by the seed.
    expect(values.length).toBeGreaterThan(400);
  });

  it('--admin-email: what the identity store takes, with the shape of an address (ours)', () => {
    const model = member('identitystore', 'Email.Value');
    for (const value of cases.filter((c) => c.pattern === model.pattern && comparable(c.pattern, c.value)).map((c) => c.value)) {
      const store = wellFormed(value) && lengthOk(model, value) && javaSays(model.pattern!, value);
      const emailShape = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@.\p{Cc}]+$/u.test(value);
      expect(workEmailSchema.safeParse(value).success, JSON.stringify(value)).toBe(store && emailShape && TERMINAL_CONTROLS.problem(value) === undefined);
    }
    expect(workEmailSchema.parse('jane@example.com')).toBe('jane@example.com');
  });

  it('--session-duration: whole hours from 1 to 12, sent as the model\'s ISO-8601 duration', () => {
    expect(['1', '8', '12', '08'].map((h) => sessionHoursSchema.parse(h))).toEqual(['PT1H', 'PT8H', 'PT12H', 'PT8H']);
    for (const refused of ['0', '13', '1.5', 'PT8H', '', '8h']) expect(sessionHoursSchema.safeParse(refused).success, refused).toBe(false);
    expect(sessionHoursSchema.safeParse('13').error?.issues[0]?.message).toBe('is 13 hours; a session lasts 1 to 12 hours');
  });

  it('--security-contact-name: the Account API takes control characters, the flag refuses them; 64 characters, counted both ways', () => {
    expect(meetsModel(member('account', 'PutAlternateContactRequest.Name'), 'Sec\u0007ops\u001b[31m')).toBe(true);
    expect(contactNameSchema.safeParse('Sec\u0007ops\u001b[31m').error?.issues[0]?.message).toBe(
      'has BEL (U+0007), which a terminal would obey rather than show; type the text without control characters',
    );
    expect(contactNameSchema.safeParse('Sec\u202eops').success).toBe(false);
    expect(contactNameSchema.safeParse('Zoë Sécurité 東京').success).toBe(true);
    expect(contactNameSchema.safeParse('x'.repeat(64)).success).toBe(true);
    expect(contactNameSchema.safeParse('x'.repeat(65)).success).toBe(false);
    // 33 emoji: 33 code points but 66 UTF-16 units; AWS says not which it counts, so it is refused.
    expect(contactNameSchema.safeParse('😀'.repeat(33)).success).toBe(false);
  });

  it('--alert-email: what Budgets takes, less line breaks (its API reference) and what is no email address (ours)', () => {
    const model = SUBSCRIBER_ADDRESS.model;
    const values = cases.filter((c) => c.pattern === model.pattern).map((c) => c.value);
    for (const value of values) {
      const budgets = wellFormed(value) && lengthOk(model, value) && javaSays(model.pattern!, value);
      const noLineBreak = !/[\n\r\u0085\u2028\u2029]/.test(value);
      const emailShape = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@.\p{Cc}]+$/u.test(value);
      const inert = TERMINAL_CONTROLS.problem(value) === undefined;
      expect(alertEmailSchema.safeParse(value).success, JSON.stringify(value)).toBe(budgets && noLineBreak && emailShape && inert);
      expect(SUBSCRIBER_ADDRESS.problem(value) === undefined).toBe(budgets && noLineBreak);
    }
  });

  it('budget names (the practice account checks them): exactly the model', () => {
    const model = BUDGET_NAME.model;
    for (const value of cases.filter((c) => c.pattern === model.pattern).map((c) => c.value)) {
      expect(BUDGET_NAME.problem(value) === undefined, JSON.stringify(value)).toBe(wellFormed(value) && lengthOk(model, value) && javaSays(model.pattern!, value));
    }
  });
});
