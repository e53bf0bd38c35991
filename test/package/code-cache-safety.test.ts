// The code cache's safety (src/code-cache.ts): code from it runs as the user, so it is used only
// from the user's own private folder; a damaged one is refused before V8 reads it; writing it
// makes nothing where the user does not own the folder, leaves no half-written file, and removes
// only the program's own old caches.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshCacheDir, modeOf, practiceState, practiceStatus, runCached as run } from '../support/code-cache-run.js';

const asRoot = process.getuid?.() === 0;
const nobody = 65534;

describe('the code cache', () => {
  it('is not used, nor written, in a folder another user could write to', async () => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    const made = readFileSync(first.file!);
    chmodSync(dir, 0o777);
    const open = await run(['--help'], dir);
    expect(open).toMatchObject({ code: 0, verdict: 'untrusted', stdout: first.stdout, stderr: '' });
    expect(readFileSync(first.file!).equals(made)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it.each([
    ['writable by others', (file: string) => chmodSync(file, 0o666)],
    ['a symbolic link', (file: string) => (writeFileSync(`${file}.elsewhere`, readFileSync(file), { mode: 0o600 }), rmSync(file), symlinkSync(`${file}.elsewhere`, file))],
  ])('that is %s, in the user’s own folder, is not used and is made anew', async (_, spoil) => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    spoil(first.file!);
    expect(await run(['--help'], dir)).toMatchObject({ code: 0, verdict: 'untrusted', stdout: first.stdout, stderr: '' });
    expect(statSync(first.file!).isFile() && modeOf(first.file!)).toBe(0o600);
    expect(await run(['--help'], dir)).toMatchObject({ verdict: 'accepted' });
  });

  it.each([
    ['other bytes', (data: Buffer) => Buffer.alloc(4096, 7)],
    ['cut short', (data: Buffer) => data.subarray(0, data.length >> 1)],
    ['empty', () => Buffer.alloc(0)],
    // V8 checks only a cache's header: bytes changed in its body crashed it on every run
    // ("Check failed: ReadSingleBytecodeData", or a segmentation fault), until the file was deleted.
    ['damaged in its body', (data: Buffer) => Buffer.concat([data.subarray(0, 5000), Buffer.from('XXXXXXXX'), data.subarray(5008)])],
    ['zeroed in its body', (data: Buffer) => Buffer.concat([data.subarray(0, data.length >> 1), Buffer.alloc(Math.min(400_000, data.length >> 2)), data.subarray((data.length >> 1) + Math.min(400_000, data.length >> 2))])],
  ])('%s is refused before V8 reads it, and made again; the run is unharmed', async (_, damage) => {
    const [dir, state] = [freshCacheDir(), practiceState()];
    const first = await practiceStatus(dir, {}, undefined, state);
    writeFileSync(first.file!, damage(readFileSync(first.file!)), { mode: 0o600 });
    const damaged = await practiceStatus(dir, {}, undefined, state);
    expect(damaged).toMatchObject({ code: 1, verdict: 'rejected', stdout: first.stdout, stderr: '' });
    expect(await practiceStatus(dir, {}, undefined, state)).toMatchObject({ code: 1, verdict: 'accepted' });
  });

  it('that cannot be written leaves no half-written file behind', async () => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    rmSync(first.file!);
    mkdirSync(first.file!); // a folder where the cache goes: the rename fails
    expect(await run(['--help'], dir)).toMatchObject({ code: 0, verdict: 'untrusted', stderr: '' });
    expect(readdirSync(dir)).toEqual([first.file!.slice(dir.length + 1)]);
  });

  it('that cannot be looked at or written says nothing: no stack trace, the run as it was', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'a-file');
    writeFileSync(file, '');
    for (const dir of [join(file, 'sub'), join(file, 'sub', 'deeper')]) {
      expect(await run(['--help'], dir)).toMatchObject({ code: 0, stderr: '' });
      expect(await practiceStatus(dir)).toMatchObject({ code: 1, stderr: '' });
    }
  });

  it('cleans up past entries it cannot look at or remove (a dangling link, a folder), and a write a killed run left', async () => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    const name = first.file!.slice(dir.length + 1);
    const [, build, copy] = /^aws-root-lockdown-([0-9a-f]{16})-([0-9a-f]{8})-/.exec(name)!;
    const other = (b: string, c: string, kind = 'wizard') => name.replace(build!, b.repeat(16)).replace(copy!, c.repeat(8)).replace(/help\.v8$/, `${kind}.v8`);
    symlinkSync('/nonexistent', join(dir, other('3', 'c')));
    mkdirSync(join(dir, other('4', 'c')));
    const old = other('5', 'd');
    const abandoned = `${name.replace(/help\.v8$/, 'status.v8')}.99999.tmp`;
    const writing = `${name.replace(/help\.v8$/, 'wizard.v8')}.99998.tmp`;
    for (const file of [old, abandoned, writing]) writeFileSync(join(dir, file), 'x', { mode: 0o600 });
    const [monthAgo, twoHoursAgo] = [31 * 86_400_000, 7_200_000].map((ms) => new Date(Date.now() - ms));
    utimesSync(join(dir, old), monthAgo, monthAgo);
    utimesSync(join(dir, abandoned), twoHoursAgo, twoHoursAgo);
    expect(await practiceStatus(dir)).toMatchObject({ code: 1, stderr: '' });
    const left = readdirSync(dir);
    expect(left).not.toContain(old);
    expect(left).not.toContain(abandoned);
    expect(left).toContain(writing); // a run may be writing it now
    expect(left).toContain(other('4', 'c')); // not a file: left alone
  });

  it('of other builds: of this copy, removed when it is rebuilt; of other copies, once a month old; nothing else', async () => {
    const dir = freshCacheDir();
    const first = await run(['--help'], dir);
    const name = first.file!.slice(dir.length + 1);
    const [, build, copy] = /^aws-root-lockdown-([0-9a-f]{16})-([0-9a-f]{8})-/.exec(name)!;
    const rebuilt = name.replace(build!, '0'.repeat(16)); // this copy, an earlier build
    const otherCopyOld = name.replace(build!, '1'.repeat(16)).replace(copy!, 'aaaaaaaa');
    const otherCopyYoung = name.replace(build!, '2'.repeat(16)).replace(copy!, 'bbbbbbbb');
    const usersOwn = ['aws-root-lockdown-0.1.0.tgz', 'aws-root-lockdown-notes.txt'];
    for (const file of [rebuilt, otherCopyOld, otherCopyYoung, ...usersOwn]) writeFileSync(join(dir, file), 'x', { mode: 0o600 });
    const monthAgo = new Date(Date.now() - 31 * 86_400_000);
    for (const file of [otherCopyOld, ...usersOwn]) utimesSync(join(dir, file), monthAgo, monthAgo);
    await practiceStatus(dir); // a run that writes a cache (its command's first)
    expect(readdirSync(dir).sort()).toEqual([name, name.replace(/help\.v8$/, 'status.v8'), otherCopyYoung, ...usersOwn].sort());
  });
});

