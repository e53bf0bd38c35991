/**
 * A small terminal emulator: replays raw pty output and returns what a person would see at the
 * end (scrollback and screen, top to bottom). It knows what the CLI's libraries emit: printable
 * text with auto-wrap, CR, LF, BS, cursor up/down/left/right/column, erase in line and erase
 * below, and the alternate screen (whose text vanishes when the program leaves it). Everything
 * else (colours, cursor visibility, synchronised output) changes no text.
 */
export function renderScreen(raw: string, cols = 120, rows = 40): string {
  let lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let lowest = 0; // the lowest row ever reached: the screen is the `rows` rows ending there
  let pendingWrap = false;
  let main: { lines: string[][]; row: number; col: number; lowest: number } | undefined;

  const line = (r: number) => {
    while (lines.length <= r) lines.push([]);
    return lines[r]!;
  };
  const top = () => Math.max(0, lowest - rows + 1);
  const moveTo = (r: number) => {
    row = Math.max(top(), r);
    lowest = Math.max(lowest, row);
    pendingWrap = false;
  };

  const token = /\x1b\[([?>=!]?)([0-9;]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[ -/]*[0-~]|[\s\S]/gu;
  for (const m of raw.matchAll(token)) {
    const text = m[0];
    if (text.startsWith('\x1b[')) {
      const [, priv, params = '', final] = m;
      if (priv === '?' && params === '1049' && final === 'h' && !main) {
        main = { lines, row, col, lowest };
        [lines, row, col, lowest, pendingWrap] = [[[]], 0, 0, 0, false];
      } else if (priv === '?' && params === '1049' && final === 'l' && main) {
        ({ lines, row, col, lowest } = main);
        [main, pendingWrap] = [undefined, false];
      }
      if (priv) continue;
      const n = (i: number, fallback: number) => {
        const v = Number(params.split(';')[i] || NaN);
        return Number.isNaN(v) ? fallback : v;
      };
      switch (final) {
        case 'A':
          moveTo(row - Math.max(1, n(0, 1)));
          break;
        case 'B':
          moveTo(Math.min(row + Math.max(1, n(0, 1)), top() + rows - 1));
          break;
        case 'C':
          col = Math.min(cols - 1, col + Math.max(1, n(0, 1)));
          pendingWrap = false;
          break;
        case 'D':
          col = Math.max(0, col - Math.max(1, n(0, 1)));
          pendingWrap = false;
          break;
        case 'G':
          col = Math.min(cols - 1, Math.max(1, n(0, 1)) - 1);
          pendingWrap = false;
          break;
        case 'K': {
          const mode = n(0, 0);
          const l = line(row);
          if (mode === 0) l.length = Math.min(l.length, col);
          else if (mode === 1) for (let i = 0; i <= col && i < l.length; i++) l[i] = ' ';
          else l.length = 0;
          break;
        }
        case 'J': {
          const mode = n(0, 0);
          if (mode === 0) {
            line(row).length = Math.min(line(row).length, col);
            for (let r = row + 1; r < lines.length; r++) lines[r] = [];
          } else if (mode === 2 || mode === 3) {
            for (let r = top(); r < lines.length; r++) lines[r] = [];
          }
          break;
        }
        default:
          break; // SGR, modes, cursor visibility: no text
      }
      continue;
    }
    if (text.startsWith('\x1b')) continue;
    if (text === '\r') {
      col = 0;
      pendingWrap = false;
    } else if (text === '\n') {
      moveTo(row + 1);
    } else if (text === '\b') {
      col = Math.max(0, col - 1);
      pendingWrap = false;
    } else if (text === '\t') {
      col = Math.min(cols - 1, (Math.floor(col / 8) + 1) * 8);
    } else if (text >= ' ' && text !== '\x7f') {
      if (pendingWrap) {
        col = 0;
        moveTo(row + 1);
      }
      const l = line(row);
      while (l.length < col) l.push(' ');
      l[col] = text;
      if (col === cols - 1) pendingWrap = true;
      else col += 1;
    }
  }
  const out = lines.map((l) => l.join('').trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
