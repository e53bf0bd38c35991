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

describe('the bundle', () => {
  // Twice a stray named zod import pulled all of zod (about 450 kB) into what --version loads.
  it('loads little before a command needs more: --help and --version parse under 200 kB', () => {
    const files = [...loadedAtStart(CLI)];
    const bytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    expect(files.length).toBeGreaterThan(1); // the walk follows the chunks it should
    expect(bytes, files.join('\n')).toBeLessThan(200_000);
  });
});
