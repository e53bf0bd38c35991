/**
 * AWS's API models write their patterns for java.util.regex (Budgets' BudgetName holds an inline
 * `(?i)`, which ECMAScript has no form of), and the services match the whole value against them.
 * JavaScript reads some of the same text differently: `\s` and `.` take Unicode spaces and
 * separators that Java's do not, `$` differs before a final line break. So a pattern is parsed here
 * and written out again as an ECMAScript pattern with Java's meaning, for the constructs the models
 * use; anything else is refused loudly, so a model that starts using a new construct fails the
 * tests (test/rules/java-regex.test.ts checks the result against Java itself).
 */

/** Code point ranges [from, to], sorted and apart. */
type Ranges = [number, number][];

type Node =
  | { kind: 'set'; ranges: Ranges }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'group'; look?: '=' | '!'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const MAX_CODE_POINT = 0x10ffff;

/**
 * Java's Unicode general categories (`\p{L}`, `\p{Lu}`, ...), which the identity store's patterns
 * use. JavaScript knows them by the same names; a set holds one as a point past the last code
 * point (PROPERTY_BASE + its index), written out as `\p{..}` again, and expanded to code points
 * only where a whole alphabet is wanted (patternAlphabet). Java's Unicode data can be older than
 * Node's: a character assigned since is a letter here and unassigned there.
 */
const CATEGORIES = [
  ...['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No'],
  ...['P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cn'],
];
// One past MAX_CODE_POINT + 1, so a set reaching the last code point never merges with a category.
const PROPERTY_BASE = MAX_CODE_POINT + 2;
const isProperty = (code: number) => code >= PROPERTY_BASE;
const categoryOf = (code: number) => CATEGORIES[code - PROPERTY_BASE]!;

const expanded = new Map<string, Ranges>();

/** The code points of a general category, by Node's Unicode data (computed once, on demand). */
function categoryRanges(category: string): Ranges {
  let ranges = expanded.get(category);
  if (!ranges) {
    const test = new RegExp(`^\\p{${category}}$`, 'u');
    ranges = [];
    let start = -1;
    for (let code = 0; code <= MAX_CODE_POINT + 1; code++) {
      const inside = code <= MAX_CODE_POINT && (code < 0xd800 || code > 0xdfff) && test.test(String.fromCodePoint(code));
      if (inside && start < 0) start = code;
      if (!inside && start >= 0) {
        ranges.push([start, code - 1]);
        start = -1;
      }
    }
    expanded.set(category, ranges);
  }
  return ranges;
}

