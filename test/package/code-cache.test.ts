// The program starts from V8's code cache (src/code-cache.ts): made after a first run, used by the
// next, kept private, refused when it could have come from someone else, harmless when broken.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, cacheProfile, fnv1a } from '../../src/code-cache.js';
import { CLI, ROOT } from '../support/cli-path.js';
import { runProcess } from '../support/process.js';

/** A run of the built CLI with its cache in `dir`, and what NODE_DEBUG=code-cache said of it. */
async function run(args: string[], dir: string, env: Record<string, string | undefined> = {}) {
  const result = await runProcess(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { NODE_COMPILE_CACHE: dir, NODE_DEBUG: 'code-cache', ...env },
    timeoutMs: 30_000,
  });
  const said = /CODE-CACHE \d+: (.*): (\w+)\n/.exec(result.stderr);
  return { ...result, file: said?.[1], verdict: said?.[2], stderr: result.stderr.replace(/CODE-CACHE \d+: .*\n/g, '') };
}

/** `status` on a practice account of its own: a whole run, exit 1 (a new account's checks are open). */
const practiceStatus = (dir: string) => run(['status', '--practice', '--practice-state', join(mkdtempSync(join(tmpdir(), 'practice-')), 'account.json')], dir);

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'cache');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the code cache', () => {
  it('is made by a first run, private to its user, and used by the next run, which prints the same', async () => {
    const dir = freshDir();
    const first = await run(['--help'], dir);
    expect(first).toMatchObject({ code: 0, verdict: 'missing', stderr: '' });
    expect(readdirSync(dir)).toEqual([first.file!.slice(dir.length + 1)]);
    expect(first.file).toMatch(/aws-root-lockdown-[0-9a-f]{16}-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-help\.v8$/);
    expect([mode(dir), mode(first.file!)]).toEqual([0o700, 0o600]);
    const second = await run(['--help'], dir);
    expect(second).toMatchObject({ code: 0, verdict: 'accepted', file: first.file, stdout: first.stdout });
  });

  it('is not used, nor written, where another user could have written it', async () => {
    const dir = freshDir();
    const first = await run(['--help'], dir);
    const made = readFileSync(first.file!);
    chmodSync(dir, 0o777);
    const open = await run(['--help'], dir);
    expect(open).toMatchObject({ code: 0, verdict: 'untrusted', stdout: first.stdout });
    chmodSync(dir, 0o700);
    chmodSync(first.file!, 0o666);
    expect(await run(['--help'], dir)).toMatchObject({ code: 0, verdict: 'untrusted' });
    expect(readFileSync(first.file!).equals(made)).toBe(true);
  });

  it('that is broken is refused by V8 and made again; the run is unharmed', async () => {
    const dir = freshDir();
    const first = await run(['--help'], dir);
    writeFileSync(first.file!, Buffer.alloc(4096, 7), { mode: 0o600 });
    const broken = await run(['--help'], dir);
    expect(broken).toMatchObject({ code: 0, verdict: 'rejected', stdout: first.stdout, stderr: '' });
    expect(await run(['--help'], dir)).toMatchObject({ verdict: 'accepted' });
  });

  it('is kept per command, since each compiles other code', async () => {
    const dir = freshDir();
    await run(['--help'], dir);
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'missing' }); // a new practice account: checks open
    expect(readdirSync(dir).map((f) => f.replace(/^.*-(\w+)\.v8$/, '$1')).sort()).toEqual(['help', 'status']);
  });

  it('is made only by a run that did its work: one refused at its flags compiled too little to keep', async () => {
    const dir = freshDir();
    const usage = await run(['status', '--no-such-flag'], dir);
    expect(usage).toMatchObject({ code: 2, verdict: 'missing' });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'missing' });
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, verdict: 'accepted' });
  });

  it('is kept per copy of the program, so a stack trace names the copy that ran', async () => {
    const dir = freshDir();
    const copies = ['first', 'second'].map((name) => {
      const copy = join(mkdtempSync(join(tmpdir(), 'copy-')), name);
      mkdirSync(copy);
      for (const file of ['cli.js', 'main.cjs', 'package.json']) copyFileSync(join(dirname(CLI), file), join(copy, file));
      return copy;
    });
    // Each copy makes its status cache (a whole run, in practice mode), then fails with no
    // credentials at all: the SDK's error, with its stack under --debug, from a run on the cache.
    const env = { HOME: mkdtempSync(join(tmpdir(), 'home-')), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_EC2_METADATA_DISABLED: 'true', NODE_COMPILE_CACHE: dir, NODE_DEBUG: 'code-cache' };
    const state = join(mkdtempSync(join(tmpdir(), 'practice-')), 'account.json');
    const stacks = [];
    for (const copy of copies) {
      const cli = join(copy, 'cli.js');
      const made = await runProcess(process.execPath, [cli, 'status', '--practice', '--practice-state', state], { cwd: ROOT, env });
      expect(made.code).toBe(1);
      const failed = await runProcess(process.execPath, [cli, 'status', '--json', '--debug'], { cwd: ROOT, env });
      expect(failed.stderr).toMatch(/CODE-CACHE \d+: .*: accepted/);
      stacks.push(failed.stderr);
    }
    expect(stacks[0]).toContain(join(copies[0]!, 'main.cjs'));
    expect(stacks[1]).toContain(join(copies[1]!, 'main.cjs'));
    expect(stacks[1]).not.toContain(copies[0]!);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it("of other builds is removed once a month old, not sooner: another copy may still use it", async () => {
    const dir = freshDir();
    await run(['--help'], dir);
    const [old, young] = ['0000000000000000', '1111111111111111'].map((build) => join(dir, `aws-root-lockdown-${build}-00000000-v20.0.0-x64-help.v8`));
    for (const file of [old!, young!]) writeFileSync(file, 'x', { mode: 0o600 });
    const monthAgo = new Date(Date.now() - 31 * 86_400_000);
    utimesSync(old!, monthAgo, monthAgo);
    await practiceStatus(dir); // a run that writes a cache (its command's first)
    const left = readdirSync(dir);
    expect(left).toContain(young!.slice(dir.length + 1));
    expect(left).not.toContain(old!.slice(dir.length + 1));
    expect(left).toHaveLength(3); // help, status, and the young one
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, as Node’s own is', async () => {
    const dir = freshDir();
    const result = await run(['--help'], dir, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(result).toMatchObject({ code: 0, file: 'no cache folder', verdict: 'missing' });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it('is not used by org, which runs from the ES modules: for minutes, where memory counts, not start-up', async () => {
    const dir = freshDir();
    const result = await run(['org', '--help'], dir);
    expect(result).toMatchObject({ code: 0, verdict: undefined, stderr: '' });
    expect(result.stdout).toMatch(/\borg\b/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it('is not touched by --version, which the entry answers alone', async () => {
    const dir = freshDir();
    const result = await run(['--version'], dir);
    expect(result).toMatchObject({ code: 0, verdict: undefined });
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});

describe('cacheDir', () => {
  const home = () => '/home/jane';
  it.each([
    [{}, '/home/jane/.cache/aws-root-lockdown'],
    [{ XDG_CACHE_HOME: '/var/cache/jane' }, '/var/cache/jane/aws-root-lockdown'],
    [{ XDG_CACHE_HOME: 'relative' }, '/home/jane/.cache/aws-root-lockdown'], // the XDG spec: relative paths are ignored
    [{ NODE_COMPILE_CACHE: '/tmp/mine' }, '/tmp/mine'],
    [{ NODE_COMPILE_CACHE: '/tmp/mine', NODE_DISABLE_COMPILE_CACHE: '1' }, undefined],
  ])('%o -> %s', (env, dir) => {
    expect(cacheDir(env, home)).toBe(dir);
  });

  it('is none without a home folder', () => {
    expect(cacheDir({}, () => { throw new Error('no home'); })).toBeUndefined();
  });
});

describe('fnv1a', () => {
  it('gives the published FNV-1a 32-bit values', () => {
    // From the FNV reference test vectors (draft-eastlake-fnv): "" and "a".
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
  ])('%o -> %s', (argv, profile) => {
    expect(cacheProfile(argv)).toBe(profile);
  });
});
