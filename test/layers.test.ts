// The layers of README's "How the code is laid out", held by the imports themselves: each module
// imports only from its own layer and the ones below it (type imports count: they couple too).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli-path.js';

type Layer = 'app' | 'steps' | 'ui' | 'practice' | 'engine' | 'aws' | 'base';

/** What each layer may import, besides packages and Node's own modules. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  app: ['app', 'steps', 'ui', 'practice', 'engine', 'aws', 'base'],
  steps: ['steps', 'engine', 'aws', 'base'],
  ui: ['ui', 'engine', 'aws', 'base'],
  practice: ['practice', 'engine', 'aws', 'base'],
  engine: ['engine', 'aws', 'base'],
  aws: ['aws', 'base'],
  base: ['base'],
};

/** The entry and the commands (org's in src/org/) are the app; the files directly in src/ besides them, and src/rules/, are the base everyone shares. */
const APP_FILES = ['src/cli.ts', 'src/main.ts', 'src/args.ts', 'src/help.ts', 'src/report-error.ts'];

function layerOf(path: string): Layer {
  if (path.startsWith('steps/')) return 'steps';
  if (APP_FILES.includes(path) || path.startsWith('src/commands/') || path.startsWith('src/org/')) return 'app';
  const folder = /^src\/([^/]+)\//.exec(path)?.[1];
  if (folder === 'ui' || folder === 'practice' || folder === 'engine' || folder === 'aws') return folder;
  // AWS's rules for every field (src/rules/) are leaves too: the inputs, the practice account and the steps share them.
  if ((folder === undefined || folder === 'rules') && path.startsWith('src/')) return 'base';
  throw new Error(`${path} is in no layer: add its folder to test/layers.test.ts and README's layout section`);
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports, static and dynamic, as repository paths. */
function importsOf(path: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(ROOT, join(ROOT, dirname(path), s)).replace(/\.js$/, '.ts'));
}

const FILES = [...sources('src'), ...sources('steps')];

describe('layers', () => {
  it.each(FILES)('%s imports only from its layer and below', (file) => {
    const layer = layerOf(file);
    const upward = importsOf(file).filter((target) => !MAY_IMPORT[layer].includes(layerOf(target)));
    expect(upward, `${file} (${layer}) imports ${upward.map((t) => `${t} (${layerOf(t)})`).join(', ')}`).toEqual([]);
  });

  it("the steps' code that status loads reaches no Identity Center or Organizations client: that way is imported when taken", () => {
    const staticImports = (path: string) =>
      [...readFileSync(join(ROOT, path), 'utf8').matchAll(/^import (?!type )[^;]*?from '(\.[^']+)';/gm)].map((m) =>
        relative(ROOT, join(ROOT, dirname(path), m[1]!)).replace(/\.js$/, '.ts'),
      );
    const reached = new Set<string>();
    const walk = (path: string) => {
      if (reached.has(path)) return;
      reached.add(path);
      staticImports(path).forEach(walk);
    };
    const steps = importsOf('steps/manifest.ts').filter((t) => t.startsWith('steps/') && t !== 'steps/manifest.ts');
    expect(steps).toContain('steps/admin-user.ts');
    steps.forEach(walk);
    expect(reached.has('src/aws/iam-writes.ts')).toBe(true); // the walk follows the imports
    expect([...reached].filter((path) => ['src/aws/identity-center.ts', 'src/aws/organization.ts'].includes(path))).toEqual([]);
  });

  it('argument parsing reaches the steps only through the manifest, so --help loads no step code', () => {
    for (const file of ['src/cli.ts', 'src/main.ts', 'src/args.ts', 'src/help.ts', 'steps/manifest.ts']) {
      const steps = importsOf(file).filter((t) => t.startsWith('steps/') && t !== 'steps/manifest.ts');
      const statically = readFileSync(join(ROOT, file), 'utf8').match(/^import [^(]*from '\.\/[\w-]+\.js'/gm) ?? [];
      expect(file === 'steps/manifest.ts' ? statically : steps).toEqual([]);
    }
  });
});
