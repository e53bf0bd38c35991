import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { mergeEnv, type Env } from './env.js';

export interface ProcessResult {
  /** Exit code; 128 + signal number when killed by a signal (as a shell reports it). */
  code: number;
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  env?: Env;
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  input?: string;
  timeoutMs?: number;
  /** Called with the child's pid once it runs (for /proc readings). */
  onSpawn?: (pid: number) => void;
}

/** Runs a command with plain pipes, i.e. NOT in a terminal (stdin/stdout are not TTYs). */
export function runProcess(command: string, args: string[], opts: ProcessOptions = {}): Promise<ProcessResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: mergeEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {}); // the command may exit without reading its input
    child.stdin.end(opts.input ?? '');

    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms.\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
    }, timeoutMs);

    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) resolve({ code: 128 + (constants.signals[signal] ?? 0), signal, stdout, stderr });
      else resolve({ code: code ?? 0, stdout, stderr });
    });
  });
}
