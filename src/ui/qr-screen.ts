import QRCode from 'qrcode';
import type { Note } from '../engine/ui.js';
import { lines, paragraph, rowsOf, sideBySide, widthOf } from './layout.js';
import { noteText } from './render.js';
import { style, t, Text } from './text.js';

/**
 * The screen that shows an MFA device's secret to scan: the QR code drawn with half blocks (two
 * modules a row, so a module is about square), at error correction L, the lowest: a screen is not
 * a printed label that gets scratched, and L keeps a TOTP URI at version 5 (37 modules), 20 rows.
 * Beside it where the window is wide enough, under it otherwise: the label and the secret in groups
 * of four to type by hand.
 */

/** Rows kept free under the code for the two code prompts. */
export const PROMPT_ROWS = 2;
const GAP = 3;
/** The narrowest column worth putting beside the code. */
const MIN_SIDE_WIDTH = 30;

export interface QrCode {
  /** The code's rows as a terminal shows them. */
  rows: Text;
  width: number;
}

/**
 * Draws `uri`. With colour, black on white whatever the terminal's colours (and a one-module
 * quiet zone of white); without, light modules as blocks, for the light-on-dark terminals most are.
 */
export async function drawQr(uri: string, colour: boolean): Promise<QrCode> {
  const drawn = colour
    ? await QRCode.toString(uri, { type: 'terminal', small: true, errorCorrectionLevel: 'L' })
    : await QRCode.toString(uri, { type: 'utf8', margin: 2, errorCorrectionLevel: 'L', color: { dark: '#ffffff', light: '#000000' } });
  // The QR library's output: blocks and colour codes only, no text from outside.
  const rows = Text.ours(drawn.replace(/\n(\x1b\[[0-9;]*m)*$/, '').replace(/\n+$/, ''));
  return { rows, width: Math.max(...rows.value.split('\n').map((row) => widthOf(Text.ours(row)))) };
}

/** "ABCD EFGH IJKL …": a Base32 secret in groups of four, as authenticator apps show them. */
export const grouped = (secret: string): string => secret.replace(/(.{4})(?!$)/g, '$1 ');

/** The grouped secret wrapped between groups to `width`, each line after `indent`. */
const keyLines = (secret: string, width: number, indent: number): Text => paragraph(width, ' '.repeat(indent), style.boldCyan(grouped(secret)));

export interface QrScreenParts {
  label: string;
  secret: string;
  qr: QrCode;
  /** The PRACTICE line for a width, where the account is the practice one. */
  tag?: (width: number) => Text;
}

/** The screen laid out for `width` columns: the code with the text beside it, or under it where too narrow. */
export function qrScreen({ label, secret, qr, tag: fullTag }: QrScreenParts, width: number, note?: Note): Text {
  const tag = fullTag && fullTag(width - 2 - qr.width - GAP);
  const sideWidth = width - 2 - qr.width - GAP;
  const text = (w: number, indent: number, withTag: boolean) =>
    lines(
      withTag && tag,
      withTag && tag && '',
      paragraph(w, ' '.repeat(indent), style.bold(label)),
      '',
      paragraph(w, ' '.repeat(indent), style.gray('Cannot scan it? Add the account by hand with this key:')),
      keyLines(secret, w, indent + 2),
      '',
      // A refused code is said here, in the code's place for it, so the code stays whole on the screen.
      note ? noteText(note, w, indent) : paragraph(w, ' '.repeat(indent), style.gray('Then type two codes in a row below.')),
    );
  const code = Text.ours(qr.rows.value.replace(/^/gm, '  '));
  // Beside the code, the PRACTICE line heads the text column: a row saved for the prompts.
  if (sideWidth >= MIN_SIDE_WIDTH) return sideBySide(code, text(sideWidth, 0, true), GAP);
  return lines(tag, text(width, 2, false), code);
}

/** Rows the screen takes with room for the prompts under it. */
export const qrScreenRows = (parts: QrScreenParts, width: number, note?: Note): number => rowsOf(qrScreen(parts, width, note), width) + PROMPT_ROWS;

/** What is shown instead where the window is too short: how many rows are needed, and the key to type. */
export function tooSmallScreen({ label, secret, tag }: QrScreenParts, width: number, needed: number, have: number): Text {
  return lines(
    tag?.(width),
    paragraph(width, '  ', style.bold(label)),
    '',
    paragraph(
      width,
      '  ',
      style.yellow(t`The QR code needs a window ${needed} rows tall; this one has ${have}. Make it taller and the code appears here.`),
    ),
    '',
    paragraph(width, '  ', t`Or add the account by hand with this key, then press Enter:`),
    keyLines(secret, width, 4),
  );
}
