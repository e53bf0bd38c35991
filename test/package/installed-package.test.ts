// @module-tag e2e
// The package as people get it: `npm pack`, installed into an empty prefix from nothing but the
// tarball, then run from that installed copy against moto.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountProxy, type AccountProxy } from '../support/account-proxy.js';
import { awsEnv } from '../support/aws-env.js';
import { ROOT } from '../support/cli-path.js';
import type { Env } from '../support/env.js';
import { startMoto, type Moto } from '../support/moto.js';
import { runProcess } from '../support/process.js';
import { spawnPty } from '../support/pty.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

// `npm test` exports npm_config_* settings of the project; the install must see none of them.
const withoutNpmSettings: Env = Object.fromEntries(Object.keys(process.env).filter((k) => /^npm_/i.test(k)).map((k) => [k, undefined]));

let dir: string;
let prefix: string;
let bin: string;
let packed: { size: number; files: { path: string }[] };
let moto: Moto;
let proxy: AccountProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aws-root-lockdown-package-'));
  prefix = join(dir, 'prefix');
  // --ignore-scripts: prepack would rebuild dist/ under the other test files that are running it;
  // `npm test` has just built it.
  const pack = await runProcess('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    env: withoutNpmSettings,
  });
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  packed = info!;
  // --offline with an empty cache: anything beyond the tarball itself would fail the install.
  const install = await runProcess(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(dir, 'cache'), '--prefix', prefix, join(dir, info!.filename)],
    { cwd: dir, env: withoutNpmSettings, timeoutMs: 120_000 },
  );
  expect(install.code, install.stderr).toBe(0);
  bin = join(prefix, 'node_modules', '.bin', 'aws-root-lockdown');
  moto = await startMoto();
  proxy = await startAccountProxy(moto.url);
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The installed CLI's environment: moto behind the proxy, temporary root credentials as in CloudShell. */
function env(): Env {
  return {
    ...awsEnv(proxy.url),
    AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
    AWS_SESSION_TOKEN: 'session-token',
    // The program must silence the SDK's Node 20 warning by itself.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
    CI: undefined,
  };
}

describe('the published package', () => {
  it('is a small tarball of the bundle that installs with no dependencies', () => {
    expect(packed.size).toBeLessThan(1_000_000);
    expect(packed.files.map((f) => f.path).filter((p) => !p.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
    const installed = JSON.parse(readFileSync(join(prefix, 'node_modules', 'aws-root-lockdown', 'package.json'), 'utf8'));
    expect(installed.dependencies ?? {}).toEqual({});
    expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['aws-root-lockdown']);
  });

  it('answers --version from the installed copy', async () => {
    const result = await runProcess(bin, ['--version'], { cwd: dir, env: env() });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('reports status --json against moto from the installed copy', async () => {
    proxy.state = { caller: 'root', mfa: true, accessKeys: true, password: true, signedIn: new Set() };
    proxy.resetCounts();
    const result = await runProcess(bin, ['status', '--json'], { cwd: dir, env: env() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.caller.isRoot).toBe(true);
    expect(Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]))).toMatchObject({
      'root-mfa': 'pass',
      'root-access-keys': 'fail',
      'admin-user': 'fail',
    });
    expect(report.ok).toBe(false);
    expect(proxy.count('iam:GetAccountSummary')).toBeGreaterThan(0);
  });

  it('prints hints the way it was started: the installed name when it is on PATH', async () => {
    proxy.state = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };
    const onPath = await runProcess('aws-root-lockdown', ['status', '--region', 'eu-west-1'], {
      cwd: dir,
      env: { ...env(), ...withoutNpmSettings, PATH: `${join(prefix, 'node_modules', '.bin')}:${process.env.PATH}` },
    });
    expect(onPath.stdout).toContain('Work through them with:\n  $ aws-root-lockdown --region eu-west-1\n');
    const byPath = await runProcess(bin, ['status'], { cwd: dir, env: { ...env(), ...withoutNpmSettings } });
    expect(byPath.stdout).toContain(`Work through them with:\n  $ ${join('prefix', 'node_modules', '.bin', 'aws-root-lockdown')}\n`);
  });

  it('prints hints the way it was started: npx ./aws-root-lockdown-<version>.tgz', async () => {
    const tarball = `./aws-root-lockdown-${version}.tgz`;
    const result = await runProcess('npx', ['--yes', '--offline', '--cache', join(dir, 'cache'), tarball, 'status', '--region', 'eu-west-1'], {
      cwd: dir,
      env: { ...env(), ...withoutNpmSettings },
      timeoutMs: 120_000,
    });
    expect(result.stdout, result.stderr).toContain(`Work through them with:\n  $ npx ${tarball} --region eu-west-1\n`);
  }, 150_000);

  it('runs the wizard in a terminal from the installed copy until Ctrl-C stops it', async () => {
    proxy.state = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };
    const pty = spawnPty(bin, [], { cwd: dir, env: env() });
    try {
      await pty.waitFor(/\[1\/\d+\] Turn on MFA for the root user/, 30_000);
      await pty.waitFor('Enter: check now · s: skip (asks first)', 30_000);
      pty.press('ctrl-c');
      expect((await pty.exited).exitCode).toBe(130);
      expect(pty.output()).toContain('Stopped.');
    } finally {
      pty.kill('SIGKILL');
    }
  });
});
