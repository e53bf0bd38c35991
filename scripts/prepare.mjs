#!/usr/bin/env node
// Makes a fresh clone ready to run: installs from the lockfile and builds, each only when stale,
// so `npm start` and `npm test` are the only commands a person needs.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const at = (...parts) => join(root, ...parts);
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const run = (command) => execSync(command, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (mtime(at('node_modules', '.package-lock.json')) < mtime(at('package-lock.json'))) {
  console.error('Installing dependencies from package-lock.json…');
  run('npm ci --no-audit --no-fund --loglevel=error');
}

const built = mtime(at('dist', 'cli.js'));
const sources = Math.max(
  newest(at('src')),
  newest(at('steps')),
  mtime(at('package.json')),
  mtime(at('package-lock.json')),
  mtime(at('scripts', 'build.mjs')),
);
if (built < sources) {
  console.error('Building…');
  run('node scripts/build.mjs');
}
