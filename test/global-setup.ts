import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support/cli-path.js';

/** Installs and builds only what is stale (scripts/prepare.mjs), so `npx vitest` alone also works. */
export default function setup() {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'prepare.mjs'), '--tests'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
