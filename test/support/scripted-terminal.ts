import * as readline from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import type { IO } from '../../src/io.js';
import { renderScreen } from '../e2e/screen.js';
import { stripAnsi } from './ansi.js';
import { KEYS, type Key } from './pty.js';

/**
 * A terminal made of two streams, to drive the interactive interface in-process as Inquirer's own
 * tests do (@inquirer/testing): keys go in on `input`, everything written comes out of `output`,
 * and screen() is what a person would see, through the emulator the pseudo-terminal tests use.
 * io() hands it to the interface as the program's IO.
 */
export class ScriptedTerminal {
  readonly input: PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(mode: boolean): void };
  /** Has what a tty.WriteStream has beyond a Writable, which spinners call. */
  readonly output: Writable & { isTTY: boolean; columns: number; rows: number };
  private written = '';
  /** Where the last waitFor's match ended, in text(). */
  private cursor = 0;

  constructor(
    readonly cols = 80,
    readonly rows = 24,
  ) {
    this.input = Object.assign(new PassThrough(), {
      isTTY: true,
      isRaw: false,
      setRawMode(mode: boolean) {
        this.isRaw = mode;
      },
    });
    const collect = (chunk: Buffer | string) => (this.written += chunk.toString());
    this.output = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          collect(chunk);
          done();
        },
      }),
      { isTTY: true, columns: cols, rows },
    );
    const stream = this.output;
    Object.assign(stream, {
      cursorTo: (x: number, y?: number, done?: () => void) => readline.cursorTo(stream, x, y, done),
      moveCursor: (dx: number, dy: number, done?: () => void) => readline.moveCursor(stream, dx, dy, done),
      clearLine: (dir: -1 | 0 | 1, done?: () => void) => readline.clearLine(stream, dir, done),
      clearScreenDown: (done?: () => void) => readline.clearScreenDown(stream, done),
      getWindowSize: () => [cols, rows],
      getColorDepth: () => 8,
      hasColors: () => true,
      // As process.stdout: a stream piped into it (each prompt's) does not end it when it ends.
      _isStdio: true,
    });
  }

  /** Everything written, escape sequences and all. */
  raw(): string {
    return this.written;
  }

  /** Everything written, as text (escape sequences removed, every redraw kept). */
  text(): string {
    return stripAnsi(this.written);
  }

  /** What the terminal shows now: scrollback and screen, top to bottom. */
  screen(): string {
    return renderScreen(this.written, this.cols, this.rows);
  }

  type(text: string): void {
    this.input.write(text);
  }

  press(key: Key): void {
    this.input.write(KEYS[key] ?? key);
  }

  /** Resolves once text() after the previous match contains `pattern`, with the text up to its end. */
  async waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const re = typeof pattern === 'string' ? undefined : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    const endOf = (text: string): number | undefined => {
      if (typeof pattern === 'string') {
        const index = text.indexOf(pattern);
        return index < 0 ? undefined : index + pattern.length;
      }
      const match = re!.exec(text);
      return match ? match.index + match[0].length : undefined;
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.text().slice(this.cursor);
      const end = endOf(rest);
      if (end !== undefined) {
        this.cursor += end;
        return rest.slice(0, end);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}\n--- screen ---\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** This terminal as the program's IO (src/io.ts): all three streams on it, colour off. */
  io(): IO {
    return {
      stdin: this.input as unknown as NodeJS.ReadStream,
      stdout: this.output,
      stderr: this.output,
      isTTY: { stdin: true, stdout: true, stderr: true },
      columns: () => this.cols,
      color: false,
      canPrompt: true,
      alternateScreen: true,
      spinner: true,
    };
  }
}
