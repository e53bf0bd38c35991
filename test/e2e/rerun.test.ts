// @module-tag e2e
// Re-running on a finished account proves every step and changes nothing.
import { beforeEach, expect, it } from 'vitest';
import {
  TEST_TIMEOUT_MS,
  accountSettings,
  adminState,
  exitCode,
  finishAccount,
  runCli,
  runCliPty,
  useE2EAccount,
  writeCalls,
} from './helpers.js';
import { Emulator } from '../support/terminal.js';

const account = useE2EAccount({ resetEach: false });
beforeEach(async () => {
  // Root last signed in a month ago (the credential report's row): advice, not a failure.
  await account.reset({ rootReport: { passwordLastUsed: new Date(Date.now() - 30 * 86_400_000).toISOString() } });
  await finishAccount(account, 'admin');
});

/** The required steps: a re-run gives each one line, its title and what it found. */
const REQUIRED = [
  'Turn on MFA for the root user: root has at least one MFA device',
  'Delete every root access key: root has no access keys',
  'Delete every root signing certificate: root has no signing certificates',
  'Create an admin identity for daily work: admin',
  'Require long, fresh passwords for IAM users: minimum length 14, reuse prevention the last 24',
  'Turn on MFA for the admin user: MFA is on for admin',
  'Name a security contact for the account: Sec Team <sec@example.com>',
];

/** The re-run's text, each paragraph joined onto one line again. */
const unwrapped = (text: string) => text.replace(/\n {4,}/g, ' ');

/** A done re-run: a line per required check, advice in a line each, the optional steps in one, the verdict. */
function expectDoneRerun(text: string, advice: string[], optional: string[]) {
  const joined = unwrapped(text);
  for (const line of REQUIRED) expect(joined).toContain(`  ✔ ${line}`);
  for (const line of advice) expect(joined).toContain(`  i ${line}`);
  expect(joined).toContain(`  ✔ Optional, nothing to do: ${optional.join(', ')}\n`);
  expect(joined).toContain('Root is locked away. Re-check it now and then:\n  $ node dist/cli.js status');
  // Said once: no headers, no "Already done" paragraphs, no summary table, no list of what was done.
  expect(text).not.toMatch(/\[\d+\/\d+\]/);
  expect(text).not.toContain('Already done');
  expect(text).not.toContain('Summary');
  expect(text).not.toContain('Done:');
}

it(
  'in a terminal at 80x24, as the admin: a line per required check, one for the rest, and the verdict; no question, no write, exit 0',
  async () => {
    account.proxy.state.caller = 'user'; // a re-check weeks later, as the admin
    const before = { admin: await adminState(account.iam, 'admin'), settings: await accountSettings(account) };
    const pty = runCliPty(['--poll-interval', '1'], account.env(), { cols: 80, rows: 24 });
    await pty.waitFor('Root is locked away.');
    expect(await exitCode(pty)).toBe(0);
    const screen = new Emulator(80, 24);
    await screen.write(pty.raw());
    const text = screen.text();
    expectDoneRerun(
      text,
      ['Keep a second MFA device for root: root has MFA; AWS cannot show whether a second device'],
      ['root-hardware-mfa', 'root-recent-use', 'account-alias', 'admin-sign-in', 'billing-alert'], // root quiet for a month
    );
    // A few lines: the title, the account, a line per required check, advice, the rest, the verdict.
    expect(text.split('\n').length).toBeLessThanOrEqual(17);
    expect(screen.overflowingLines()).toEqual([]);
    expect(text).not.toMatch(/^\? /m); // no question asked
    expect(text).not.toContain('Waiting for');
    expect(writeCalls(account.proxy)).toEqual([]);
    // Stricter than the write list: every call the run made only reads.
    expect(account.proxy.calls.filter((c) => !/:(Get|List|Describe)[A-Z]|:GenerateCredentialReport$/.test(c))).toEqual([]);
    expect(account.proxy.count()).toBeGreaterThan(0); // it did read the account
    expect({ admin: await adminState(account.iam, 'admin'), settings: await accountSettings(account) }).toEqual(before);
    console.log(`The done re-run at 80x24, as the emulator shows it:\n${text}`);
  },
  TEST_TIMEOUT_MS,
);

it(
  'with --yes and --admin-user (no terminal): the same, exit 0 and no write',
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'admin'], account.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectDoneRerun(
      result.stdout,
      ['Keep a second MFA device for root: root has MFA', 'Keep root unused: root last signed in 30 days ago'], // signed in as root
      ['root-hardware-mfa', 'account-alias', 'admin-sign-in', 'billing-alert'],
    );
    expect(result.stdout).not.toContain('\x1b'); // no colour codes in a pipe
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
