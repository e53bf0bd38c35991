// What another user of the same computer can do to a practice run (issue 12, findings 4-6): the
// test runs its intruder as `nobody` through setpriv. The state file is private, the practice
// server refuses whoever lacks the run's token or secret, and a state file nobody may write is
// exit 2 naming the path. Read-only commands leave the state file as it was.
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { runProcess } from '../support/process.js';
import { spawnPty } from '../support/pty.js';
import { CLI, noAws } from '../practice/cli.js';
import { WAIT } from '../practice/wizard-answers.js';

/** A folder anyone may enter and list (0755), so only the files' own modes protect them. */
function openFolder(mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-user-'));
  chmodSync(dir, mode);
  return dir;
}

/** Runs `node args…` as the user nobody, group nogroup, no other groups. */
const asNobody = (args: string[], env = noAws()) =>
  runProcess('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...args], { env: { ...env, HOME: openFolder(0o777) }, timeoutMs: 60_000 });

/**
 * The built program, copied where nobody may read it: the clone may sit in a folder only its owner
 * can enter (CI clones into `mktemp -d`, mode 0700). The bundle needs nothing from node_modules.
 */
function cliNobodyCanRun(): string {
  const copy = openFolder();
  cpSync(dirname(CLI), join(copy, 'dist'), { recursive: true });
  writeFileSync(join(copy, 'package.json'), '{ "type": "module" }\n');
  return join(copy, 'dist', 'cli.js');
}

/** What an intruder tries, from another account on the computer, knowing the port (ports are no secret). */
const INTRUDER = `
const [state, port] = process.argv.slice(1);
const base = 'http://127.0.0.1:' + port;
const form = (fields) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const out = {};
const { readFileSync } = await import('node:fs');
try { readFileSync(state, 'utf8'); out.read = 'read'; } catch (e) { out.read = e.code; }
out.home = (await fetch(base + '/')).status;
const mfa = await fetch(base + '/mfa/assign', { ...form({ principal: 'root', deviceName: 'intruder', type: 'virtual' }), redirect: 'manual' });
out.mfa = mfa.status;
out.seed = /[A-Z2-7]{32}/.test(await mfa.text());
out.deleteKey = (await fetch(base + '/credentials/status', form({ kind: 'access-key', id: 'AKIAPRACTICEROOTKEY1', status: 'Inactive' }))).status;
const unsigned = await fetch(base + '/', { ...form({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'intruder' }),
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=ASIAPRACTICE00000000/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64) } });
out.createUser = unsigned.status;
const big = await fetch(base + '/', { method: 'POST', body: new Uint8Array(64 * 1024 * 1024) }).then((r) => r.status, (e) => e.cause?.code ?? 'reset');
out.bigBody = big;
console.log(JSON.stringify(out));
`;

describe('a user whose home they cannot write to', () => {
  it('is told in one line, exit 2, where the practice account could not be kept and how to name a file', async () => {
    const home = openFolder(); // root's, 0755: nobody may enter it, not write in it
    const run = await runProcess('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, cliNobodyCanRun(), '--practice', '--yes'], {
      env: { ...noAws(), XDG_STATE_HOME: undefined, HOME: home },
      timeoutMs: 60_000,
    });
    const folder = join(home, '.local', 'state', 'aws-root-lockdown');
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `aws-root-lockdown: cannot make ${folder} to keep the practice account in: permission denied (EACCES); name a file you can write with --practice-state FILE\n`,
    });
    expect(existsSync(join(home, '.local'))).toBe(false);
  });
});

describe('another local user', () => {
  it('can neither read the practice state nor use the practice server: no console, no MFA seed, no API call', async () => {
    const dir = openFolder();
    const state = join(dir, 'state.json');
    const term = spawnPty(process.execPath, [CLI, '--practice-state', state, '--poll-interval', '1'], { env: noAws() });
    try {
      const banner = await term.waitFor(/http:\/\/localhost:(\d+)\/\?token=[\w-]+/, WAIT);
      const [consoleUrl, port] = /http:\/\/localhost:(\d+)\/\?token=[\w-]+/.exec(banner)!;
      await term.waitFor('Waiting for an MFA device on the root user', WAIT);
      expect(statSync(state).mode & 0o777).toBe(0o600);

      const intruder = await asNobody(['--input-type=module', '-e', INTRUDER, state, port!]);
      expect(intruder.stderr).toBe('');
      expect(JSON.parse(intruder.stdout)).toEqual({
        read: 'EACCES',
        home: 403,
        mfa: 403,
        seed: false,
        deleteKey: 403,
        createUser: 403,
        bigBody: expect.toSatisfy((s: unknown) => s === 413 || s === 'ECONNRESET' || s === 'EPIPE' || s === 'reset'),
      });

      // The wizard is unharmed: its console answers the person's link, and the state is as it was.
      expect((await fetch(consoleUrl)).status).toBe(200);
      const saved = JSON.parse(readFileSync(state, 'utf8'));
      expect(saved.users).toEqual([]);
      expect(saved.root.accessKeys).toHaveLength(1);
      term.press('ctrl-c');
      expect((await term.exited).exitCode).toBe(130);
    } finally {
      term.kill();
    }
  }, 120_000);

  it('a state file in a folder the user may not write is exit 2 naming the path and the reason, not a bug (70)', async () => {
    const state = join(openFolder(), 'state.json');
    const result = await asNobody([cliNobodyCanRun(), '--practice-state', state, '--yes']);
    expect(result.code).toBe(2);
    // The first write is the lock the run takes on the account (practice-lock.ts), beside the file.
    expect(result.stderr).toBe(`aws-root-lockdown: cannot write ${state}.lock: permission denied (EACCES)\n`);
    expect(existsSync(state)).toBe(false);
  }, 60_000);
});

describe('read-only commands never write the state file', () => {
  it('status and --dry-run leave a read-only (0444) state file byte for byte, inode and time, and create none', async () => {
    const dir = openFolder(0o700);
    const state = join(dir, 'lesson.json');
    const text = `${JSON.stringify(newAccountScenario(), null, 2)}\n`;
    writeFileSync(state, text);
    chmodSync(state, 0o444);
    const before = statSync(state);

    for (const args of [['status'], ['status', '--json'], ['--dry-run']]) {
      const result = await runProcess(process.execPath, [CLI, ...args, '--practice-state', state], { env: noAws(), timeoutMs: 60_000 });
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 1, stderr: '' });
    }
    const after = statSync(state);
    expect(readFileSync(state, 'utf8')).toBe(text);
    expect({ ino: after.ino, mtimeMs: after.mtimeMs, mode: after.mode & 0o777 }).toEqual({ ino: before.ino, mtimeMs: before.mtimeMs, mode: 0o444 });

    const missing = join(dir, 'never-made.json');
    expect((await runProcess(process.execPath, [CLI, 'status', '--practice-state', missing], { env: noAws(), timeoutMs: 60_000 })).code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  }, 120_000);
});