describe('the code cache folder', () => {
  const home = () => mkdtempSync(join(tmpdir(), 'home-'));
  const inHome = (HOME: string) => ({ HOME });

  it('is made in a new home, with its ~/.cache, both private', async () => {
    const HOME = home();
    expect(await run(['--help'], undefined, inHome(HOME))).toMatchObject({ code: 0, verdict: 'missing' });
    expect([modeOf(join(HOME, '.cache')), modeOf(join(HOME, '.cache', 'aws-root-lockdown'))]).toEqual([0o700, 0o700]);
    expect(await run(['--help'], undefined, inHome(HOME))).toMatchObject({ verdict: 'accepted' });
  });

  it('is not made for a home that does not exist: the run goes on without a cache', async () => {
    const HOME = join(home(), 'gone');
    expect(await run(['--help'], undefined, inHome(HOME))).toMatchObject({ code: 0, verdict: 'missing', stderr: '' });
    expect(() => statSync(HOME)).toThrow(/ENOENT/);
  });

  it.skipIf(!asRoot)('is not made in another user’s home (sudo -E): no folder of root’s in their ~/.cache', async () => {
    const HOME = home();
    chownSync(HOME, nobody, nobody);
    expect(await run(['--help'], undefined, inHome(HOME))).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(HOME)).toEqual([]);
    mkdirSync(join(HOME, '.cache'));
    chownSync(join(HOME, '.cache'), nobody, nobody);
    expect(await run(['--help'], undefined, inHome(HOME))).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(join(HOME, '.cache'))).toEqual([]);
  });

  it('named by NODE_COMPILE_CACHE is made wherever the person put it, but not the folders above it', async () => {
    const dir = freshCacheDir();
    expect(await run(['--help'], dir)).toMatchObject({ verdict: 'missing' });
    expect(modeOf(dir)).toBe(0o700);
    const deeper = join(freshCacheDir(), 'deeper');
    expect(await run(['--help'], deeper)).toMatchObject({ code: 0, stderr: '' });
    expect(() => statSync(deeper)).toThrow(/ENOENT/);
  });
});
