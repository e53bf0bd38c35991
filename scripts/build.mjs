#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild, so the published package needs no runtime dependency.
// Code splitting keeps the start lean: dist/cli.js holds argument parsing, --help and --version;
// the AWS SDK and the terminal interface sit in chunks that src/cli.ts imports only when a
// command runs.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The SDK's ES modules (package.json "module"), not its CommonJS "main": only ES modules can be
  // tree-shaken, so just the commands this program sends are bundled and loaded.
  mainFields: ['module', 'main'],
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  // The bundle reads no file at run time: the version is written into it.
  // Some SDK packages are CommonJS and require() Node's built-ins; an ES module has no require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
