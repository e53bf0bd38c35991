// @module-tag e2e
// Runs that cannot go ahead: each says why in a line or two, with its exit code and no stack trace.
import { expect, it } from 'vitest';
import {
  SCREEN_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  exitCode,
  runCli,
  runCliPty,
  useE2EAccount,
} from './helpers.js';

const account = useE2EAccount();

it(
  'not a terminal and no --yes: exit 2 with one line, before any AWS call',
  async () => {
    const result = await runCli([], account.env());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aws-root-lockdown: not a terminal.*--yes/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(account.proxy.count()).toBe(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  'no credentials anywhere (in a terminal): exit 4 and the ways to get some',
  async () => {
    const pty = runCliPty(
      [],
      account.env({
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_DEFAULT_PROFILE: undefined,
        AWS_CONFIG_FILE: '/nonexistent/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: undefined,
        AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
        AWS_ROLE_ARN: undefined,
      }),
    );
    // In a terminal a newcomer is offered the practice account first; declining leaves the explanation.
    await pty.waitFor('Practise on a simulated account on this computer instead?', SCREEN_TIMEOUT_MS);
    pty.write('n\r');
    expect(await exitCode(pty)).toBe(4);
    const output = pty.output();
    expect(output).toContain('No AWS credentials were found.');
    expect(output).toContain('CloudShell');
    expect(output).toContain('aws login');
    expect(output).toContain('aws configure sso');
    expect(output).toContain('--profile');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\[\d+\/\d+\]/); // no step started
    expect(account.proxy.count()).toBe(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  "a bad flag value (--admin-user 'a b'): exit 2 naming the flag, no AWS call",
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'a b'], account.env());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--admin-user');
    expect(lines[0]).toMatch(/letters, digits/);
    expect(account.proxy.count()).toBe(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  'the same bad flag in a terminal: exit 2, no question, no AWS call',
  async () => {
    const pty = runCliPty(['--admin-user', 'a b'], account.env());
    expect(await exitCode(pty)).toBe(2);
    expect(pty.output()).toMatch(/^aws-root-lockdown: --admin-user: [^\n]*(\n  [^\n]*)*\(see\s+--help\)$/m); // wrapped to the window, continuing under an indent
    expect(account.proxy.count()).toBe(0);
  },
  TEST_TIMEOUT_MS,
);
