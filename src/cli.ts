#!/usr/bin/env node
// The entry, kept tiny: the version is printed before anything else is loaded; the program proper
// starts from one of its two builds (scripts/build.mjs says why there are two).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBundle } from './code-cache.js';
import { orgArgv } from './org/argv.js';

/** package.json's version, written in by scripts/build.mjs: the bundle reads no file for --version. */
declare const PACKAGE_VERSION: string;
/** A hash of dist/main.cjs, written in by scripts/build.mjs: the code cache is kept per build. */
declare const MAIN_BUILD: string;

// Built as CommonJS (scripts/build.mjs): __dirname is dist/.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${PACKAGE_VERSION}\n`);
} else if (orgArgv(args)) {
  // `org` runs for minutes: its memory matters, its start-up does not. The ES modules load only what it uses.
  void import(pathToFileURL(join(__dirname, 'esm', 'main.mjs')).href);
} else {
  runBundle(join(__dirname, 'main.cjs'), MAIN_BUILD, args);
}
