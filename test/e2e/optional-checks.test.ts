// @module-tag e2e
// An optional or advisory check never stops a run (issue 9): LimitExceeded from the credential
// report (past the SDK's retries: it retries LimitExceeded as throttling), the read behind
// root-recent-use, shows that check as unknown and the run goes on to the required steps;
// --skip root-recent-use does not even ask for the report.
import { expect, it } from 'vitest';
import { TEST_TIMEOUT_MS, runCli, useE2EAccount } from './helpers.js';

const account = useE2EAccount();

const LIMIT_EXCEEDED = { status: 409, code: 'LimitExceeded', message: 'Rate of credential report generation exceeded.' };
const FLAGS = ['--yes', '--admin-user', 'ops-admin', '--password-stdin', '--skip', 'account-alias', '--skip', 'security-contact', '--skip', 'billing-alert'];

it(
  'LimitExceeded from GenerateCredentialReport: root-recent-use is unknown, with the reason, and the required steps after it run',
  async () => {
    account.proxy.failNext('iam:GenerateCredentialReport', LIMIT_EXCEEDED, Infinity);
    const result = await runCli(FLAGS, account.env(), 'Str0ng-Passw0rd!x\n');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      '? Cannot tell: iam:GenerateCredentialReport failed: LimitExceededException: Rate of credential report generation exceeded.',
    );
    expect(result.stdout).toMatch(/^Advisory, not checked \(checked again on a re-run\):\n {2}• Keep root unused \(root-recent-use\): could not be checked$/m);
    expect(result.stdout).toContain('✔ Done: ops-admin is an admin with console access');
    expect(result.stdout).toMatch(/^Done \(\d+ steps\): (.*; )?in this run: .*password-policy.*\.$/m);
    expect(result.code).toBe(1); // root's MFA and keys, the admin's MFA are still open
  },
  TEST_TIMEOUT_MS,
);

it(
  '--skip root-recent-use: the check itself is skipped, so the report is never asked for',
  async () => {
    account.proxy.failNext('iam:GenerateCredentialReport', LIMIT_EXCEEDED, Infinity);
    const result = await runCli([...FLAGS, '--skip', 'root-recent-use'], account.env(), 'Str0ng-Passw0rd!x\n');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Skipped (--skip root-recent-use): not checked this run.');
    expect(result.stdout).toMatch(/^Advisory, not checked \(checked again on a re-run\):\n {2}• Keep root unused \(root-recent-use\): skipped for now$/m);
    expect(account.proxy.count('iam:GenerateCredentialReport') + account.proxy.count('iam:GetCredentialReport')).toBe(0);
    expect(result.stdout).toMatch(/^Done \(\d+ steps\): (.*; )?in this run: .*admin-user.*\.$/m);
    expect(result.code).toBe(1);
  },
  TEST_TIMEOUT_MS,
);
