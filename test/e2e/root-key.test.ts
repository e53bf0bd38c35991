// Signed with a ROOT ACCESS KEY (AKIA… as root): a warning, and the admin comes before the root steps.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  exitCode,
  runCli,
  runCliPty,
  startE2EAccount,
  writeCalls,
  type E2EAccount,
} from './helpers.js';

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());
beforeEach(() => account.reset());

/** A long-term key id, as a root access key has; the proxy makes the caller root. */
const ROOT_ACCESS_KEY = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: undefined };

it(
  'in a terminal: the warning, then [1/5] is admin-user',
  async () => {
    const pty = runCliPty(['--poll-interval', '1'], account.env(ROOT_ACCESS_KEY));
    const intro = await pty.waitFor('[1/5]');
    expect(intro).toContain('ROOT ACCESS KEY');
    expect(intro).not.toContain('root-mfa');
    await pty.waitFor('Create an admin IAM user for daily work (admin-user)');
    await pty.waitFor('? Name for the admin user');
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
    const headers = [...result.stdout.matchAll(/^\[(\d)\/5\] .* \(([a-z-]+)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(headers).toEqual(['1 admin-user', '2 admin-sign-in', '3 admin-mfa', '4 root-mfa', '5 root-access-keys']);
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
    expect(result.stdout).toMatch(/^\[1\/5\] .*\(root-mfa\)$/m);
  },
  TEST_TIMEOUT_MS,
);
