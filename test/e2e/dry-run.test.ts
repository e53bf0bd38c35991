// --dry-run shows the plan with the equivalent AWS CLI commands and changes nothing.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  ADMIN_POLICY,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  adminState,
  answerAdminQuestions,
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

function expectPlan(text: string, name: string, grant: 'group' | 'direct') {
  expect(text).toContain(`Would do: Set up ${name} as an administrator`);
  expect(text).toContain(`$ aws iam create-user --user-name ${name}`);
  expect(text).toContain(`$ aws iam create-login-profile --user-name ${name} --password-reset-required`);
  if (grant === 'group') {
    expect(text).toContain('$ aws iam create-group --group-name Administrators');
    expect(text).toContain(`$ aws iam attach-group-policy --group-name Administrators --policy-arn ${ADMIN_POLICY}`);
    expect(text).toContain(`$ aws iam add-user-to-group --group-name Administrators --user-name ${name}`);
  } else {
    expect(text).toContain(`$ aws iam attach-user-policy --user-name ${name} --policy-arn ${ADMIN_POLICY}`);
    expect(text).not.toContain('create-group');
  }
}

it(
  'in a terminal, with answers: the plan, no wait, no confirmation, no write, exit 1',
  async () => {
    const pty = runCliPty(['--dry-run', '--poll-interval', '1'], account.env());
    await pty.waitFor('[1/5] Turn on MFA for the root user (root-mfa)');
    await pty.waitFor('[2/5] Delete every root access key (root-access-keys)'); // no wait on root-mfa
    await answerAdminQuestions(pty, { name: 'dry-admin', grant: 'direct' });
    const plan = await pty.waitFor('[4/5]');
    expectPlan(plan, 'dry-admin', 'direct');
    await pty.waitFor('Dry run: nothing was changed. Run without --dry-run to carry out the plan.');
    expect(await exitCode(pty)).toBe(1);

    const output = pty.output();
    expect(output).toMatch(/^  admin-user +planned \(dry run\)$/m);
    expect(output).not.toContain('Go ahead with these changes?');
    expect(output).not.toContain('Waiting for');
    expect(output).not.toContain('First console password for');
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await adminState(account.iam, 'dry-admin')).users).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'without a terminal, with --admin-user: the same plan on stdout, no write, exit 1',
  async () => {
    const result = await runCli(['--dry-run', '--admin-user', 'bob'], account.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expectPlan(result.stdout, 'bob', 'group');
    expect(result.stdout).toMatch(/^  admin-user +planned \(dry run\)$/m);
    expect(result.stdout).toContain('Dry run: nothing was changed.');
    expect(writeCalls(account.proxy)).toEqual([]);
    expect((await adminState(account.iam, 'bob')).users).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
