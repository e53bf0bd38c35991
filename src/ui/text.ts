import kleur from 'kleur';

/**
 * Terminal text, safe by construction: the only thing the interfaces write to a terminal. A plain
 * string becomes Text only through `printable` (every control character and every invisible
 * character that reorders or hides text shown as a `\u{…}` escape), so text from outside (what AWS
 * holds: user names, aliases, budget names, a security contact, error messages) cannot move the
 * cursor, retitle the window, write the clipboard or forge a line. Styles are added after, by the
 * functions below; the literal parts of a `t` template are this program's own and kept as they are.
 */

/**
 * C0 and C1 controls (ESC, BEL, CR, LF, DEL, CSI…), format characters (bidi embeddings, overrides
 * and isolates, zero-width spaces and joiners, the BOM) and the line and paragraph separators.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `text` with each unsafe character shown as `\u{hex}`; everything else (accents, emoji, CJK) as it was. */
export const printable = (text: string): string => text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

/** Text ready for a terminal: made printable, then styled by this module. */
export class Text {
  private constructor(readonly value: string) {}

  /** Text from a string that may come from anywhere: made printable. */
  static of(value: string | number | Text): Text {
    return value instanceof Text ? value : new Text(printable(String(value)));
  }

  /**
   * Only for what this program or its libraries generated and must keep its escapes (a QR code's
   * coloured blocks, --help): never for text that holds data.
   */
  static ours(value: string): Text {
    return new Text(value);
  }

  toString(): string {
    return this.value;
  }
}

export type Printable = string | number | Text;

/**
 * A template whose literal parts are this program's (kept, line breaks included) and whose
 * interpolated values are made printable unless they are Text already.
 */
export function t(strings: TemplateStringsArray, ...values: Printable[]): Text {
  return Text.ours(strings.reduce((out, literal, i) => out + literal + (i < values.length ? Text.of(values[i]!).value : ''), ''));
}

/** Parts joined by `separator` (this program's own words). */
export const join = (parts: readonly Printable[], separator = ''): Text => Text.ours(parts.map((p) => Text.of(p).value).join(separator));

/** Colour is decided once, by the IO object (NO_COLOR, FORCE_COLOR, a terminal): every style here follows it. */
export function useColour(on: boolean) {
  kleur.enabled = on;
}

const styled = (paint: (s: string) => string) => (value: Printable) => Text.ours(paint(Text.of(value).value));

export const style = {
  bold: styled((s) => kleur.bold(s)),
  gray: styled((s) => kleur.gray(s)),
  green: styled((s) => kleur.green(s)),
  yellow: styled((s) => kleur.yellow(s)),
  red: styled((s) => kleur.red(s)),
  cyan: styled((s) => kleur.cyan(s)),
  boldCyan: styled((s) => kleur.bold().cyan(s)),
  underline: styled((s) => kleur.underline(s)),
  /** The PRACTICE badge: black on yellow. */
  badge: styled((s) => kleur.bgYellow().black().bold(s)),
};
