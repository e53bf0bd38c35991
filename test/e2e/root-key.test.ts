// @module-tag e2e
// Signed with a ROOT ACCESS KEY (AKIA… as root): a warning, and the admin comes before the root steps.
import { expect, it } from 'vitest';
import { MANIFEST } from '../../steps/manifest.js';
import {
  TEST_TIMEOUT_MS,
  answer,
  exitCode,
  header,
  runCli,
  runCliPty,
  useE2EAccount,
  writeCalls,
} from './helpers.js';

const account = useE2EAccount();

/** A long-term key id, as a root access key has; the proxy makes the caller root. */
const ROOT_ACCESS_KEY = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: undefined };

/** The steps about root's own credentials, in their usual order, as the manifest marks them. */
const ROOT_STEPS: string[] = MANIFEST.filter((r) => 'aboutRoot' in r).map((r) => r.id);

it(
  'in a terminal: the warning, then the admin user is set up before any root step',
  async () => {
    const pty = runCliPty(['--poll-interval', '1'], account.env(ROOT_ACCESS_KEY));
    const intro = await pty.waitFor(header('Create an admin identity for daily work', 'admin-user'));
    expect(intro).toContain('ROOT ACCESS KEY');
    expect(intro).toMatch(/\[1\/\d+\] Create an admin identity/); // the first step
    await pty.waitFor('? Which kind of admin for daily work?');
    for (const id of ROOT_STEPS) expect(pty.output()).not.toContain(`(${id})`);
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'the whole order: admin steps first, root steps last, and deleting the key is said to end the session',
  async () => {
    const result = await runCli(['--dry-run', '--admin-user', 'ops'], account.env(ROOT_ACCESS_KEY));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const headers = [...result.stdout.matchAll(/^\[(\d+)\/(\d+)\] .* \(([a-z-]+)\)$/gm)];
    const ids = headers.map((m) => m[3]!);
    // Numbered 1..N without a gap, every step once.
    expect(headers.map((m) => Number(m[1]))).toEqual(ids.map((_, i) => i + 1));
    expect(headers.every((m) => Number(m[2]) === ids.length)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The root steps come last, in their usual order; the admin's own steps before them, in theirs.
    expect(ids.slice(-ROOT_STEPS.length)).toEqual(ROOT_STEPS);
    expect(ids.slice(0, -ROOT_STEPS.length).some((id) => id.startsWith('root-'))).toBe(false);
    const admin = ids.filter((id) => id.startsWith('admin-'));
    expect(admin).toEqual(['admin-user', 'admin-sign-in', 'admin-mfa']);
    expect(result.stdout).toMatch(/^ {2}! This run is signed with a ROOT ACCESS KEY/m);
    const keys = result.stdout.slice(result.stdout.indexOf('(root-access-keys)'));
    expect(keys).toContain('This run is signed with a root access key: deleting it ends this session.');
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'with temporary credentials as root there is no such warning and root-mfa comes first',
  async () => {
    const result = await runCli(['--dry-run', '--admin-user', 'ops'], account.env());
    expect(result.stdout).not.toContain('ROOT ACCESS KEY');
    expect(result.stdout).toMatch(/^\[1\/\d+\] .*\(root-mfa\)$/m);
  },
  TEST_TIMEOUT_MS,
);
