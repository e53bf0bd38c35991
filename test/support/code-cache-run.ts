import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from './cli-path.js';
import type { Env } from './env.js';
import { runProcess } from './process.js';

/**
 * A run of the built CLI with its code cache in `dir` (NODE_COMPILE_CACHE; undefined leaves the
 * default folder under HOME), and what NODE_DEBUG=code-cache said of it: the cache file and the
 * verdict (missing, accepted, rejected, untrusted), taken out of stderr.
 */
export async function runCached(args: string[], dir: string | undefined, env: Env = {}, node: string[] = [], cli = CLI) {
  const result = await runProcess(process.execPath, [...node, cli, ...args], {
    cwd: ROOT,
    env: { NODE_COMPILE_CACHE: dir, XDG_CACHE_HOME: undefined, NODE_OPTIONS: undefined, NODE_DEBUG: 'code-cache', ...env },
    timeoutMs: 30_000,
  });
  const said = /CODE-CACHE \d+: (.*): (\w+)\n/.exec(result.stderr);
  return { ...result, file: said?.[1], verdict: said?.[2], stderr: result.stderr.replace(/CODE-CACHE \d+: .*\n/g, '') };
}

/** A practice account file not made yet (status only reads it: a new account each time). */
export const practiceState = () => join(mkdtempSync(join(tmpdir(), 'practice-')), 'account.json');

/** `status` on a practice account: a whole run, exit 1 (a new account's checks are open). */
export const practiceStatus = (dir: string | undefined, env: Env = {}, cli = CLI, state = practiceState()) =>
  runCached(['status', '--practice', '--practice-state', state], dir, env, [], cli);

/** A cache folder not made yet, in a new temporary folder. */
export const freshCacheDir = () => join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'cache');

export const modeOf = (path: string) => statSync(path).mode & 0o777;
