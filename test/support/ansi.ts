// OSC (titles, links) | DCS/SOS/PM/APC | CSI (colours, cursor moves, erase) | two-byte escapes
const SEQUENCE = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-OQ-WYZ\\`-~]/;
const SEQUENCES = new RegExp(SEQUENCE.source, 'g');
const AT_START = new RegExp(SEQUENCE.source, 'y');
// What a sequence can look like before its final byte has arrived.
const PREFIX = /^\x1b(?:\][^\x07\x1b]*\x1b?|[PX^_][^\x1b]*\x1b?|\[[0-?]*[ -/]*|[ -/]*)$/;
// Remaining C0 controls (bell, backspace, stray ESC...) carry no text; keep \t, \n, \r.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

export function stripAnsi(text: string): string {
  return text
    .replace(SEQUENCES, '')
    .replace(CONTROL, '')
    .replace(/\r+\n/g, '\n')
    .replace(/\r/g, '\n'); // a bare \r redraws the line (spinners); keep the redraws apart
}

/**
 * Splits streamed terminal output into the part that can be stripped now and a
 * tail that may change meaning with the next chunk (half an escape sequence,
 * or a \r that may be the start of \r\n).
 */
export function splitIncomplete(raw: string): [complete: string, pending: string] {
  for (let i = raw.indexOf('\x1b'); i >= 0; i = raw.indexOf('\x1b', i + 1)) {
    AT_START.lastIndex = i;
    const m = AT_START.exec(raw);
    if (m) {
      i += m[0].length - 1;
      continue;
    }
    if (PREFIX.test(raw.slice(i))) return [raw.slice(0, i), raw.slice(i)];
  }
  return raw.endsWith('\r') ? [raw.slice(0, -1), '\r'] : [raw, ''];
}

/** `text` as a pattern that matches it however a terminal's width wrapped it: any run of spaces may be a line break. */
export const loosely = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+'));

export const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

/** Whether raw terminal output leaves the cursor hidden: hidden, and not shown again after. */
export const cursorLeftHidden = (raw: string) => raw.lastIndexOf(HIDE_CURSOR) > raw.lastIndexOf(SHOW_CURSOR);
