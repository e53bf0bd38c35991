import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { FileProblem, UsageError } from '../../errors.js';
import { fileErrorReason, readSmallFile } from '../../files.js';

/**
 * One run at a time per practice account. Each run holds the account in memory and saves it after
 * every change, so a second run on the same file (a `practice console` beside a running wizard,
 * say) would silently overwrite the first's progress. While a run uses the account, a lock file
 * beside it names the run and its practice console; a lock whose process is gone is taken over.
 */

interface Holder {
  pid: number;
  console: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lock: string): Holder | undefined {
  try {
    const holder = JSON.parse(readSmallFile(lock, 4096) ?? 'null') as Holder | null;
    return holder && Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of the practice account at `path` for this process, whose practice console is at
 * `consoleUrl`; returns its release. UsageError (exit 2) when another live run holds it, naming
 * that run's practice console; FileProblem when the lock cannot be written.
 */
export function lockPracticeAccount(path: string, consoleUrl: string): () => void {
  const lock = `${path}.lock`;
  for (;;) {
    try {
      // O_CREAT|O_EXCL: created by this call or not at all, and never through a link.
      const fd = openSync(lock, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, console: consoleUrl } satisfies Holder));
      } finally {
        closeSync(fd);
      }
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new FileProblem(lock, `cannot write ${lock}: ${fileErrorReason(error)}`);
    }
    const holder = holderOf(lock);
    if (holder && alive(holder.pid)) {
      throw new UsageError(
        `the practice account ${path} is open in another run (process ${holder.pid}), whose practice console is ${holder.console}: ` +
          `use that one, or stop that run first (if there is no such run, delete ${lock})`,
      );
    }
    // Left by a run that was killed: nobody holds it.
    try {
      unlinkSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileProblem(lock, `cannot remove ${lock}: ${fileErrorReason(error)}`);
    }
  }
}
