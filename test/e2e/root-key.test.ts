// @module-tag e2e
// Signed with a ROOT ACCESS KEY (AKIA… as root): a warning, and only the key's deletion moves to the end.
import { expect, it } from 'vitest';
import { MANIFEST } from '../../steps/manifest.js';
import {
  TEST_TIMEOUT_MS,
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

it(
  'in a terminal: the warning, then root MFA first, as on any run: only the key deletion waits for the end',
  async () => {
    const pty = runCliPty(['--poll-interval', '1'], account.env(ROOT_ACCESS_KEY));
    const intro = await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    expect(intro).toContain('ROOT ACCESS KEY');
    expect(intro).toMatch(/\[1\/\d+\] Turn on MFA for the root user/); // the first step
    expect(intro).not.toContain('(admin-user)');
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'the whole order: the manifest\'s, by protection, with the root key\'s deletion moved last, and said to end the session',
  async () => {
    const result = await runCli(['--dry-run', '--admin-user', 'ops'], account.env(ROOT_ACCESS_KEY));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const headers = [...result.stdout.matchAll(/^\[(\d+)\/(\d+)\] .* \(([a-z-]+)\)$/gm)];
    const ids = headers.map((m) => m[3]!);
    const total = MANIFEST.length;
    // Steps found settled get a line, not a header; the numbers of those shown follow the run's order.
    expect(headers.every((m) => Number(m[2]) === total)).toBe(true);
    expect(headers.map((m) => Number(m[1]))).toEqual([...headers.map((m) => Number(m[1]))].sort((a, b) => a - b));
    const expected = MANIFEST.map((r) => r.id).filter((id) => id !== 'root-access-keys');
    expect(ids.filter((id) => id !== 'root-access-keys')).toEqual(expected.filter((id) => ids.includes(id)));
    expect(ids[0]).toBe('root-mfa');
    expect(ids.at(-1)).toBe('root-access-keys');
    expect(headers.at(-1)![1]).toBe(String(total));
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
