import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/cli-path.js';

/** Installs and builds only what is stale (scripts/prepare.mjs), so `npx vitest` alone also works. */
export default function setup() {
  // Practice mode keeps its account in the state folder: no test run may touch the developer's own.
  const state = (process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'arl-state-')));
  // The CLI's code cache (src/code-cache.ts) in one folder for the run: not the developer's, and
  // shared by the tests' hundreds of runs, which a HOME of their own would each leave cold.
  const cache = (process.env.NODE_COMPILE_CACHE = mkdtempSync(join(tmpdir(), 'arl-code-cache-')));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'prepare.mjs'), '--tests'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  // Both folders are the run's alone: removed after it (the caches are some MB each).
  return () => [state, cache].forEach((folder) => rmSync(folder, { recursive: true, force: true }));
}
