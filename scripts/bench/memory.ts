import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** A command wrapped so its peak memory (max RSS) can be read once it has exited. */
export interface PeakMemory {
  command: string;
  args: string[];
  /** Call once the command runs: the /proc fallback samples this pid. */
  watch(pid: number): void;
  /** Peak resident memory in MB, after the command exited. */
  peakMb(): number;
}

export const memoryMethod = existsSync(GNU_TIME)
  ? 'max RSS from /usr/bin/time'
  : 'VmHWM sampled from /proc/<pid>/status every 10 ms (no /usr/bin/time)';

export function peakMemoryOf(command: string, args: string[]): PeakMemory {
  return existsSync(GNU_TIME) ? withGnuTime(command, args) : withProcSampling(command, args);
}

function withGnuTime(command: string, args: string[]): PeakMemory {
  const dir = mkdtempSync(join(tmpdir(), 'aws-root-lockdown-bench-'));
  const file = join(dir, 'max-rss-kb');
  return {
    command: GNU_TIME,
    args: ['-f', '%M', '-o', file, command, ...args],
    watch() {},
    peakMb() {
      // The last line: GNU time puts "Command exited with non-zero status" before it.
      const kb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
      rmSync(dir, { recursive: true, force: true });
      return kb / 1024;
    },
  };
}

function withProcSampling(command: string, args: string[]): PeakMemory {
  let peakKb = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    command,
    args,
    watch(pid) {
      timer = setInterval(() => {
        try {
          const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
          peakKb = Math.max(peakKb, Number(hwm ?? 0));
        } catch {
          clearInterval(timer); // gone
        }
      }, 10);
    },
    peakMb() {
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}
