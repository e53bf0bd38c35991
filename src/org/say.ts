import type { IO } from '../io.js';
import { indented, widthFor } from '../ui/layout.js';
import type { Printable } from '../ui/text.js';

/** Writes a line (or lines) of the org command's output. */
export type Say = (text?: Printable) => void;

/**
 * The org command's way to stdout (or stderr): text made printable at this port (src/ui/text.ts)
 * and wrapped to the window as it is now, each line under its own indent, a `$ command` line whole;
 * a pipe or a file gets each line whole.
 */
export const sayer =
  (io: IO, to: 'stdout' | 'stderr' = 'stdout'): Say =>
  (text = '') =>
    void io[to].write(`${indented(widthFor(io, to), text).value}\n`);
