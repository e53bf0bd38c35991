import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli-path.js';

/** The modules a CommonJS file of the bundle requires. */
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

describe('the bundle', () => {
  it('answers --version from the entry alone, which requires nothing but Node', () => {
    const imports = [...readFileSync(CLI, 'utf8').matchAll(REQUIRE)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0); // the pattern finds the entry's imports
    expect(imports.filter((i) => !i.startsWith('node:'))).toEqual([]);
  });

  it('is one program file beside the entry, which the code cache can hold whole', () => {
    const main = join(dirname(CLI), 'main.cjs');
    const text = readFileSync(main, 'utf8');
    expect(text.length).toBeGreaterThan(100_000);
    // A script run from V8's code cache cannot import an ES module: every import() must have become require().
    expect(text).not.toMatch(/\bimport\s*\(/);
  });

  // ASCII is read and held by V8 in half the bytes (src/code-cache.ts). esbuild escapes what it can,
  // but not in a tagged template (its raw text would change) or a regular expression: write such
  // characters as \u escapes there.
  it('is ASCII, so it is read as Latin-1 without decoding', () => {
    const text = readFileSync(join(dirname(CLI), 'main.cjs'), 'latin1');
    const first = /[^\x00-\x7f]/.exec(text);
    expect(first && text.slice(Math.max(0, first.index - 80), first.index + 20)).toBeNull();
  });
});
