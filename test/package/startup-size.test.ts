import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli-path.js';

/** Static imports only: `import(...)` is what keeps the AWS SDK and the prompts out of start-up. */
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+)["']/g;

function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, path] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) loadedAtStart(join(dirname(file), path!), seen);
  return seen;
}

/** The program proper, which the entry imports unless it is asked for --version alone. */
function mainChunk(): string {
  const path = /import\(["'](\.\/chunks\/main-[^"']+)["']\)/.exec(readFileSync(CLI, 'utf8'))?.[1];
  if (!path) throw new Error(`dist/cli.js imports no chunks/main-*.js`);
  return join(dirname(CLI), path);
}

describe('the bundle', () => {
  it('answers --version from the entry alone, which imports nothing of its own', () => {
    expect([...loadedAtStart(CLI)]).toEqual([CLI]);
  });

  // Twice a stray named zod import pulled all of zod (about 450 kB) into what --help loads.
  it('loads little before a command needs more: --help parses under 200 kB', () => {
    const files = [...loadedAtStart(mainChunk(), new Set([CLI]))];
    const bytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    expect(files.length).toBeGreaterThan(2); // the walk follows the chunks it should
    expect(bytes, files.join('\n')).toBeLessThan(200_000);
  });
});
