import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';

/**
 * A real terminal emulator (xterm.js, headless) that the tests feed what the program wrote and
 * then read as a person would: its screen, its scrollback, which rows are one long line the
 * terminal wrapped, and the colours of each cell (to photograph a QR code for zbar).
 */
export class Emulator {
  readonly term: xterm.Terminal;

  constructor(
    cols = 80,
    rows = 24,
    /** Like tmux with `alternate-screen off` or GNU screen: the alternate screen is ignored. */
    private readonly withoutAlternateScreen = false,
  ) {
    this.term = new xterm.Terminal({ cols, rows, scrollback: 5000, allowProposedApi: true });
  }

  get cols() {
    return this.term.cols;
  }

  get rows() {
    return this.term.rows;
  }

  /** Feeds output; resolves once the emulator has taken it in. */
  write(data: string): Promise<void> {
    const shown = this.withoutAlternateScreen ? data.replace(/\x1b\[\?(1049|1047|47)[hl]/g, '') : data;
    return new Promise((resolve) => this.term.write(shown, resolve));
  }

  resize(cols: number, rows: number) {
    this.term.resize(cols, rows);
  }

  /** Every row of the buffer in use (scrollback, then screen): its text and whether it continues the row above. */
  rowsOf(which: 'all' | 'screen' = 'all'): { text: string; wrapped: boolean }[] {
    const buffer = this.term.buffer.active;
    const first = which === 'screen' ? buffer.baseY : 0;
    const out = [];
    for (let i = first; i < buffer.length; i++) {
      const line = buffer.getLine(i)!;
      out.push({ text: line.translateToString(true), wrapped: line.isWrapped });
    }
    return out;
  }

  /** What a person can scroll through: scrollback and screen, top to bottom, trailing blank rows left out. */
  text(): string {
    return trimBlankEnd(this.rowsOf('all').map((r) => r.text)).join('\n');
  }

  /** What is on the screen now, row by row (always `rows` rows). */
  screen(): string[] {
    return this.rowsOf('screen').map((r) => r.text);
  }

  /** Whether the screen is the alternate one. */
  get onAlternateScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  /**
   * Lines the terminal had to wrap (a row that continues on the next): the whole logical line,
   * each once. The program wraps its own text, so only a command or one long word may be here.
   */
  overflowingLines(): string[] {
    const rows = this.rowsOf('all');
    const out: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]!.wrapped) continue;
      let line = rows[i]!.text;
      let j = i + 1;
      while (j < rows.length && rows[j]!.wrapped) line += rows[j++]!.text;
      if (j > i + 1) out.push(line);
    }
    return out;
  }

  /**
   * The screen as a greyscale picture (PGM), each cell 4 pixels wide and 8 tall, a half block
   * lighting its half in the cell's foreground colour. Default colours are a dark terminal's:
   * light grey on black.
   */
  picture(): Buffer {
    const buffer = this.term.buffer.active;
    const cell = buffer.getNullCell();
    const [cw, ch] = [4, 8];
    const width = this.cols * cw;
    const height = this.rows * ch;
    const pixels = Buffer.alloc(width * height);
    for (let y = 0; y < this.rows; y++) {
      const line = buffer.getLine(buffer.baseY + y)!;
      for (let x = 0; x < this.cols; x++) {
        line.getCell(x, cell);
        const fg = cell.isFgDefault() ? 200 : luminance(cell.getFgColor(), cell.isFgRGB());
        const bg = cell.isBgDefault() ? 0 : luminance(cell.getBgColor(), cell.isBgRGB());
        const [fgTop, fgBottom] = inverseAware(cell.getChars(), cell.isInverse() !== 0);
        const top = fgTop ? fg : bg;
        const bottom = fgBottom ? fg : bg;
        for (let py = 0; py < ch; py++) {
          const value = py < ch / 2 ? top : bottom;
          pixels.fill(value, (y * ch + py) * width + x * cw, (y * ch + py) * width + x * cw + cw);
        }
      }
    }
    return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), pixels]);
  }

  /** The QR codes zbar finds in a picture of the screen (zbarimg, from zbar-tools). */
  scanQrCodes(): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'screen-'));
    try {
      const file = join(dir, 'screen.pgm');
      writeFileSync(file, this.picture());
      const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return out.split('\n').filter(Boolean);
    } catch {
      return [];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Which halves of a cell show the foreground: half blocks, the full block, or none. */
function inverseAware(chars: string, inverse: boolean): [boolean, boolean] {
  const halves: [boolean, boolean] = chars === '█' ? [true, true] : chars === '▀' ? [true, false] : chars === '▄' ? [false, true] : [false, false];
  return inverse ? [!halves[0], !halves[1]] : halves;
}

/** The 16 ANSI colours' grey levels (xterm's palette), or an RGB colour's. */
function luminance(colour: number, rgb: boolean): number {
  if (rgb) return Math.round(0.299 * ((colour >> 16) & 255) + 0.587 * ((colour >> 8) & 255) + 0.114 * (colour & 255));
  const ansi = [0, 60, 80, 110, 40, 70, 90, 205, 127, 110, 170, 220, 120, 160, 200, 255];
  return ansi[colour] ?? 128;
}

const trimBlankEnd = (rows: string[]) => {
  const out = [...rows];
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
};

/** What a person would see after `raw` was written to a terminal of this size: scrollback and screen. */
export async function renderScreen(raw: string, cols = 120, rows = 40): Promise<string> {
  const emulator = new Emulator(cols, rows);
  await emulator.write(raw);
  return emulator.text();
}
