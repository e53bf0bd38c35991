// @module-tag e2e
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/process.js';
import { PRINTED_PASSWORD_POLICY } from '../support/aws-printed.js';
import { CLI, noAws, tempDir } from './cli.js';

/** --practice-state: an instructor's scenario in, the learner's progress saved back, no secret ever. */

const practice = (args: string[], input?: string) => runProcess('node', [CLI, ...args], { env: noAws(), input });

const statuses = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as { checks: { id: string; status: string }[] }).checks.map((c) => [c.id, c.status]));

describe('practice scenarios', () => {
  it('a new file starts as a brand-new account and keeps what the wizard did, without the password', async () => {
    const file = join(tempDir(), 'class.json');
    const password = 'Practice-Passw0rd!-Kept-Secret';
    const settings = [
      ['--account-alias', 'practice-class'],
      ['--security-contact-name', 'Jane Doe'],
      ['--security-contact-email', 'security@example.com'],
      ['--security-contact-phone', '+1 555 0100'],
      ['--budget-amount', '25'],
      ['--alert-email', 'billing@example.com'],
    ].flat();
    const run = await practice(['--practice-state', file, '--yes', '--admin-user', 'admin-jane', '--password-stdin', ...settings], `${password}\n`);
    expect(run.code).toBe(1); // the console steps are still open
    expect(run.stdout).toContain('PRACTICE');
    // Without a terminal nobody can press "?": every step explains itself in the output.
    expect(run.stdout).toContain("Check it yourself:\n    $ aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'");
    expect(run.stdout).toContain('Watch out: Deactivating is not enough');
    // What is open and required leads the summary, in words.
    expect(run.stdout).toMatch(/Summary \(PRACTICE[^\n]*\)\nStill to do, required \(3 steps\):\n {2}• [^\n]*\(root-mfa\)[^\n]*\n {2}• [^\n]*\(root-access-keys\)[^\n]*\n {2}• [^\n]*\(admin-mfa\)/);

    const saved = readFileSync(file, 'utf8');
    expect(saved).not.toContain(password);
    expect(JSON.parse(saved)).toMatchObject({
      users: [{ name: 'admin-jane', loginProfile: { passwordResetRequired: true } }],
      groups: [{ name: 'Administrators', members: ['admin-jane'], policies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
      root: { accessKeys: [{ status: 'Active' }] },
      // The account-wide settings the automated steps made.
      passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
      aliases: ['practice-class'],
      alternateContacts: [{ type: 'SECURITY', name: 'Jane Doe', email: 'security@example.com', phone: '+1 555 0100' }],
      budgets: [{ name: 'monthly-cost-alert', type: 'COST', timeUnit: 'MONTHLY', limit: { amount: '25', unit: 'USD' } }],
    });
    const { budgets } = JSON.parse(saved) as { budgets: { notifications: { subscribers: string[] }[] }[] };
    expect(budgets[0]!.notifications).toHaveLength(3);
    expect(budgets[0]!.notifications.every((n) => n.subscribers.join() === 'billing@example.com')).toBe(true);

    const status = await practice(['status', '--json', '--practice-state', file]);
    expect(statuses(status.stdout)).toMatchObject({
      'admin-user': 'pass',
      'root-mfa': 'fail',
      'root-access-keys': 'fail',
      'admin-mfa': 'fail',
      'password-policy': 'pass',
      'account-alias': 'pass',
      'security-contact': 'pass',
      'billing-alert': 'pass',
    });
  });

  it('an instructor\'s starting point: keys already deleted, an old admin without MFA', async () => {
    const file = join(tempDir(), 'old-admin.json');
    const created = '2025-06-01T09:00:00Z';
    writeFileSync(
      file,
      JSON.stringify({
        accountId: '444455556666',
        root: { password: true, created, accessKeys: [] },
        users: [{ name: 'old-admin', id: 'AIDAOLDADMIN00000001', created, loginProfile: { created, passwordResetRequired: false }, policies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
        // A weak policy left from long ago, a security contact set, and a budget nobody gets alerts from.
        passwordPolicy: { MinimumPasswordLength: 8, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false, AllowUsersToChangePassword: true },
        alternateContacts: [{ type: 'SECURITY', name: 'Ops team', title: 'Security', email: 'ops@example.com', phone: '+44 20 7946 0000' }],
        budgets: [{ name: 'monthly-cost-alert', type: 'COST', timeUnit: 'MONTHLY', limit: { amount: '50', unit: 'USD' }, created }],
      }),
    );
    const status = await practice(['status', '--json', '--practice-state', file]);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: '444455556666' });
    expect(statuses(status.stdout)).toEqual({
      'root-mfa': 'fail',
      'root-mfa-backup': 'not-applicable',
      'root-hardware-mfa': 'not-applicable',
      'root-access-keys': 'pass',
      'root-signing-certificates': 'pass', // a scenario written before root's certificates: none
      'root-recent-use': 'info',
      'password-policy': 'fail',
      'admin-user': 'pass',
      'account-alias': 'fail',
      'admin-mfa': 'fail',
      'security-contact': 'pass',
      'billing-alert': 'fail',
    });
  });

  it('a bad scenario is one line naming the field and the rule, exit 2, and the file is left alone', async () => {
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      [JSON.stringify({ accountId: '12', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] } }), /accountId: must be 12 digits/],
      [
        JSON.stringify({ accountId: '111122223333', root: { password: 'yes', created: '2025-01-01T00:00:00Z', accessKeys: [] } }),
        /root\.password: /,
      ],
      [
        JSON.stringify({ accountId: '111122223333', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] }, users: [{ name: 'a b' }] }),
        /users\.0\.name: has a space; IAM user names are 1 to 64 of letters/,
      ],
      [
        JSON.stringify({ accountId: '111122223333', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] }, budgets: [{ name: 'b', type: 'COST', timeUnit: 'MONTHLY', limit: { amount: 'lots', unit: 'USD' }, created: '2025-01-01T00:00:00Z' }] }),
        /budgets\.0\.limit\.amount: has "l", "o", "t" and "s"; AWS Budgets takes amounts of digits/,
      ],
      [
        JSON.stringify({ accountId: '111122223333', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] }, alternateContacts: [{ type: 'SECURITY', name: 'n', title: 't', email: 'not-an-email', phone: '+1 555' }] }),
        /alternateContacts\.0\.email: has no @; the Account API takes addresses/,
      ],
      ['{ not json', /not valid JSON/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, text);
      const run = await practice(['status', '--practice-state', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
      // The file an instructor wrote is left as it was.
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('a scenario made by pasting what `aws iam get-account-password-policy` prints is taken as it is', async () => {
    const file = join(tempDir(), 'pasted.json');
    writeFileSync(file, JSON.stringify({ accountId: '111122223333', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] }, passwordPolicy: PRINTED_PASSWORD_POLICY }));
    const status = await practice(['status', '--json', '--practice-state', file]);
    expect(status.stderr).toBe('');
    expect(statuses(status.stdout)).toMatchObject({ 'password-policy': 'pass' });
  });

  it('rejects --profile in practice mode', async () => {
    const run = await practice(['--practice', '--profile', 'work', 'status']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--profile: practice mode never uses AWS credentials');
  });
});
