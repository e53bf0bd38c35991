import { DescribeBudgetsCommand, DescribeNotificationsForBudgetCommand, CreateBudgetCommand, DeleteBudgetCommand } from '@aws-sdk/client-budgets';
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { GetAccountPasswordPolicyCommand, ListAccountAliasesCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { accountAlias } from '../../steps/account-alias.js';
import { billingAlert } from '../../steps/billing-alert.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { securityContact } from '../../steps/security-contact.js';
import { runSteps, useTestAccount, writeCalls } from '../support/test-account.js';

const account = useTestAccount();

const ACCOUNT_ID = '123456789012';
/** What --yes answers: every confirmation and offer. */
const YES = {
  'apply-security-contact': true,
  'apply-billing-alert': true,
  'offer-billing-alert': true,
  'apply-account-alias': true,
  'offer-account-alias': true,
};
const policy = async () => (await account.aws.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;

describe('password-policy', () => {
  it('shows the current policy beside CIS, raises it after confirmation, and is done on the next run', async () => {
    const { ui, outcomes } = await runSteps(account, [passwordPolicy], { 'apply-password-policy': true });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('result')[0]!.result).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no password policy.*CIS: length 14, reuse 24/) });
    expect(ui.of('plan')[0]!.plan.actions[0]!.cli).toBe(
      'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --allow-users-to-change-password',
    );
    expect(await policy()).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, AllowUsersToChangePassword: true });
    account.proxy.resetCounts();
    expect((await runSteps(account, [passwordPolicy])).outcomes).toEqual(['already-done']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it('keeps every stricter value already set', async () => {
    await account.aws.iam.send(
      new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20, PasswordReusePrevention: 5, RequireSymbols: true, MaxPasswordAge: 90 }),
    );
    await runSteps(account, [passwordPolicy], { 'apply-password-policy': true });
    expect(await policy()).toMatchObject({ MinimumPasswordLength: 20, PasswordReusePrevention: 24, RequireSymbols: true, MaxPasswordAge: 90 });
  });

  it('declined, it stays open: the policy is required', async () => {
    const { outcomes } = await runSteps(account, [passwordPolicy], { 'apply-password-policy': false });
    expect(outcomes).toEqual(['declined']);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});

