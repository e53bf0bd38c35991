#!/usr/bin/env node
// The entry, kept tiny: the version is printed before anything else is loaded, and the compile
// cache is on before the rest of the program (main.ts, the AWS SDK) is compiled.
import module from 'node:module';

/** package.json's version, written in by scripts/build.mjs: the bundle reads no file for --version. */
declare const PACKAGE_VERSION: string;

// Node 22.1+ can keep the code it compiled on disk (NODE_COMPILE_CACHE, else the temporary
// directory) and skip compiling it on later runs; Node 20 has no such cache and starts as before.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${PACKAGE_VERSION}\n`);
} else {
  await import('./main.js');
}
