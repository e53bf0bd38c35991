import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The built CLI (scripts/build.mjs), which package.json's `bin` points at: the one path every
 * test and the benchmark run. `npm test` builds it first when the sources are newer.
 */
export const CLI = join(ROOT, 'dist', 'cli.js');