describe('security-contact', () => {
  const contact = { name: 'Jane Doe', email: 'security@example.com', phone: '+1 555 0100' };

  it('sets the SECURITY alternate contact from flags under --yes, and reads it back', async () => {
    const { ui, outcomes } = await runSteps(account, [securityContact], YES, { interactive: false, inputs: { 'security-contact': contact } });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('plan')[0]!.plan.actions[0]!.cli).toBe(
      "aws account put-alternate-contact --alternate-contact-type SECURITY --name 'Jane Doe' --title 'Security contact' --email-address security@example.com --phone-number '+1 555 0100'",
    );
    const read = await account.aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    expect(read.AlternateContact).toMatchObject({ Name: 'Jane Doe', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' });
    expect(account.proxy.count('account:PutAlternateContact')).toBe(1);
  });

  it('asks for the values in a terminal', async () => {
    const answers = { 'security-contact-name': contact.name, 'security-contact-email': contact.email, 'security-contact-phone': contact.phone, 'apply-security-contact': true };
    const { ui, outcomes } = await runSteps(account, [securityContact], answers);
    expect(outcomes).toEqual(['done']);
    expect(ui.of('ask').map((a) => a.key)).toEqual(['security-contact-name', 'security-contact-email', 'security-contact-phone', 'apply-security-contact']);
    const read = await account.aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    expect(read.AlternateContact).toMatchObject({ Name: 'Jane Doe', Title: 'Security contact', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' });
    expect(account.proxy.count('account:PutAlternateContact')).toBe(1);
  });

  it('under --yes without its flags, is left out with a note naming them, and stays open', async () => {
    const { ui, outcomes } = await runSteps(account, [securityContact], {}, { interactive: false });
    expect(outcomes).toEqual(['skipped']);
    expect(ui.of('note')[0]!.note.text).toMatch(/--security-contact-name and --security-contact-email and --security-contact-phone/);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});

describe('billing-alert', () => {
  const flags = { budgetAmount: '25', alertEmail: 'owner@example.com' };
  const budgets = async () => (await account.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: ACCOUNT_ID }))).Budgets ?? [];
  const notifications = async () =>
    (await account.aws.budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT_ID, BudgetName: 'monthly-cost-alert' }))).Notifications;

  it('creates one monthly COST budget with actual and forecast alerts, explains cost and timing, and finds it again', async () => {
    const { ui, outcomes } = await runSteps(account, [billingAlert], YES, { interactive: false, inputs: { 'billing-alert': flags } });
    expect(outcomes).toEqual(['done']);
    const notes = ui.of('plan')[0]!.plan.notes!.join(' ');
    expect(notes).toMatch(/does not charge/);
    expect(notes).toMatch(/a few times a day/);
    expect(await budgets()).toMatchObject([{ BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '25', Unit: 'USD' } }]);
    expect((await notifications())!.map((n) => `${n.NotificationType}>${n.Threshold}${n.ThresholdType}`)).toEqual([
      'ACTUAL>80PERCENTAGE',
      'ACTUAL>100PERCENTAGE',
      'FORECASTED>100PERCENTAGE',
    ]);
    const again = await runSteps(account, [billingAlert], YES, { interactive: false, inputs: { 'billing-alert': flags } });
    expect(again.outcomes).toEqual(['already-done']);
    expect(account.proxy.count('budgets:CreateBudget')).toBe(1);
  });

  it('completes a budget an interrupted run left without alerts, never making a second one', async () => {
    await account.aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: ACCOUNT_ID,
        Budget: { BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '10', Unit: 'USD' } },
      }),
    );
    const { outcomes } = await runSteps(account, [billingAlert], { 'offer-billing-alert': true, 'alert-email': 'owner@example.com', 'apply-billing-alert': true });
    expect(outcomes).toEqual(['done']);
    expect(await budgets()).toHaveLength(1);
    expect(await notifications()).toHaveLength(3);
  });

  it('is optional: declining the offer, or --yes without its flags, leaves it out without holding the run open', async () => {
    const declined = await runSteps(account, [billingAlert], { 'offer-billing-alert': false });
    expect(declined.outcomes).toEqual(['skipped']);
    const unflagged = await runSteps(account, [billingAlert], YES, { interactive: false });
    expect(unflagged.outcomes).toEqual(['skipped']);
    expect(unflagged.ui.of('note')[0]!.note.text).toMatch(/--budget-amount and --alert-email/);
    expect(writeCalls(account.proxy)).toEqual([]);
  });

  it("offers the security contact's address for the alerts: as typed in this run, or as the account holds it; never taken unasked", async () => {
    const enter = (_ui: unknown, question: { default?: string }) => question.default ?? '';
    const typed = await runSteps(account, [securityContact, billingAlert], {
      ...YES,
      'security-contact-name': 'Sec Ops',
      'security-contact-email': 'sec-ops@example.com',
      'security-contact-phone': '+1 555 0100',
      'budget-amount': '20',
      'alert-email': enter,
    });
    expect(typed.outcomes).toEqual(['done', 'done']);
    expect(typed.ui.of('ask').find((a) => a.key === 'alert-email')).toMatchObject({ default: 'sec-ops@example.com', answer: 'sec-ops@example.com' });
    expect((await notifications())!.length).toBe(3);

    // A later run finds it in the account (GetAlternateContact) and offers it again; a typed answer wins.
    await account.aws.budgets.send(new DeleteBudgetCommand({ AccountId: ACCOUNT_ID, BudgetName: 'monthly-cost-alert' }));
    const found = await runSteps(account, [billingAlert], { ...YES, 'budget-amount': '20', 'alert-email': 'billing@example.com' });
    expect(found.ui.of('ask').find((a) => a.key === 'alert-email')).toMatchObject({ default: 'sec-ops@example.com', answer: 'billing@example.com' });

    // Nobody at a terminal: the address is never used for them (the flag is needed).
    await account.aws.budgets.send(new DeleteBudgetCommand({ AccountId: ACCOUNT_ID, BudgetName: 'monthly-cost-alert' }));
    const unasked = await runSteps(account, [billingAlert], YES, { interactive: false, inputs: { 'billing-alert': { budgetAmount: '20' } } });
    expect(unasked.outcomes).toEqual(['skipped']);
  });

  it('in a dry run, shows the create-budget command and creates nothing', async () => {
    const { ui } = await runSteps(account, [billingAlert], YES, { interactive: false, dryRun: true, inputs: { 'billing-alert': flags } });
    expect(ui.of('plan')[0]!.plan.actions[0]!.cli).toMatch(/^aws budgets create-budget --account-id 123456789012 --budget '\{"BudgetName":"monthly-cost-alert"/);
    expect(writeCalls(account.proxy)).toEqual([]);
  });
});

describe('account-alias', () => {
  const aliases = async () => (await account.aws.iam.send(new ListAccountAliasesCommand({}))).AccountAliases;

  it('creates the alias and shows the new sign-in address', async () => {
    const { ui, outcomes } = await runSteps(account, [accountAlias], { ...YES, 'account-alias': 'jane-corp' });
    expect(outcomes).toEqual(['done']);
    expect(await aliases()).toEqual(['jane-corp']);
    expect(ui.of('plan')[0]!.plan.summary).toBe('Sign-in address https://jane-corp.signin.aws.amazon.com/console');
  });

  it('asks for another alias when one is taken across AWS', async () => {
    account.proxy.failNext('iam:CreateAccountAlias', { status: 409, code: 'EntityAlreadyExists', message: 'taken' });
    const { ui, outcomes } = await runSteps(account, [accountAlias], { ...YES, 'account-alias': ['taken-name', 'free-name'] });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('note')[0]!.note.text).toMatch(/"taken-name" is taken/);
    expect(await aliases()).toEqual(['free-name']);
    expect(ui.of('result').at(-1)!.result.detail).toBe('IAM users sign in at https://free-name.signin.aws.amazon.com/console');
  });

  it('with --yes and a taken alias, stops with a usage error naming the flag', async () => {
    account.proxy.failNext('iam:CreateAccountAlias', { status: 409, code: 'EntityAlreadyExists', message: 'taken' });
    const run = runSteps(account, [accountAlias], YES, { interactive: false, inputs: { 'account-alias': { accountAlias: 'taken-name' } } });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(/--account-alias taken-name/);
  });
});
