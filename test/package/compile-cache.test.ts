// Node 22.1+ has module.enableCompileCache; this machine's Node 20 does not, and the CLI must
// start on both. A preload stands in for Node 22's function, to see that the entry calls it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli-path.js';
import { runProcess } from '../support/process.js';

const preload = join(mkdtempSync(join(tmpdir(), 'compile-cache-')), 'enable-compile-cache.cjs');
writeFileSync(
  preload,
  "require('node:module').enableCompileCache = () => { process.stderr.write('compile cache on\\n'); return { status: 1 }; };\n",
);

const run = (args: string[], node: string[] = []) => runProcess(process.execPath, [...node, CLI, ...args], { cwd: ROOT, timeoutMs: 30_000 });

describe('the compile cache', () => {
  it.each([['--version'], ['--help']])('is turned on where Node has it (%s)', async (arg) => {
    const result = await run([arg], ['--require', preload]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('compile cache on\n');
  });

  it('is not needed: Node without it starts as before', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
