#!/usr/bin/env node
// `npm run bench`: compiles the TypeScript benchmark (scripts/bench/) with esbuild into
// node_modules/.cache, where its imports (node-pty, the AWS SDK) resolve from the project, and runs it.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const outfile = join(root, 'node_modules', '.cache', 'aws-root-lockdown', 'bench.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/bench/main.ts'],
  outfile,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundling moves the code, so the only import.meta.url in it (test/support/cli-path.ts, which
  // finds the project from there) gets the value it has in place.
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test', 'support', 'cli-path.ts')).href) },
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
