// @module-tag e2e
// Re-running on a finished account proves every step and changes nothing.
import { beforeEach, expect, it } from 'vitest';
import {
  TEST_TIMEOUT_MS,
  accountSettings,
  adminState,
  exitCode,
  finishAccount,
  header,
  runCli,
  runCliPty,
  useE2EAccount,
  writeCalls,
} from './helpers.js';

const account = useE2EAccount({ resetEach: false });
beforeEach(async () => {
  // Root last signed in a month ago (the credential report's row): advice, not a failure.
  await account.reset({ rootReport: { passwordLastUsed: new Date(Date.now() - 30 * 86_400_000).toISOString() } });
  await finishAccount(account, 'admin');
});

/** Every step, its header and what a re-run finds: settled, with advice (`i`) where AWS cannot confirm more. */
const STEPS = [
  ['Turn on MFA for the root user', 'root-mfa', '✔ Already done: root has at least one MFA device'],
  ['Keep a second MFA device for root', 'root-mfa-backup', 'i Worth knowing: root has MFA; AWS cannot show whether a second device'],
  ['Prefer a security key for root', 'root-hardware-mfa', "✔ Already done: root's MFA is a passkey, security key or hardware token"],
  ['Delete every root access key', 'root-access-keys', '✔ Already done: root has no access keys'],
  ['Delete every root signing certificate', 'root-signing-certificates', '✔ Already done: root has no signing certificates'],
  ['Keep root unused', 'root-recent-use', 'i Worth knowing: root last signed in 30 days ago'],
  ['Create an admin identity for daily work', 'admin-user', '✔ Already done: admin with console access: admin'],
  ['Require long, fresh passwords for IAM users', 'password-policy', '✔ Already done: minimum length 14, reuse prevention the last 24'],
  ['Give the account a memorable sign-in address', 'account-alias', '✔ Already done: IAM users sign in at https://finished-e2e.signin.aws.amazon.com/console'],
  ['Sign in once as the admin user', 'admin-sign-in', '✔ Already done: admin last signed in 2026-01-01T00:00:00.000Z'],
  ['Turn on MFA for the admin user', 'admin-mfa', '✔ Already done: MFA is on for admin'],
  ['Name a security contact for the account', 'security-contact', '✔ Already done: Sec Team <sec@example.com>'],
  ['Get an email when spending passes a monthly budget', 'billing-alert', '✔ Already done: cost budget "monthly-cost-alert"'],
] as const;
const ADVISED = new Set(['root-mfa-backup', 'root-recent-use']);
const ALREADY_DONE = STEPS.length - ADVISED.size;

function expectSummary(text: string) {
  for (const [, id] of STEPS) expect(text).toMatch(new RegExp(`^  ${id} +${ADVISED.has(id) ? 'advice given' : 'already done'}$`, 'm'));
  expect(text).toContain('Root is locked away.');
}

it(
  'in a terminal: every step settled ("Already done", or advice), no question, no write, exit 0',
  async () => {
    const before = { admin: await adminState(account.iam, 'admin'), settings: await accountSettings(account) };
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    for (const [title, id, result] of STEPS) {
      await pty.waitFor(header(title, id));
      await pty.waitFor(result);
    }
    expectSummary(await pty.waitFor('Root is locked away.'));
    expect(await exitCode(pty)).toBe(0);

    const output = pty.output();
    expect(output.match(/Already done/g)).toHaveLength(ALREADY_DONE);
    expect(output).not.toContain('To do');
    expect(output).not.toMatch(/^\? /m); // no question asked
    expect(output).not.toContain('Waiting for');
    expect(writeCalls(account.proxy)).toEqual([]);
    // Stricter than the write list: every call the run made only reads.
    expect(account.proxy.calls.filter((c) => !/:(Get|List|Describe)[A-Z]|:GenerateCredentialReport$/.test(c))).toEqual([]);
    expect(account.proxy.count()).toBeGreaterThan(0); // it did read the account
    expect({ admin: await adminState(account.iam, 'admin'), settings: await accountSettings(account) }).toEqual(before);
  },
  TEST_TIMEOUT_MS,
);

it(
  'with --yes and --admin-user (no terminal): the same, exit 0 and no write',
  async () => {
    const result = await runCli(['--yes', '--admin-user', 'admin'], account.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Already done/g)).toHaveLength(ALREADY_DONE);
    expectSummary(result.stdout);
    expect(result.stdout).not.toContain('\x1b'); // no colour codes in a pipe
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
