#!/usr/bin/env node
// Makes a fresh clone ready to run: installs from the lockfile and builds, each only when stale,
// so `npm start` and `npm test` are the only commands a person needs.
//
//   node scripts/prepare.mjs           for `npm start`: install without running any package's
//                                      install script, so nothing is compiled (node-pty, which
//                                      only the tests use, needs a C++ toolchain and Node's
//                                      headers); esbuild's script only checks its binary.
//   node scripts/prepare.mjs --tests   for `npm test` and `npm run bench`: also compile node-pty
//                                      when it is not built yet, and check that moto and
//                                      Chromium are there, each missing one named in one line.
import { execFileSync, execSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const forTests = process.argv.includes('--tests');
/** How the person started this, for messages: `npm start`, `npm test`, `npm run bench`. */
const task = { start: 'npm start', test: 'npm test', bench: 'npm run bench' }[process.env.npm_lifecycle_event] ?? (forTests ? 'npm test' : 'npm start');
const at = (...parts) => join(root, ...parts);
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** Runs a step; on failure prints `failure` (one line, no stack trace) and exits 1. */
function run(command, failure) {
  try {
    // Progress goes to stderr: stdout is the program's alone (`npm start -- status --json | jq`).
    execSync(command, { cwd: root, stdio: ['ignore', 2, 2] });
  } catch {
    console.error(failure);
    process.exit(1);
  }
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

if (mtime(at('node_modules', '.package-lock.json')) < mtime(at('package-lock.json'))) {
  console.error('Installing dependencies from package-lock.json…');
  run(
    `npm ci --no-audit --no-fund --loglevel=error${forTests ? '' : ' --ignore-scripts'}`,
    `${task}: installing the dependencies failed (see npm's message above); check the connection to the npm registry and run it again.`,
  );
}

if (forTests) {
  const missing = [];
  if (!existsSync(at('node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) {
    console.error('Compiling node-pty (the pseudo-terminal the tests drive the wizard in)…');
    try {
      execFileSync('npm', ['rebuild', 'node-pty', '--loglevel=error'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch {
      missing.push('node-pty could not be compiled: it needs a C++ compiler, make and python3 (Debian: apt-get install build-essential python3)');
    }
  }
  if (!onPath('moto_server')) missing.push("moto_server (the AWS emulator) is not installed: pip install 'moto[server]==5.2.1'");
  if (!existsSync('/usr/bin/chromium')) missing.push('Chromium (/usr/bin/chromium, for the practice console test) is not installed: apt-get install chromium');
  if (missing.length > 0) {
    for (const line of missing) console.error(`${task}: ${line}`);
    process.exit(1);
  }
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
  run('node scripts/build.mjs', `${task}: building dist/ with esbuild failed (see the message above).`);
}
