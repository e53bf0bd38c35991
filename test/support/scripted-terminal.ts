import * as readline from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import type { IO } from '../../src/io.js';
import { stripAnsi } from './ansi.js';
import { KEYS, type Key } from './pty.js';
import { Emulator } from './terminal.js';

/**
 * A terminal made of two streams, to drive the interactive interface in-process as Inquirer's own
 * tests do (@inquirer/testing): keys go in on `input`, everything written goes to a real terminal
 * emulator (xterm.js) as it would to a window of `cols` x `rows`, which can be resized.
 */
export class ScriptedTerminal {
  readonly input: PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode(mode: boolean): void };
  /** Has what a tty.WriteStream has beyond a Writable, which spinners and prompts call. */
  readonly output: Writable & { isTTY: boolean; columns: number; rows: number };
  readonly emulator: Emulator;
  private written = '';
  private pending: Promise<void> = Promise.resolve();
  /** Where the last waitFor's match ended, in text(). */
  private cursor = 0;

  constructor(
    cols = 80,
    rows = 24,
    options: { color?: boolean; withoutAlternateScreen?: boolean } = {},
  ) {
    this.emulator = new Emulator(cols, rows, options.withoutAlternateScreen);
    this.color = options.color ?? false;
    this.input = Object.assign(new PassThrough(), {
      isTTY: true,
      isRaw: false,
      setRawMode(mode: boolean) {
        this.isRaw = mode;
      },
    });
    const take = (chunk: Buffer | string) => {
      const text = chunk.toString();
      this.written += text;
      // A terminal's line discipline turns \n into \r\n (onlcr).
      this.pending = this.pending.then(() => this.emulator.write(text.replace(/(?<!\r)\n/g, '\r\n')));
    };
    this.output = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          take(chunk);
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
      getWindowSize: () => [stream.columns, stream.rows],
      getColorDepth: () => 8,
      hasColors: () => true,
      // As process.stdout: a stream piped into it (each prompt's) does not end it when it ends.
      _isStdio: true,
    });
  }

  private readonly color: boolean;

  get cols() {
    return this.output.columns;
  }

  get rows() {
    return this.output.rows;
  }

  /** The IO object of a process whose three streams are this terminal. */
  io(): IO {
    return {
      stdin: this.input as unknown as NodeJS.ReadStream,
      stdout: this.output,
      stderr: this.output,
      isTTY: { stdin: true, stdout: true, stderr: true },
      columns: () => this.output.columns,
      rows: () => this.output.rows,
      onResize: (listener) => {
        this.output.on('resize', listener);
        return () => void this.output.off('resize', listener);
      },
      color: this.color,
      canPrompt: true,
      spinner: true,
    };
  }

  /** The window resized by the person: the emulator reflows, then the program hears of it. */
  async resize(cols: number, rows: number) {
    await this.settled();
    this.emulator.resize(cols, rows);
    Object.assign(this.output, { columns: cols, rows });
    this.output.emit('resize');
    await this.settled();
  }

  /** Resolves once the emulator has taken in everything written so far. */
  async settled(): Promise<void> {
    let last;
    do {
      last = this.pending;
      await last;
    } while (last !== this.pending);
  }

  /** Everything written, escape sequences and all. */
  raw(): string {
    return this.written;
  }

  /** Everything written, as text (escape sequences removed, every redraw kept). */
  text(): string {
    return stripAnsi(this.written);
  }

  /** What a person can scroll through now: scrollback and screen. */
  async all(): Promise<string> {
    await this.settled();
    return this.emulator.text();
  }

  /** The rows of the window now. */
  async screen(): Promise<string[]> {
    await this.settled();
    return this.emulator.screen();
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
        await this.settled();
        return rest.slice(0, end);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}\n--- screen ---\n${(await this.screen()).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
