import { emitKeypressEvents } from 'node:readline';
import type { IO } from '../io.js';

export interface Key {
  /** The character typed, if any ("s", "?"). */
  str?: string;
  /** readline's name for it ("return", "c" with ctrl). */
  name?: string;
  ctrl?: boolean;
}

/**
 * Reads single keys from the terminal (raw mode) until the returned function is called; then the
 * terminal is as it was. Ctrl-C arrives as a key in raw mode, not as SIGINT: `onKey` gets it too.
 */
export function listenToKeys(io: IO, onKey: (key: Key) => void): () => void {
  const stdin = io.stdin;
  if (!io.isTTY.stdin) return () => {};
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.resume();
  const listener = (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => onKey({ str, name: key?.name, ctrl: key?.ctrl });
  stdin.on('keypress', listener);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    stdin.off('keypress', listener);
    stdin.setRawMode(false);
    stdin.pause();
  };
}

export const isCtrlC = (key: Key) => Boolean(key.ctrl && key.name === 'c');
export const isEnter = (key: Key) => key.name === 'return' || key.name === 'enter';
