// @module-tag e2e
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoConsecutiveCodes } from '../../src/totp.js';
import { keyShown } from '../support/totp.js';
import { spawnPty } from '../support/pty.js';
import { loosely } from '../support/ansi.js';
import { CLI, noAws, tempDir } from '../practice/cli.js';
import { acceptPasswordPolicy, chooseAdminMfaIn, createAdmin, doInPracticeConsole, finishWithP, giveAlias, goAhead, WAIT } from '../practice/wizard-answers.js';

/**
 * A learner without a browser: the whole wizard in practice mode in a real terminal, each
 * console step done with "p" (the practice console does it), each automated step answered.
 */


describe('practice mode in a terminal', () => {
  it('a full session, every console step done with "p", ends with everything done (exit 0)', async () => {
    const term = spawnPty('node', [CLI, '--practice', '--poll-interval', '60'], { env: noAws() });
    try {
      await term.waitFor('PRACTICE', WAIT);
      await term.waitFor(/Practice console \(stands in for the AWS console\):\s+http:\/\/localhost:\d+\/\?token=[\w-]+/, WAIT);
      await term.waitFor(/In the PRACTICE console:\s+http:\/\/localhost:\d+\/security_credentials\?token=[\w-]+/, WAIT);
      // The wizard explains the step and the words it uses, then keeps waiting.
      await term.waitFor(loosely('?: explain this step · g: glossary'), WAIT); // wherever the window wraps the keys
      term.write('?');
      await term.waitFor('Watch out: No API or CLI command can turn it on for root', WAIT);
      await term.waitFor(/Check it yourself:\s+\$ aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'/, WAIT);
      term.write('g');
      await term.waitFor(/Glossary[\s\S]*partition\s+a separate copy of AWS/, WAIT);
      await doInPracticeConsole(term, 'an MFA device on the root user', 'PRACTICE console: assigned the authenticator app');
      // Advice once root has an authenticator app: a second device, and a security key in its place.
      await term.waitFor('root has MFA (one authenticator app)', WAIT);
      await term.waitFor(/root uses an authenticator app \(arn:aws:iam::111122223333:mfa\/root-authenticator-1\)/, WAIT);
      await doInPracticeConsole(term, 'the root user to have no access keys', 'PRACTICE console: deleted the root access key AKIAPRACTICEROOTKEY1');
      // The credential report of the practice account has a root row: root is the one running this.
      await term.waitFor(/this\s+run\s+itself\s+is\s+signed\s+in\s+as\s+root/, WAIT);
      await createAdmin(term);
      await acceptPasswordPolicy(term);
      await giveAlias(term, 'practice-jane');

      await term.waitFor(/In the PRACTICE console:\s+http:\/\/localhost:\d+\/signin\/practice-jane\?token=[\w-]+/, WAIT);
      await finishWithP(term);

      await term.waitFor('Summary (PRACTICE', WAIT);
      await term.waitFor('Root is locked away. Re-check it monthly', WAIT);
      // The practice console stays, so the finished account can be seen, until Enter.
      await term.waitFor(/The practice console stays open[\s\S]*http:\/\/localhost:\d+\/\?token=[\w-]+\s+Press Enter \(or Ctrl-C\) to close it\./, WAIT);
      term.press('enter');
      expect((await term.exited).exitCode).toBe(0);
      // With a poll interval of a minute, only "p" (which checks at once) can have finished the run this fast.
      expect(term.output()).not.toMatch(/still to do|skipped/);
    } finally {
      term.kill();
    }
  }, 90_000);

  it('the admin user gets an authenticator app in the terminal, on a screen that says PRACTICE too', async () => {
    // An instructor's scenario: everything done but the admin user's MFA.
    const file = join(tempDir(), 'almost-done.json');
    const at = '2026-01-05T10:00:00Z';
    writeFileSync(
      file,
      JSON.stringify({
        accountId: '111122223333',
        aliases: ['practice-class'],
        root: { password: true, created: at, accessKeys: [] },
        users: [{ name: 'admin-jane', id: 'AIDAADMINJANE0000001', created: at, loginProfile: { created: at, passwordResetRequired: false }, passwordLastUsed: at }],
        groups: [{ name: 'Administrators', id: 'AGPAADMINISTRATORS01', created: at, policies: ['arn:aws:iam::aws:policy/AdministratorAccess'], members: ['admin-jane'] }],
        mfaDevices: [{ serialNumber: 'arn:aws:iam::111122223333:mfa/root-key', assignedTo: 'root', enabled: at, created: at }],
        passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false, AllowUsersToChangePassword: true },
        alternateContacts: [{ type: 'SECURITY', name: 'Jane Doe', title: 'Security contact', email: 'security@example.com', phone: '+1 555 0100' }],
        budgets: [{ name: 'monthly-cost-alert', type: 'COST', timeUnit: 'MONTHLY', limit: { amount: '20', unit: 'USD' }, created: at, notifications: [{ type: 'ACTUAL', comparison: 'GREATER_THAN', threshold: 80, thresholdType: 'PERCENTAGE', subscribers: ['billing@example.com'] }] }],
      }),
    );
    const term = spawnPty('node', [CLI, '--practice-state', file], { env: noAws() });
    try {
      await chooseAdminMfaIn(term, 'terminal');
      await goAhead(term, '$ aws iam create-virtual-mfa-device --virtual-mfa-device-name admin-jane');
      const screen = await term.waitFor('Then type two codes', WAIT);
      // The secret screen starts blank: it says PRACTICE itself.
      expect(screen.slice(screen.lastIndexOf('Create a virtual MFA device'))).toContain('PRACTICE  A simulated AWS account on this computer');
      const secret = keyShown(screen);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
      await term.waitFor('First 6-digit code from the app', WAIT);
      term.write(`${code1}\r`);
      await term.waitFor('Wait for the code to change, then type the next one', WAIT);
      term.write(`${code2}\r`);
      await term.waitFor('Done: MFA is on for admin-jane', WAIT);
      await term.waitFor('Root is locked away', WAIT);
      await term.waitFor('Press Enter (or Ctrl-C) to close it.', WAIT);
      term.press('ctrl-c');
      expect((await term.exited).exitCode).toBe(0);
      // The device is saved; its seed is not.
      const saved = readFileSync(file, 'utf8');
      expect(JSON.parse(saved)).toMatchObject({ mfaDevices: [{}, { serialNumber: 'arn:aws:iam::111122223333:mfa/admin-jane', assignedTo: 'admin-jane' }] });
      expect(saved).not.toContain(secret);
    } finally {
      term.kill();
    }
  }, 60_000);

  it('with no AWS credentials at a terminal, offers practice mode; declining keeps exit 4', async () => {
    const accept = spawnPty('node', [CLI], { env: noAws() });
    try {
      await accept.waitFor('No AWS credentials were found', WAIT);
      await accept.waitFor('Practise on a simulated account on this computer instead?', WAIT);
      accept.press('enter');
      await accept.waitFor('PRACTICE', WAIT);
      await accept.waitFor('Waiting for an MFA device on the root user', WAIT);
    } finally {
      accept.kill('SIGINT');
    }
    expect((await accept.exited).exitCode).toBe(130);

    const decline = spawnPty('node', [CLI], { env: noAws() });
    try {
      await decline.waitFor('Practise on a simulated account on this computer instead?', WAIT);
      decline.write('n\r');
      expect((await decline.exited).exitCode).toBe(4);
    } finally {
      decline.kill();
    }
  }, 60_000);
});
