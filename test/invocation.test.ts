// Hints that run what the person ran: every printed command is spelled the way this run was
// started, with the flags that keep it on the same account (or in practice mode).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandLine, detectLauncher, launch, sameAccountFlags, useInvocation } from '../src/invocation.js';
import { CLI, ROOT } from './support/cli-path.js';
import type { Env } from './support/env.js';
import { runProcess } from './support/process.js';
import { spawnPty } from './support/pty.js';
import { useTestAccount } from './support/test-account.js';

describe('detectLauncher', () => {
  it('npm start in a clone', () => {
    expect(detectLauncher({ npm_lifecycle_event: 'start', npm_package_name: 'aws-root-lockdown' }, '/src/arl/dist/cli.js', '/src/arl')).toEqual(['npm', 'start', '--']);
  });

  it('npx, with what npx was asked to run (its cache records it)', () => {
    const npxDir = mkdtempSync(join(tmpdir(), 'arl-npx-'));
    mkdirSync(join(npxDir, 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(npxDir, 'package.json'), JSON.stringify({ _npx: { packages: ['./aws-root-lockdown-0.1.0.tgz'] } }));
    const bin = join(npxDir, 'node_modules', '.bin', 'aws-root-lockdown');
    writeFileSync(bin, '');
    expect(detectLauncher({ npm_command: 'exec', npm_lifecycle_event: 'npx' }, bin, '/home/me')).toEqual(['npx', './aws-root-lockdown-0.1.0.tgz']);
  });

  it('npx of the published name', () => {
    expect(detectLauncher({ npm_command: 'exec' }, '/home/me/.npm/_npx/0/node_modules/.bin/aws-root-lockdown', '/home/me')).toEqual(['npx', 'aws-root-lockdown']);
  });

  it('the installed name, bare when on PATH, else its path', () => {
    expect(detectLauncher({ PATH: '/usr/bin:/usr/local/bin' }, '/usr/local/bin/aws-root-lockdown', '/home/me')).toEqual(['aws-root-lockdown']);
    expect(detectLauncher({ PATH: '/usr/bin' }, '/opt/arl/bin/aws-root-lockdown', '/home/me')).toEqual(['/opt/arl/bin/aws-root-lockdown']);
    expect(detectLauncher({ PATH: '/usr/bin' }, '/home/me/tools/node_modules/.bin/aws-root-lockdown', '/home/me/tools')).toEqual(['node_modules/.bin/aws-root-lockdown']);
  });

  it('node with a path; an npm_command inherited from a parent npx does not count', () => {
    expect(detectLauncher({}, '/src/arl/dist/cli.js', '/src/arl')).toEqual(['node', 'dist/cli.js']);
    expect(detectLauncher({ npm_command: 'exec' }, '/src/arl/dist/cli.js', '/src/arl')).toEqual(['node', 'dist/cli.js']);
  });
});

describe('commandLine', () => {
  afterAll(() => useInvocation({ launcher: ['aws-root-lockdown'], sameAccount: [] }));

  it('keeps the account flags and never leaves a dangling --', () => {
    useInvocation({ launcher: ['npm', 'start', '--'], sameAccount: sameAccountFlags({ profile: 'admin', region: 'eu-west-1' }) });
    expect(commandLine('status')).toBe('npm start -- status --profile admin --region eu-west-1');
    useInvocation({ launcher: ['npm', 'start', '--'], sameAccount: [] });
    expect(commandLine()).toBe('npm start');
    expect(launch('--practice')).toBe('npm start -- --practice');
  });

  it('practice mode stays practice mode, with its state file quoted for the shell', () => {
    expect(sameAccountFlags({ practice: true, 'practice-state': 'my lesson.json' })).toEqual(['--practice-state', "'my lesson.json'"]);
    expect(sameAccountFlags({ practice: true, profile: undefined })).toEqual(['--practice']);
  });
});

describe('the hints a run prints, for each way of starting it', { tags: ['e2e'] }, () => {
  useTestAccount();
  // `npm test` exports npm_* settings; a person's `npm start` has none of them.
  const env = (): Env => Object.fromEntries(Object.keys(process.env).filter((k) => /^npm_/i.test(k)).map((k) => [k, undefined]));

  it('npm start -- status --region eu-west-1, from the clone', async () => {
    const result = await runProcess('npm', ['start', '--silent', '--', 'status', '--region', 'eu-west-1'], { cwd: ROOT, env: env(), timeoutMs: 60_000 });
    expect(result.stdout).toContain('Work through them with:\n  $ npm start -- --region eu-west-1\n');
  });

  it('node dist/cli.js status --practice: the hint stays in practice mode', async () => {
    const result = await runProcess(process.execPath, [CLI, 'status', '--practice'], { cwd: ROOT, env: env() });
    expect(result.stdout).toContain('Work through them with:\n  $ node dist/cli.js --practice\n');
  });

  it('Ctrl-C in practice mode with a state file: resume with the same file', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'arl-lesson-')), 'lesson 1.json');
    const pty = spawnPty(process.execPath, [CLI, '--practice-state', state], { cwd: ROOT, env: env(), cols: 80, rows: 24 });
    try {
      await pty.waitFor('Enter: check now', 30_000);
      pty.press('ctrl-c');
      expect((await pty.exited).exitCode).toBe(130);
      expect(pty.output().replace(/\n/g, ' ').replace(/ +/g, ' ')).toContain(`run "node dist/cli.js --practice-state '${state}'" to continue where you left off.`);
    } finally {
      pty.kill('SIGKILL');
    }
  });

  it('Ctrl-C in practice mode without a state file: the kept practice account is resumed by the same command', async () => {
    const pty = spawnPty(process.execPath, [CLI, '--practice'], { cwd: ROOT, env: env(), cols: 80, rows: 24 });
    try {
      await pty.waitFor('Enter: check now', 30_000);
      pty.press('ctrl-c');
      expect((await pty.exited).exitCode).toBe(130);
      expect(pty.output().replace(/\n/g, ' ').replace(/ +/g, ' ')).toContain(
        'Stopped. The practice account is saved with everything done so far: run "node dist/cli.js --practice" to continue where you left off.',
      );
    } finally {
      pty.kill('SIGKILL');
    }
  });
});
