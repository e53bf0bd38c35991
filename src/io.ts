/**
 * What this run's terminal can do, decided once (in cli.ts) from the process and its environment
 * and handed to everything that reads, writes or asks, as the GitHub CLI's IOStreams is. Nothing
 * else looks at `process.stdin`, `isTTY` or the colour variables.
 */
export interface IO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Which of the three streams is a terminal. */
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** Columns of the terminal on stdout, read when asked (a window can be resized); 80 when unknown. */
  columns(): number;
  /** Rows of the terminal on stdout, read when asked; 24 when unknown. */
  rows(): number;
  /** Calls `listener` whenever the terminal on stdout is resized; returns the way to stop. */
  onResize(listener: () => void): () => void;
  /** Colour codes on stdout: off under NO_COLOR (or TERM=dumb), on under FORCE_COLOR, else on a terminal only. */
  color: boolean;
  /** A person can answer questions: stdin and stdout are both terminals. */
  canPrompt: boolean;
  /** A spinner can redraw itself on stderr. */
  spinner: boolean;
}

type Env = Record<string, string | undefined>;

/** The colour rule kleur applies (and NO_COLOR/FORCE_COLOR document), decided here once for every module. */
export function colourWanted(env: Env, stdoutIsTTY: boolean): boolean {
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stdoutIsTTY;
}

/** The IO of this process. */
export function processIO(proc: NodeJS.Process = process, env: Env = proc.env): IO {
  const isTTY = { stdin: Boolean(proc.stdin.isTTY), stdout: Boolean(proc.stdout.isTTY), stderr: Boolean(proc.stderr.isTTY) };
  return {
    stdin: proc.stdin,
    stdout: proc.stdout,
    stderr: proc.stderr,
    isTTY,
    columns: () => (isTTY.stdout && proc.stdout.columns) || 80,
    rows: () => (isTTY.stdout && proc.stdout.rows) || 24,
    onResize: (listener) => {
      if (!isTTY.stdout) return () => {};
      proc.stdout.on('resize', listener);
      return () => void proc.stdout.off('resize', listener);
    },
    color: colourWanted(env, isTTY.stdout),
    canPrompt: isTTY.stdin && isTTY.stdout,
    spinner: isTTY.stderr,
  };
}

/** Standard input as text, to its end. */
export async function readAll(io: Pick<IO, 'stdin'>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
