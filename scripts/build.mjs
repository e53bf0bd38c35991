#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild, so the published package needs no runtime dependency.
//
// - dist/cli.js, the entry: answers --version alone and starts one of the two builds below.
// - dist/main.cjs, the program as one CommonJS bundle, for the commands of one account (the
//   wizard, status, --help, practice), which are over in a moment or wait on a person: their
//   start-up is the time. One file because V8's code cache is per script; CommonJS because Node
//   20 can cache only a script's code, not an ES module's (src/code-cache.ts). It still runs a
//   module's code only when first imported: esbuild turns each import() into a call that
//   initialises that module then.
// - dist/esm/, the program as ES modules split into chunks, for `org`, which runs for minutes over
//   many accounts: a one-file bundle, all its code held in memory, took org status over 1,000
//   members from 111 MB to 168 MB at its peak (target 150 MB); chunks load only what org uses.
//
// The entry is CommonJS too (dist/package.json says so): Node then starts no ES module loader for
// the commands of one account (measured 4 ms). The ES modules are .mjs, whatever dist/ says.
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
const program = {
  ...common,
  entryPoints: ['src/main.ts'],
  // The SDK's ES modules (package.json "module"), not its CommonJS "main": only ES modules can be
  // tree-shaken, so just the commands this program sends are bundled.
  mainFields: ['module', 'main'],
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...program,
  outfile: join(outdir, 'main.cjs'),
  format: 'cjs',
  // import() of Node's built-ins (the SDK has a few) as require(): a script run from the code
  // cache has no way to import an ES module.
  supported: { 'dynamic-import': false },
});
await build({
  ...program,
  outdir: join(outdir, 'esm'),
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Some SDK packages are CommonJS and require() Node's built-ins; an ES module has no require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
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
