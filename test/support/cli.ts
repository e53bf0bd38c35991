import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built program the end-to-end tests run (built by scripts/prepare.mjs before the tests). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');
