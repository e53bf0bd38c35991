import type { IO } from '../io.js';

/** What every command gets from the entry: the terminal as decided once, and the run's stop switch. */
export interface RunContext {
  io: IO;
  /** Aborted by Ctrl-C or SIGTERM; every prompt, sleep and AWS call takes it. */
  signal: AbortSignal;
  /** Stops the run as Ctrl-C does (the terminal UI calls it on a raw-mode Ctrl-C). */
  stop: () => void;
}
