// AWS's rules at the wizard's prompts and flags, against moto: a typed admin password meets the
// policy this run sets (14), told before it is asked; --password-stdin is checked against the
// account's policy before any write; "$20" is a budget; and where AWS still refuses (an alias
// another account holds) the run says what it did, what it did not, and how the re-run finishes.
import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { accountAlias } from '../../steps/account-alias.js';
import { adminUser } from '../../steps/admin-user.js';
import { billingAlert } from '../../steps/billing-alert.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { rootRecentUse } from '../../steps/root-recent-use.js';
import { securityContact } from '../../steps/security-contact.js';
import { ScriptedUI } from '../support/scripted-ui.js';
import { runSteps, useTestAccount, writeCalls } from '../support/test-account.js';

const account = useTestAccount();

const TYPE_A_PASSWORD = { 'admin-via': 'iam-user', 'admin-user': 'admin-jane', grant: 'group', 'password-source': 'type', 'apply-admin-user': true };

describe('the admin password', { timeout: 30_000 }, () => {
  it('typed: the rule is shown first, and it is the policy this run sets (14), not the 8 of the policy in force', async () => {
    const run = runSteps(account, [adminUser, passwordPolicy], { ...TYPE_A_PASSWORD, password: 'Abcdef12!x' });
    await expect(run).rejects.toThrow('rejected: The password has 10 characters, fewer than 14');
    const { ui, outcomes } = await runSteps(account, [adminUser, passwordPolicy], {
      ...TYPE_A_PASSWORD,
      'reuse-user': true,
      password: 'Abcdef12!xyz-long',
      'password-again': 'Abcdef12!xyz-long',
      'apply-password-policy': true,
    });
    expect(outcomes).toEqual(['done', 'done']);
    const asked = ui.events.findIndex((e) => e.type === 'ask' && e.key === 'password');
    const told = ui.events.findIndex((e) => e.type === 'note' && /The password needs at least 14 characters/.test(e.note.text));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(told).toBeLessThan(asked);
  });

  it('when the run does not set the policy (--skip password-policy in the real run), the rule is the one in force', async () => {
    const { outcomes } = await runSteps(account, [adminUser], { ...TYPE_A_PASSWORD, password: 'Abcdef12!x', 'password-again': 'Abcdef12!x' });
    expect(outcomes).toEqual(['done']);
  });

  it('--password-stdin whose only symbol is "." under a policy requiring symbols: refused before any write', async () => {
    await account.aws.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
    account.proxy.resetCounts();
    const run = runSteps(account, [adminUser, passwordPolicy], { 'apply-admin-user': true }, { interactive: false, adminUser: 'admin-jane', inputs: { 'admin-user': { password: 'Abcdefghijk1.234' } } });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/^--password-stdin: the password has no symbol \(one of ! @ # .*\): IAM counts no other character, not even "\." or a space, as a symbol; it needs at least 14 characters/);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});

describe('the budget', { timeout: 30_000 }, () => {
  it('"$1,000" at the prompt is a 1000 USD budget', async () => {
    const { outcomes } = await runSteps(account, [billingAlert], {
      'offer-billing-alert': true,
      'budget-amount': '$1,000',
      'alert-email': "dana.o'brien@example.com",
      'apply-billing-alert': true,
    });
    expect(outcomes).toEqual(['done']);
    const { Budgets } = await account.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: '123456789012' }));
    expect(Number(Budgets?.[0]?.BudgetLimit?.Amount)).toBe(1000);
  });

  it('a refused amount at the prompt names the forms that are taken', async () => {
    const run = runSteps(account, [billingAlert], { 'offer-billing-alert': true, 'budget-amount': '1,5' });
    await expect(run).rejects.toThrow('write US dollars as 20, 20.50, $20 or 1,000');
  });
});

describe('where AWS still refuses', { timeout: 30_000 }, () => {
  it('a taken alias: what was done, what was not, and how the re-run finishes it; then the re-run does', async () => {
    account.proxy.failNext('iam:CreateAccountAlias', { status: 409, code: 'EntityAlreadyExists', message: 'taken' });
    const flags = {
      'admin-user': { password: 'Str0ng-Passw0rd!-long' },
      'account-alias': { accountAlias: 'taken-name' },
      'security-contact': { name: 'Sec Ops', email: 'sec&ops@example.com', phone: '+1 555 0100' },
    };
    const answers = { 'apply-admin-user': true, 'apply-password-policy': true, 'offer-account-alias': true, 'apply-account-alias': true, 'apply-security-contact': true };
    const steps = [adminUser, passwordPolicy, accountAlias, securityContact];
    const ui = new ScriptedUI(answers, false);
    // An advisory check after the stop: the note says a re-run checks it again (the words of --help).
    const run = runSteps(account, [...steps, rootRecentUse], answers, { interactive: false, adminUser: 'admin-jane', inputs: flags, ui });
    await expect(run).rejects.toThrow('--account-alias taken-name: another AWS account has that alias; run again with another --account-alias');
    expect(ui.of('note').at(-1)!.note.text).toBe(
      'Stopped at account-alias. Done in this run: admin-user, password-policy. ' +
        'Of account-alias, done: nothing; not done: Create the account alias taken-name. ' +
        'A re-run keeps what is done and finishes security-contact; account-alias (optional) is offered; root-recent-use (advisory) is checked again.',
    );
    expect(account.proxy.count('account:PutAlternateContact')).toBe(0);

    const again = await runSteps(account, steps, answers, { interactive: false, adminUser: 'admin-jane', inputs: { ...flags, 'account-alias': { accountAlias: 'free-name' } } });
    expect(again.outcomes).toEqual(['already-done', 'already-done', 'done', 'done']);
  });
});
