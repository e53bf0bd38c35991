import xterm from '@xterm/headless';

/**
 * What a person sees in a terminal of `cols` x `rows`: the pty's raw bytes replayed through xterm.js
 * (headless), its scrollback and screen top to bottom, one string per row as drawn (a long line
 * wraps onto the next row). Text a program erased, or wrote on the alternate screen it left, is gone.
 */
export function terminalScreen(raw: string, cols: number, rows: number): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
  return new Promise((resolve) => {
    terminal.write(raw, () => {
      const buffer = terminal.buffer.active;
      const lines = Array.from({ length: buffer.length }, (_, i) => buffer.getLine(i)?.translateToString(true) ?? '');
      while (lines.length > 0 && lines.at(-1) === '') lines.pop();
      terminal.dispose();
      resolve(lines);
    });
  });
}
