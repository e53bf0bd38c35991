#!/usr/bin/env node
// The entry, kept tiny: the version is printed before anything else is loaded; the program proper
// (dist/main.cjs, one bundle) starts through V8's code cache (src/code-cache.ts).
import { join } from 'node:path';
import { runBundle } from './code-cache.js';

/** package.json's version, written in by scripts/build.mjs: the bundle reads no file for --version. */
declare const PACKAGE_VERSION: string;
/** A hash of dist/main.cjs, written in by scripts/build.mjs: the code cache is kept per build. */
declare const MAIN_BUILD: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${PACKAGE_VERSION}\n`);
} else {
  // Built as CommonJS (scripts/build.mjs): __dirname is dist/.
  runBundle(join(__dirname, 'main.cjs'), MAIN_BUILD, args);
}
