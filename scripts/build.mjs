#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild, so the published package needs no runtime dependency.
// Two files: dist/cli.js, the entry (--version, and the code cache that starts the rest), and
// dist/main.cjs, the whole program as one CommonJS bundle. One file because V8's code cache is
// per script; CommonJS because Node 20 can cache only a script's code, not an ES module's
// (src/code-cache.ts). The bundle still runs a module's code only when it is first imported:
// esbuild turns each import() into a call that initialises that module then. The entry is
// CommonJS too (dist/package.json says so): Node then starts no ES module loader (measured 4 ms).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist');
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  // The bundle reads no file at run time: the version is written into it.
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: join(outdir, 'main.cjs'),
  format: 'cjs',
  // The SDK's ES modules (package.json "module"), not its CommonJS "main": only ES modules can be
  // tree-shaken, so just the commands this program sends are bundled.
  mainFields: ['module', 'main'],
  // import() of Node's built-ins (the SDK has a few) as require(): a script run from the code
  // cache has no way to import an ES module.
  supported: { 'dynamic-import': false },
});
const mainBuild = createHash('sha256').update(readFileSync(join(outdir, 'main.cjs'))).digest('hex').slice(0, 16);
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: join(outdir, 'cli.js'),
  format: 'cjs',
  define: { ...common.define, MAIN_BUILD: JSON.stringify(mainBuild) },
});
// The project's package.json says "module" (for its TypeScript and tests); dist/ holds CommonJS.
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
