// The program starts from V8's code cache (src/code-cache.ts): made after a run that did its work,
// used by the next, kept per command, per copy, per Node and its options. Its safety (trust,
// damage, folders, clean-up): code-cache-safety.test.ts.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, cacheProfile, fnv1a } from '../../src/code-cache.js';
import { CLI } from '../support/cli-path.js';
import { freshCacheDir, modeOf, practiceStatus, runCached as run } from '../support/code-cache-run.js';

const kinds = (dir: string) => readdirSync(dir).map((f) => f.replace(/^.*-(\w+)\.v8$/, '$1')).sort();

describe('the code cache', () => {
  it('is made by a first run, private to its user, and used by the next run, which prints the same', async () => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    expect(first).toMatchObject({ code: 0, verdict: 'missing', stderr: '' });
    expect(readdirSync(dir)).toEqual([first.file!.slice(dir.length + 1)]);
    expect(first.file).toMatch(/aws-root-lockdown-[0-9a-f]{16}-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-help\.v8$/);
    expect([modeOf(dir), modeOf(first.file!)]).toEqual([0o700, 0o600]);
    const second = await run(['--help'], dir);
    expect(second).toMatchObject({ code: 0, verdict: 'accepted', file: first.file, stdout: first.stdout });
  });

  it('is kept per command, since each compiles other code', async () => {
    const dir = freshCacheDir();
    await run(['--help'], dir);
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'missing' }); // a new practice account: checks open
    expect(kinds(dir)).toEqual(['help', 'status']);
  });

  it('is made only by a run that did its work: one refused at its flags, or that printed the version, compiled too little', async () => {
    const dir = freshCacheDir();
    expect(await run(['status', '--no-such-flag'], dir)).toMatchObject({ code: 2, verdict: 'missing' });
    expect(await run(['status', '--version'], dir)).toMatchObject({ code: 0, file: 'no cache' });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'missing' });
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'accepted' });
  });

  it('is kept per Node options: V8 refuses a cache made under other flags, so each keeps its own', async () => {
    const dir = freshCacheDir();
    const flag = ['--max-old-space-size=200'];
    expect(await run(['--help'], dir)).toMatchObject({ verdict: 'missing' });
    expect(await run(['--help'], dir, {}, flag)).toMatchObject({ verdict: 'missing' });
    expect(await run(['--help'], dir)).toMatchObject({ verdict: 'accepted' });
    expect(await run(['--help'], dir, {}, flag)).toMatchObject({ verdict: 'accepted' });
    expect(await run(['--help'], dir, { NODE_OPTIONS: flag[0] })).toMatchObject({ verdict: 'missing' });
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('is kept per copy of the program, so a stack trace names the copy that ran', async () => {
    const dir = freshCacheDir();
    const copies = ['first', 'second'].map((name) => {
      const copy = join(mkdtempSync(join(tmpdir(), 'copy-')), name);
      mkdirSync(copy);
      for (const file of ['cli.js', 'main.cjs', 'package.json']) copyFileSync(join(dirname(CLI), file), join(copy, file));
      return copy;
    });
    // Each copy makes its status cache (a whole run, in practice mode), then fails with no
    // credentials at all: the SDK's error, with its stack under --debug, from a run on the cache.
    const env = { HOME: mkdtempSync(join(tmpdir(), 'home-')), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_EC2_METADATA_DISABLED: 'true' };
    const stacks = [];
    for (const copy of copies) {
      const cli = join(copy, 'cli.js');
      expect(await practiceStatus(dir, env, cli)).toMatchObject({ code: 1, verdict: 'missing' });
      const failed = await run(['status', '--json', '--debug'], dir, env, [], cli);
      expect(failed).toMatchObject({ code: 4, verdict: 'accepted' });
      stacks.push(failed.stderr);
    }
    expect(stacks[0]).toContain(join(copies[0]!, 'main.cjs'));
    expect(stacks[1]).toContain(join(copies[1]!, 'main.cjs'));
    expect(stacks[1]).not.toContain(copies[0]!);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, as Node’s own is', async () => {
    const dir = freshCacheDir();
    const result = await run(['--help'], dir, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(result).toMatchObject({ code: 0, file: 'no cache', verdict: 'missing' });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it('is not used by org, which runs from the ES modules: for minutes, where memory counts, not start-up', async () => {
    const dir = freshCacheDir();
    const result = await run(['org', '--help'], dir);
    expect(result).toMatchObject({ code: 0, verdict: undefined, stderr: '' });
    expect(result.stdout).toMatch(/\borg\b/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it('is not touched by --version, which the entry answers alone', async () => {
    const dir = freshCacheDir();
    const result = await run(['--version'], dir);
    expect(result).toMatchObject({ code: 0, verdict: undefined });
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});

describe('cacheDir', () => {
  const home = () => '/home/jane';
  it.each([
    [{}, { dir: '/home/jane/.cache/aws-root-lockdown', chosen: false }],
    [{ XDG_CACHE_HOME: '/var/cache/jane' }, { dir: '/var/cache/jane/aws-root-lockdown', chosen: false }],
    [{ XDG_CACHE_HOME: 'relative' }, { dir: '/home/jane/.cache/aws-root-lockdown', chosen: false }], // the XDG spec: relative paths are ignored
    [{ NODE_COMPILE_CACHE: '/tmp/mine' }, { dir: '/tmp/mine', chosen: true }],
    [{ NODE_COMPILE_CACHE: '/tmp/mine', NODE_DISABLE_COMPILE_CACHE: '1' }, undefined],
  ])('%o -> %o', (env, dir) => {
    expect(cacheDir(env, home)).toEqual(dir);
  });

  it('is none without a home folder, or with a relative one (HOME=.)', () => {
    expect(cacheDir({}, () => { throw new Error('no home'); })).toBeUndefined();
    expect(cacheDir({}, () => '.')).toBeUndefined();
  });
});

describe('fnv1a', () => {
  it('gives the published FNV-1a 32-bit values', () => {
    // From the FNV reference test vectors (draft-eastlake-fnv): "", "a" and "foobar".
    expect([fnv1a(''), fnv1a('a'), fnv1a('foobar')]).toEqual(['811c9dc5', 'e40c292c', 'bf9cf968']);
  });
});

describe('cacheProfile', () => {
  it.each([
    [['status', '--json'], 'status'],
    [['--profile', 'admin', 'status'], 'status'],
    [[], 'wizard'],
    [['--yes', '--practice'], 'wizard'],
    [['practice', 'console'], 'practice'],
    [['status', '--help'], 'help'],
    [['status', '--version'], undefined],
    // Grouped short flags, as parseArgs takes them.
    [['status', '-yV'], undefined],
    [['-hV'], undefined],
    [['-yh'], 'help'],
  ])('%o -> %s', (argv, profile) => {
    expect(cacheProfile(argv)).toBe(profile);
  });
});
