// @module-tag e2e
// The cases of issue 10, through the built CLI against moto, with the proxy counting every request:
// bad input is one line, exit 2, and no write (no request at all where no read is needed to tell).
import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { runCli, useE2EAccount, WRITE } from '../e2e/helpers.js';

const account = useE2EAccount();

const CONTACT = ['--security-contact-name', 'Sec Ops', '--security-contact-phone', '+1 555 0100'];
const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('bad input: exit 2, one line naming the field, the problem and the rule', () => {
  it("an apostrophe in the security contact's email, which the Account API refuses: no request at all", async () => {
    const run = await runCli(['--yes', ...CONTACT, '--security-contact-email', "dana.o'brien@example.com"], account.env());
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^aws-root-lockdown: --security-contact-email: has "'"; the Account API takes addresses of letters, digits and _ \+ = \. # \| ! & - before the @/);
    expect(account.proxy.calls).toEqual([]);
  }, 60_000);

  it('an admin password shorter than the 14 this run sets: no request at all', async () => {
    const run = await runCli(['--yes', '--admin-user', 'admin-jane', '--password-stdin'], account.env(), 'Abcdef12!x\n');
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain('--password-stdin: the password has 10 characters, fewer than 14; it needs at least 14 characters');
    expect(run.stderr).not.toContain('Abcdef12!x');
    expect(account.proxy.calls).toEqual([]);
  }, 60_000);

  it('a password whose only symbol is "." under a policy that requires symbols: read, then refused before any write', async () => {
    await account.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    const run = await runCli(['--yes', '--admin-user', 'admin-jane', '--password-stdin'], account.env(), 'Abcdefghijk1.234\n');
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/--password-stdin: the password has no symbol \(one of ! @ # .*\): IAM counts no other character, not even "\." or a space, as a symbol/);
    expect(account.proxy.calls.filter((c) => WRITE.test(c))).toEqual([]);
  }, 60_000);
});

describe('what AWS takes is taken', () => {
  it('"$20" and "sec&ops@example.com" as flags: planned as AWS will get them, nothing written in a dry run', async () => {
    const run = await runCli(
      ['--dry-run', '--admin-user', 'admin-jane', ...CONTACT, '--security-contact-email', 'sec&ops@example.com', '--budget-amount', '$20', '--alert-email', "dana.o'brien@example.com"],
      account.env(),
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Make Sec Ops <sec&ops@example.com> the security contact');
    expect(run.stdout).toContain(`Create a 20 USD monthly cost budget that emails dana.o'brien@example.com`);
    expect(account.proxy.calls.filter((c) => WRITE.test(c))).toEqual([]);
  }, 60_000);
});