function normalize(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (const [from, to] of normalize(ranges)) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const single = (c: string): [number, number] => [c.codePointAt(0)!, c.codePointAt(0)!];
const span = (from: string, to: string): [number, number] => [from.codePointAt(0)!, to.codePointAt(0)!];

/** java.util.regex.Pattern's predefined classes, without UNICODE_CHARACTER_CLASS: ASCII only. */
const WORD: Ranges = [span('a', 'z'), span('A', 'Z'), single('_'), span('0', '9')];
const DIGIT: Ranges = [span('0', '9')];
const SPACE: Ranges = [single(' '), single('\t'), single('\n'), [0x0b, 0x0b], single('\f'), single('\r')];
/** What Java's `.` leaves out without DOTALL: its line terminators. */
const LINE_TERMINATORS: Ranges = [single('\n'), single('\r'), [0x85, 0x85], [0x2028, 0x2029]];

/** Without UNICODE_CASE, Java's (?i) folds US-ASCII letters only. */
function caseless(ranges: Ranges): Ranges {
  const out: Ranges = [...ranges];
  for (const [from, to] of ranges) {
    for (let c = Math.max(from, 0x41); c <= Math.min(to, 0x7a); c++) {
      if (c <= 0x5a) out.push([c + 32, c + 32]);
      else if (c >= 0x61) out.push([c - 32, c - 32]);
    }
  }
  return normalize(out);
}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  private fail(what: string): never {
    throw new Error(`unsupported Java pattern construct ${what} at ${this.at} in ${this.source}`);
  }

  private peek = () => this.source[this.at];

  parse(): Node[][] {
    const alternatives = this.alternatives(false);
    if (this.at < this.source.length) this.fail(`"${this.peek()}"`);
    return alternatives;
  }

  /** Java's inline flags last to the end of the group they appear in, across later alternatives. */
  private alternatives(caseInsensitive: boolean): Node[][] {
    const state = { caseInsensitive };
    const alternatives: Node[][] = [this.sequence(state)];
    while (this.peek() === '|') {
      this.at++;
      alternatives.push(this.sequence(state));
    }
    return alternatives;
  }

  private sequence(state: { caseInsensitive: boolean }): Node[] {
    const nodes: Node[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      if (this.source.startsWith('(?i)', this.at)) {
        this.at += 4;
        state.caseInsensitive = true;
        continue;
      }
      const atom = this.atom(state.caseInsensitive);
      nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let bounds: [number, number] | undefined;
    if (c === '*') bounds = [0, Infinity];
    else if (c === '+') bounds = [1, Infinity];
    else if (c === '?') bounds = [0, 1];
    if (bounds) this.at++;
    else if (c === '{') {
      const found = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!found) this.fail('"{"');
      this.at += found[0].length;
      const min = Number(found[1]);
      bounds = [min, found[2] === undefined ? min : found[3] === '' ? Infinity : Number(found[3])];
    }
    if (!bounds) return node;
    if (this.peek() === '?' || this.peek() === '+') this.fail('(a lazy or possessive quantifier)');
    if (node.kind === 'start' || node.kind === 'end') this.fail('(a quantified anchor)');
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  private atom(caseInsensitive: boolean): Node {
    const c = this.source[this.at++]!;
    const set = (ranges: Ranges): Node => ({ kind: 'set', ranges: caseInsensitive ? caseless(ranges) : normalize(ranges) });
    switch (c) {
      case '^':
        return { kind: 'start' };
      case '$':
        return { kind: 'end' };
      case '.':
        return set(complement(LINE_TERMINATORS));
      case '[':
        return set(this.characterClass());
      case '(':
        return this.group(caseInsensitive);
      case '\\':
        return set(this.escape(false));
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
        return this.fail(`"${c}"`);
      default: {
        // A literal, whole code point (a surrogate pair is one character to Java too).
        const code = this.source.codePointAt(this.at - 1)!;
        if (code > 0xffff) this.at++;
        return set([[code, code]]);
      }
    }
  }

  private group(caseInsensitive: boolean): Node {
    let look: '=' | '!' | undefined;
    if (this.peek() === '?') {
      const kind = this.source[this.at + 1];
      if (kind === ':') this.at += 2;
      else if (kind === '=' || kind === '!') {
        look = kind;
        this.at += 2;
      } else this.fail('"(?"');
    }
    const alternatives = this.alternatives(caseInsensitive);
    if (this.peek() !== ')') this.fail('(an unclosed group)');
    this.at++;
    return { kind: 'group', look, alternatives };
  }

  /** After a backslash; `inClass` because a few escapes mean one thing only inside [...]. */
  private escape(inClass: boolean): Ranges {
    const c = this.source[this.at++];
    if (c === undefined) this.fail('(a trailing backslash)');
    const named: Record<string, Ranges> = {
      w: WORD,
      d: DIGIT,
      s: SPACE,
      W: complement(WORD),
      D: complement(DIGIT),
      S: complement(SPACE),
      n: [single('\n')],
      r: [single('\r')],
      t: [single('\t')],
      f: [single('\f')],
    };
    if (named[c]) return named[c]!;
    if (c === 'p') {
      const name = /^\{(\w+)\}/.exec(this.source.slice(this.at))?.[1] ?? this.fail('"\\p" without {a category}');
      const index = CATEGORIES.indexOf(name);
      if (index < 0) this.fail(`"\\p{${name}}" (only Unicode general categories are known)`);
      this.at += name.length + 2;
      return [[PROPERTY_BASE + index, PROPERTY_BASE + index]];
    }
    if (c === 'u') {
      const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.at));
      if (!hex) this.fail('"\\u"');
      this.at += 4;
      const code = parseInt(hex[0], 16);
      return [[code, code]];
    }
    // Java: a backslash before a non-alphabetic character quotes it; before a letter it is a
    // construct, and any not handled above is refused.
    if (/[A-Za-z0-9]/.test(c)) this.fail(`"\\${c}"${inClass ? ' in a class' : ''}`);
    return [single(c)];
  }

  /** One item of a class: an escape (perhaps a whole set, such as \w) or a literal code point. */
  private classItem(): Ranges {
    if (this.peek() === '\\') {
      this.at++;
      return this.escape(true);
    }
    const code = this.source.codePointAt(this.at)!;
    this.at += code > 0xffff ? 2 : 1;
    return [[code, code]];
  }

  private characterClass(): Ranges {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const ranges: Ranges = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      const c = this.peek();
      if (c === undefined) this.fail('(an unclosed class)');
      if (c === '[' || this.source.startsWith('&&', this.at)) this.fail('(a nested class or intersection)');
      let item = this.classItem();
      const isChar = (r: Ranges) => r.length === 1 && r[0]![0] === r[0]![1];
      // A range "a-z": one character, a hyphen, and one character that is not the closing bracket.
      if (this.peek() === '-' && this.source[this.at + 1] !== ']' && isChar(item)) {
        this.at++;
        const to = this.classItem();
        if (!isChar(to)) this.fail('(a range ending in a class)');
        item = [[item[0]![0], to[0]![0]]];
      }
      ranges.push(...item);
      first = false;
    }
    this.at++;
    if (negated && ranges.some(([, to]) => isProperty(to))) this.fail('(a negated class with a \\p{category})');
    return negated ? complement(ranges) : normalize(ranges);
  }
}

