import { spawn } from 'node-pty';
import { splitIncomplete, stripAnsi } from './ansi.js';
import { mergeEnv, type Env } from './env.js';

export interface PtySession {
  /** Everything printed so far, ANSI escapes stripped, line ends normalised to \n. */
  output(): string;
  /** Everything printed so far, raw. */
  raw(): string;
  /**
   * Resolves once the stripped output after the previous waitFor's match contains
   * `pattern`, with the text from that point up to the end of the new match.
   */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  write(data: string): void;
  press(key: Key): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** The spawned process (for /proc readings). */
  pid: number;
  kill(signal?: string): void;
}

export type Key = 'enter' | 'up' | 'down' | 'left' | 'right' | 'space' | 'tab' | 'backspace' | 'escape' | 'ctrl-c' | 'ctrl-d' | (string & {});

/** The bytes a terminal sends for each named key. */
export const KEYS: Record<string, string> = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  space: ' ',
  tab: '\t',
  backspace: '\x7f',
  escape: '\x1b',
  'ctrl-c': '\x03',
  'ctrl-d': '\x04',
};

const DEFAULT_TIMEOUT_MS = 15_000;
// node-pty can report exit slightly before the last output chunk is delivered.
const EXIT_GRACE_MS = 200;

interface Waiter {
  find(text: string): { index: number; length: number } | undefined;
  describe: string;
  resolve(text: string): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

function finder(pattern: string | RegExp): Waiter['find'] {
  if (typeof pattern === 'string') {
    return (text) => {
      const index = text.indexOf(pattern);
      return index < 0 ? undefined : { index, length: pattern.length };
    };
  }
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return (text) => {
    const m = re.exec(text);
    return m ? { index: m.index, length: m[0].length } : undefined;
  };
}

export function spawnPty(command: string, args: string[], opts: { env?: Env; cwd?: string; cols?: number; rows?: number } = {}): PtySession {
  const term = spawn(command, args, {
    name: 'xterm-256color',
    cols: opts.cols ?? 120,
    rows: opts.rows ?? 40,
    cwd: opts.cwd ?? process.cwd(),
    env: mergeEnv({ ...opts.env, TERM: 'xterm-256color' }),
  });

  let raw = '';
  let pending = '';
  let stripped = '';
  let cursor = 0;
  let exitInfo: { exitCode: number; signal?: number } | undefined;
  let drained = false;
  const waiters = new Set<Waiter>();

  const tail = () => stripped.slice(-2000);

  function settle(): void {
    for (const w of waiters) {
      const hit = w.find(stripped.slice(cursor));
      if (!hit) continue;
      const end = cursor + hit.index + hit.length;
      const text = stripped.slice(cursor, end);
      cursor = end;
      waiters.delete(w);
      clearTimeout(w.timer);
      w.resolve(text);
    }
  }

  function failAll(reason: string): void {
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(new Error(`${reason} while waiting for ${w.describe}.\n--- last output ---\n${tail()}`));
    }
    waiters.clear();
  }

  term.onData((data) => {
    raw += data;
    const [complete, rest] = splitIncomplete(pending + data);
    pending = rest;
    stripped += stripAnsi(complete);
    settle();
  });

  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      exitInfo = signal ? { exitCode, signal } : { exitCode };
      setTimeout(() => {
        stripped += stripAnsi(pending);
        pending = '';
        drained = true;
        settle();
        failAll(`process exited (${JSON.stringify(exitInfo)})`);
        resolve(exitInfo!);
      }, EXIT_GRACE_MS);
    });
  });

  return {
    output: () => stripped + stripAnsi(pending),
    raw: () => raw,
    waitFor(pattern, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const describe = typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
      return new Promise<string>((resolve, reject) => {
        const waiter: Waiter = {
          find: finder(pattern),
          describe,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe}.\n--- last output ---\n${tail()}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
        settle();
        if (waiters.has(waiter) && drained) failAll(`process already exited (${JSON.stringify(exitInfo)})`);
      });
    },
    write: (data) => term.write(data),
    press: (key) => term.write(KEYS[key] ?? key),
    exited,
    pid: term.pid,
    kill(signal) {
      if (exitInfo) return;
      try {
        term.kill(signal);
      } catch {
        // already gone between the check and the kill
      }
    },
  };
}
