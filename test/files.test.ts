// Files written safely (issue 12, finding 6): privately, atomically, never through a link, and a
// file that cannot be written is a FileProblem (exit 2) naming the path and the reason.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileProblem } from '../src/errors.js';
import { EXIT } from '../src/exit-codes.js';
import { readSmallFile, writePrivateFile } from '../src/files.js';
import { loadScenario, saveScenario } from '../src/practice/scenarios/scenario-file.js';
import { newAccountScenario } from '../src/practice/scenarios/scenario.js';
import { reportError } from '../src/report-error.js';

const folder = () => mkdtempSync(join(tmpdir(), 'safe-files-'));
const mode = (path: string) => statSync(path).mode & 0o777;

afterEach(() => vi.restoreAllMocks());

describe('writePrivateFile', () => {
  it('a link planted where the old writer put its temporary file is not followed: the file it points at is untouched', () => {
    const dir = folder();
    const path = join(dir, 'state.json');
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    // The name the scenario writer used before (`<FILE>.<pid>.tmp`), and a few more a planter might guess.
    for (const guess of [`${path}.${process.pid}.tmp`, `${path}.tmp`, join(dir, '.state.json.tmp')]) symlinkSync(victim, guess);

    const scenario = newAccountScenario();
    saveScenario(path, scenario);

    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(loadScenario(path)).toEqual(scenario);
  });

  it('writes mode 0600, also when it replaces a file others could read', () => {
    const dir = folder();
    const path = join(dir, 'state.json');
    writeFileSync(path, 'old', { mode: 0o644 });
    chmodSync(path, 0o644);
    writePrivateFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(mode(path)).toBe(0o600);
    writePrivateFile(join(dir, 'fresh.json'), 'x');
    expect(mode(join(dir, 'fresh.json'))).toBe(0o600);
  });

  it('leaves no temporary file behind, written or refused', () => {
    const dir = folder();
    writePrivateFile(join(dir, 'a.json'), 'a');
    writePrivateFile(join(dir, 'a.json'), 'b');
    expect(() => writePrivateFile(join(dir, 'x'.repeat(250)), 'c')).toThrow(FileProblem);
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('a symbolic link at the path is refused, not written through and not replaced', () => {
    const dir = folder();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    const path = join(dir, 'state.json');
    symlinkSync(victim, path);
    expect(() => writePrivateFile(path, 'evil')).toThrow(new FileProblem(path, `cannot write ${path}: it is a symbolic link; give the path of the file itself`));
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
  });

  it('a file its owner made read-only is refused and left as it was', () => {
    const path = join(folder(), 'lesson.json');
    writeFileSync(path, 'keep');
    chmodSync(path, 0o444);
    expect(() => writePrivateFile(path, 'new')).toThrow(`cannot write ${path}: it is read-only`);
    expect(readFileSync(path, 'utf8')).toBe('keep');
    expect(mode(path)).toBe(0o444);
  });

  it('replaceOnly replaces a file that is there and creates none', () => {
    const dir = folder();
    const path = join(dir, 'practice-account.json');
    expect(() => writePrivateFile(path, 'new', { replaceOnly: true })).toThrow(`cannot write ${path}: it is no longer there`);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(path, 'old');
    writePrivateFile(path, 'new', { replaceOnly: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it.each([
    ['a folder that does not exist', (dir: string) => join(dir, 'missing', 'state.json'), /its folder does not exist \(ENOENT\)$/],
    ['a name too long for the file system', (dir: string) => join(dir, 'n'.repeat(300)), /the name is too long \(ENAMETOOLONG\)$/],
    ['a path through a file', (dir: string) => (writeFileSync(join(dir, 'file'), ''), join(dir, 'file', 'state.json')), /not a folder \(ENOTDIR\)$/],
    ['a folder', (dir: string) => (mkdirSync(join(dir, 'sub')), join(dir, 'sub')), /it is not a regular file$/],
  ])('%s is a FileProblem naming the path and the reason', (_, pathIn, reason) => {
    const path = pathIn(folder());
    let thrown: unknown;
    try {
      writePrivateFile(path, 'x');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FileProblem);
    expect((thrown as FileProblem).path).toBe(path);
    expect((thrown as Error).message).toMatch(new RegExp(`^cannot write ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect((thrown as Error).message).toMatch(reason);
  });

  it('a FileProblem is exit 2 and one line on stderr, without a stack trace even under --debug', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => (lines.push(String(text)), true));
    expect(reportError(new FileProblem('/x/y', 'cannot write /x/y: permission denied (EACCES)'), true)).toBe(EXIT.usage);
    expect(lines).toEqual(['aws-root-lockdown: cannot write /x/y: permission denied (EACCES)\n']);
  });
});

describe('readSmallFile', () => {
  it('nothing at the path is undefined; a file is its text', () => {
    const dir = folder();
    expect(readSmallFile(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'a.json'), 'héllo');
    expect(readSmallFile(join(dir, 'a.json'))).toBe('héllo');
  });

  it('a FIFO is refused at once instead of waiting for a writer; a folder and a large file are refused', () => {
    const dir = folder();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => readSmallFile(join(dir, 'fifo'))).toThrow(`cannot read ${join(dir, 'fifo')}: it is not a regular file`);
    expect(() => readSmallFile(dir)).toThrow(FileProblem);
    writeFileSync(join(dir, 'big'), Buffer.alloc(2048));
    expect(() => readSmallFile(join(dir, 'big'), 1024)).toThrow(`cannot read ${join(dir, 'big')}: it is larger than 1024 bytes`);
  });
});