/**
 * `(A*B?)*` and the like, where every part is a character set that may match nothing, is just
 * `[AB]*`; written out as such it cannot backtrack without end on a value it refuses
 * (Budgets' SubscriberAddress `(.*[\n\r\t\f\ ]?)*` would, on a line separator).
 */
function simplify(node: Node): Node {
  if (node.kind === 'group') return { ...node, alternatives: node.alternatives.map((seq) => seq.map(simplify)) };
  if (node.kind !== 'repeat') return node;
  const inner = simplify(node.node);
  if (node.max === Infinity && inner.kind === 'group' && !inner.look && inner.alternatives.length === 1) {
    const parts = inner.alternatives[0]!;
    const optionalSets = parts.every((p) => p.kind === 'repeat' && p.min === 0 && p.node.kind === 'set');
    if (parts.length > 0 && optionalSets) {
      const ranges = normalize(parts.flatMap((p) => (p.kind === 'repeat' && p.node.kind === 'set' ? p.node.ranges : [])));
      return { kind: 'repeat', node: { kind: 'set', ranges }, min: 0, max: Infinity };
    }
  }
  return { ...node, node: inner };
}

const hex = (code: number) => `\\u{${code.toString(16)}}`;
const item = ([from, to]: [number, number]) => (isProperty(from) ? `\\p{${categoryOf(from)}}` : from === to ? hex(from) : `${hex(from)}-${hex(to)}`);

function emit(node: Node): string {
  switch (node.kind) {
    case 'set':
      return `[${node.ranges.flatMap(([from, to]) => (isProperty(from) ? [...Array(to - from + 1).keys()].map((i) => item([from + i, from + i])) : [item([from, to])])).join('')}]`;
    case 'start':
      return '^';
    case 'end':
      // Java's `$`: the end, or before a line terminator that ends the input, but never between \r and \n.
      return '(?=(?:\\r\\n|[\\n\\r\\u{85}\\u{2028}\\u{2029}])?$)(?<!\\r(?=\\n))';
    case 'group':
      return `(?${node.look ?? ':'}${node.alternatives.map((seq) => seq.map(emit).join('')).join('|')})`;
    case 'repeat': {
      const inner = node.node.kind === 'set' || node.node.kind === 'group' ? emit(node.node) : `(?:${emit(node.node)})`;
      const { min, max } = node;
      const quantifier =
        min === 0 && max === Infinity ? '*' : min === 1 && max === Infinity ? '+' : min === 0 && max === 1 ? '?' : max === Infinity ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`;
      return `${inner}${quantifier}`;
    }
  }
}

const compiled = new Map<string, RegExp>();

/**
 * The ECMAScript RegExp that accepts exactly the strings Java's `Pattern.matches(pattern, s)`
 * accepts (the whole value must match). Throws for constructs the translation does not know.
 */
export function javaRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    const alternatives = new Parser(pattern).parse();
    const source = alternatives.map((seq) => seq.map(simplify).map(emit).join('')).join('|');
    regExp = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(pattern, regExp);
  }
  return regExp;
}

/**
 * Every code point a value matching `pattern` can hold (the union of its character sets, outside
 * lookarounds), sorted ranges: a character outside it is refused wherever it stands.
 */
export function patternAlphabet(pattern: string): [number, number][] {
  const ranges: Ranges = [];
  const visit = (node: Node) => {
    if (node.kind === 'set') ranges.push(...node.ranges);
    else if (node.kind === 'repeat') visit(node.node);
    else if (node.kind === 'group' && !node.look) node.alternatives.flat().forEach(visit);
  };
  new Parser(pattern).parse().flat().forEach(visit);
  const properties = ranges.filter(([from]) => isProperty(from)).flatMap(([from, to]) => [...Array(to - from + 1).keys()].map((i) => categoryOf(from + i)));
  return normalize([...ranges.filter(([from]) => !isProperty(from)), ...properties.flatMap(categoryRanges)]);
}
