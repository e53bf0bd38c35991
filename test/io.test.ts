// The one object that decides what the terminal can do, as a table of terminals and environments.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { processIO, readAll } from '../src/io.js';

/** A process whose three streams are, or are not, terminals. */
function fakeProcess(tty: { stdin: boolean; stdout: boolean; stderr: boolean }, columns?: number) {
  const stream = (isTTY: boolean, extra: object = {}) => Object.assign(new PassThrough(), { isTTY: isTTY || undefined, ...extra });
  return {
    stdin: stream(tty.stdin),
    stdout: stream(tty.stdout, { columns }),
    stderr: stream(tty.stderr),
    env: {},
  } as unknown as NodeJS.Process;
}

const ALL = { stdin: true, stdout: true, stderr: true };
const NONE = { stdin: false, stdout: false, stderr: false };

describe('processIO', () => {
  it.each([
    ['a terminal', ALL, { canPrompt: true, spinner: true, color: true }],
    ['a pipe out (| less, > file)', { ...ALL, stdout: false }, { canPrompt: false, spinner: true, color: false }],
    ['a pipe in (printf … |)', { ...ALL, stdin: false }, { canPrompt: false, spinner: true, color: true }],
    ['stderr redirected (2> log)', { ...ALL, stderr: false }, { canPrompt: true, spinner: false, color: true }],
    ['no terminal at all (cron)', NONE, { canPrompt: false, spinner: false, color: false }],
  ])('%s', (_, tty, expected) => {
    const io = processIO(fakeProcess(tty), {});
    expect(io).toMatchObject({ isTTY: tty, ...expected });
  });

  it.each([
    [{ NO_COLOR: '1' }, ALL, false],
    [{ NO_COLOR: '' }, ALL, false], // kleur's rule: present at all
    [{ TERM: 'dumb' }, ALL, false],
    [{ NODE_DISABLE_COLORS: '1' }, ALL, false],
    [{ FORCE_COLOR: '1' }, NONE, true],
    [{ FORCE_COLOR: '0' }, NONE, false],
    [{ FORCE_COLOR: '0' }, ALL, true],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, ALL, false],
  ])('colour under %j with %j: %s', (env, tty, color) => {
    expect(processIO(fakeProcess(tty), env).color).toBe(color);
  });

  it("reads the terminal's width when asked, 80 outside a terminal", () => {
    expect(processIO(fakeProcess(ALL, 132), {}).columns()).toBe(132);
    expect(processIO(fakeProcess({ ...ALL, stdout: false }, 132), {}).columns()).toBe(80);
    expect(processIO(fakeProcess(ALL), {}).columns()).toBe(80);
  });

  it('reads standard input to its end', async () => {
    const proc = fakeProcess(NONE);
    const io = processIO(proc, {});
    const text = readAll(io);
    (proc.stdin as unknown as PassThrough).end('first line\nsecond\n');
    expect(await text).toBe('first line\nsecond\n');
  });
});
