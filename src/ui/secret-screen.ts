import type { IO } from '../io.js';
import { rowsOf } from './layout.js';
import type { Text } from './text.js';

const ALTERNATE_SCREEN_ON = '\x1b[?1049h';
const ALTERNATE_SCREEN_OFF = '\x1b[?1049l';
const HOME = '\x1b[H';
const ERASE_LINE = '\x1b[2K';
const at = (row: number) => `\x1b[${row};1H`;

/**
 * Where a secret is shown: the terminal's alternate screen, which keeps no scrollback. Not every
 * terminal has one (tmux with `alternate-screen off`, GNU screen by default, the Linux console
 * print it on the main screen), so the screen never relies on it: the secret is drawn from the top
 * of a screen it fits on, so it never scrolls into scrollback, and on leaving, each row is erased
 * one by one (erasing the whole display would push it into tmux's history, `scroll-on-clear`).
 * "Cleared" is said only when all of it stayed on the screen.
 */
export class SecretScreen {
  /** Rows written since the screen was last drawn from the top. */
  private used = 0;
  /** Rows this screen had when it was drawn: what must be erased. */
  private tallest = 0;
  private overflowed = false;
  private readonly onExit = () => this.io.stdout.write(this.erase() + ALTERNATE_SCREEN_OFF);

  constructor(private readonly io: IO) {
    // Where the alternate screen is ignored, these line feeds push what the main screen showed (the
    // run so far, no secret) up into the scrollback, where it is kept; elsewhere they do nothing.
    io.stdout.write(ALTERNATE_SCREEN_ON + '\n'.repeat(io.rows()) + this.erase());
    // Whatever ends the process, the secret goes with it.
    process.once('exit', this.onExit);
  }

  /** Every row of the window blanked, one at a time, and the cursor home. */
  private erase(): string {
    this.tallest = Math.max(this.tallest, this.io.rows());
    let out = '';
    for (let row = 1; row <= this.tallest; row++) out += at(row) + ERASE_LINE;
    return out + HOME;
  }

  /** Writes lines below what is there. */
  write(text: Text) {
    this.count(rowsOf(text, this.io.columns()));
    this.io.stdout.write(`${text.value}\n`);
  }

  /** Counts rows something else wrote here (a prompt and its answer). */
  count(rows: number) {
    this.used += rows;
    if (this.used > this.io.rows()) this.overflowed = true;
  }

  /** Blanks the screen and draws `text` from the top, as after a resize. */
  redraw(text: Text) {
    this.io.stdout.write(this.erase());
    this.used = 0;
    this.write(text);
  }

  /**
   * Erases the secret and returns to the main screen. True when the secret never left the screen,
   * so nothing of it can be in the terminal's scrollback.
   */
  leave(): boolean {
    process.off('exit', this.onExit);
    this.onExit();
    return !this.overflowed;
  }
}
