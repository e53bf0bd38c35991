import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { hints } from '../invocation.js';
import type { IO } from '../io.js';
import { join, Text, type Printable } from './text.js';

/**
 * Text laid out for a terminal `width` columns wide, measured as the terminal measures it (wide
 * CJK and emoji take two columns, escapes none: string-width) and wrapped between words
 * (wrap-ansi). A word longer than the line (a URL, an ARN) is never broken: it starts its own line.
 * Commands are never wrapped at all, so they copy and paste whole: on a line of their own
 * (`command`), and inside a sentence too, where every command line the program handed out
 * (`hint` in src/invocation.ts) is one unbreakable unit.
 */

/** The width to lay out for where nothing wraps: a pipe or a file, read by programs and grep. */
export const NO_WRAP = 1_000_000;

/** The width to lay out for on `io`'s `stream`: the window's, or no wrapping where the stream is no terminal. */
export const widthFor = (io: Pick<IO, 'isTTY' | 'columns'>, stream: 'stdout' | 'stderr'): number => (io.isTTY[stream] ? io.columns() : NO_WRAP);

/** Never wrap into a column narrower than this, however deep the indent. */
const MIN_TEXT_WIDTH = 20;

/** Columns `text` takes on a terminal. */
export const widthOf = (text: Printable): number => stringWidth(Text.of(text).value);

const spaces = (n: number) => ' '.repeat(Math.max(0, n));

/**
 * `body` wrapped to `width`, the first line led by `lead` (an indent and a mark: "  ! ") and the
 * others indented under the body's start (a hanging indent), or by `hang` columns when given.
 */
export function paragraph(width: number, lead: Printable, body: Printable, hang?: number): Text {
  return laidOut(width, lead, body, hang, false);
}

/**
 * A table's last column: `body` as `paragraph` lays it out after `lead` (the columns before it),
 * except that a word wider than the column (an ARN) is broken after a `/` or `:` where it must,
 * each piece under the column's start, rather than run past the window's edge, where the terminal
 * would cut it anywhere (`mfa/root-de` | `vice-0`). A word with no such place is left whole.
 */
export const cell = (width: number, lead: Printable, body: Printable): Text => laidOut(width, lead, body, undefined, true);

function laidOut(width: number, lead: Printable, body: Printable, hang: number | undefined, breakLongWords: boolean): Text {
  const first = Text.of(lead).value;
  const indent = hang ?? stringWidth(first);
  // Every line fits whichever of the two indents is deeper.
  const textWidth = Math.max(MIN_TEXT_WIDTH, width - Math.max(indent, stringWidth(first)));
  let lines = wrapWhole(Text.of(body).value, textWidth).split('\n');
  if (breakLongWords) lines = lines.flatMap((line) => (stringWidth(line) > textWidth ? atSeparators(line, textWidth) : [line]));
  return Text.ours(lines.map((line, i) => (i === 0 ? first : spaces(indent)) + line).join('\n'));
}

/** `line` cut after `/` and `:` into as few rows of at most `width` columns as it allows (a piece wider stays whole). */
function atSeparators(line: string, width: number): string[] {
  const rows: string[] = [];
  for (const piece of line.split(/(?<=[/:])/)) {
    const last = rows.length - 1;
    if (last >= 0 && stringWidth(rows[last]! + piece) <= width) rows[last] += piece;
    else rows.push(piece);
  }
  return rows;
}

/**
 * `text` wrapped to `width` between words, each command line handed out (`hints()`) kept whole:
 * its spaces stand in as a character found nowhere else in `text` while wrap-ansi breaks the
 * lines (it breaks only at spaces), and are put back after.
 */
function wrapWhole(text: string, width: number): string {
  const inside = [...hints()].filter((h) => h.includes(' ') && text.includes(h));
  if (inside.length === 0) return wrapAnsi(text, width, { hard: false, trim: true });
  // A private-use character: one column wide, as a space is.
  let glue = 0xe000;
  while (text.includes(String.fromCodePoint(glue))) glue += 1;
  const space = String.fromCodePoint(glue);
  const glued = inside
    .sort((a, b) => b.length - a.length)
    .reduce((out, h) => out.split(h).join(h.replaceAll(' ', space)), text);
  return wrapAnsi(glued, width, { hard: false, trim: true }).replaceAll(space, ' ');
}

/**
 * Lines of `text` wrapped to `width`, each continuing under its own start: after its indent and its
 * mark (`• `, `✔ `, `! `, `1. `). A line that is a command (`$ …` after the indent) stays whole.
 */
export function indented(width: number, text: Printable): Text {
  const wrapped = Text.of(text)
    .value.split('\n')
    .map((line) => {
      // Styles may open before the indent or around the mark: they are part of the lead, which takes no columns.
      // The marks are • ✔ ✖, written as escapes: the bundle is kept ASCII (test/package/startup-size.test.ts).
      const lead = /^(?:\s|\x1b\[[\d;]*m)*(?:(?:[\u2022\u2714\u2716!$]|\d+\.)(?:\x1b\[[\d;]*m)* )?/.exec(line)![0];
      if (stripVTControlCharacters(lead).endsWith('$ ')) return line;
      return paragraph(width, Text.ours(lead), Text.ours(line.slice(lead.length))).value;
    });
  return Text.ours(wrapped.join('\n'));
}

/** A command on a line of its own, never wrapped: `  $ aws iam get-account-summary`. */
export const command = (indent: number, cli: Printable): Text => join([spaces(indent), '$ ', cli]);

/** Lines of text, one under the other; undefined and false leave nothing (not even a line). */
export const lines = (...parts: (Printable | undefined | false)[]): Text =>
  join(parts.filter((p): p is Printable => p !== undefined && p !== false), '\n');

/** How many terminal rows `text` takes at `width` (a line wider than the screen takes more). */
export const rowsOf = (text: Printable, width: number): number =>
  Text.of(text)
    .value.split('\n')
    .reduce((rows, line) => rows + Math.max(1, Math.ceil(stringWidth(line) / width)), 0);

/** Two blocks side by side, `gap` columns apart; the left is padded to its widest line. */
export function sideBySide(left: Text, right: Text, gap: number): Text {
  const l = left.value.split('\n');
  const r = right.value.split('\n');
  const leftWidth = Math.max(...l.map((line) => stringWidth(line)));
  const rows = Math.max(l.length, r.length);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const a = l[i] ?? '';
    const b = r[i] ?? '';
    out.push(b ? a + spaces(leftWidth - stringWidth(a) + gap) + b : a);
  }
  return Text.ours(out.join('\n'));
}
