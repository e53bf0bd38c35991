import { askFlag } from '../src/engine/inputs.js';
import { defineStep, type InputsFor } from './manifest.js';
import type { BudgetWithNotifications } from '../src/aws/account-reader.js';
import { BUDGET_ALERTS, BUDGET_NAME, ensureBudget } from '../src/aws/budget-writes.js';
import type { CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { shellArg } from '../src/shell.js';
import { count } from '../src/wording.js';
import { missingFlags } from './missing-flags.js';

// Budgets' names and units may hold control characters: the interfaces show them escaped.
const describe = ({ budget, notifications }: BudgetWithNotifications) =>
  `"${budget.BudgetName}" (${budget.BudgetLimit?.Amount} ${budget.BudgetLimit?.Unit} a ${budget.TimeUnit?.toLowerCase().replace(/ly$/, '')}, ${count(notifications.length, 'alert')})`;

/**
 * The address to offer for the alerts: the security contact's, as typed in this run or as the
 * account holds it (GetAlternateContact). Only asked for when the question will be asked; a read
 * that fails offers nothing.
 */
async function contactEmail(ctx: StepContext<InputsFor<'billing-alert'>>): Promise<string | undefined> {
  if (!ctx.ui.interactive) return undefined;
  if (ctx.run.securityContactEmail) return ctx.run.securityContactEmail;
  try {
    return (await ctx.read.securityContact())?.EmailAddress;
  } catch {
    return undefined;
  }
}

export const billingAlert = defineStep('billing-alert', {
  kind: 'automated',
  why:
    'A leaked key is usually found through the bill: someone mining crypto on your account. An alert turns a ' +
    'month-end surprise into an email within hours.',
  explain: {
    when: 'Right away on a new account; it takes a minute and costs nothing for the first budgets.',
    gotcha: 'Budget data refreshes a few times a day, so an alert can trail a spike by hours: it is an alarm bell, not a brake.',
    cliCheck: 'aws budgets describe-budgets --account-id ACCOUNT_ID',
  },

  async check({ read }: CheckContext): Promise<CheckResult> {
    const budgets = await read.costBudgets();
    const alerting = budgets.filter((b) => b.notifications.length > 0);
    if (alerting.length > 0) return { status: 'pass', detail: `cost budget ${alerting.map(describe).join(', ')}` };
    const ours = budgets.find((b) => b.budget.BudgetName === BUDGET_NAME);
    return ours
      ? { status: 'fail', detail: `budget "${BUDGET_NAME}" has no email alerts yet` }
      : { status: 'fail', detail: 'no cost budget with alerts' };
  },

  async plan(ctx: StepContext<InputsFor<'billing-alert'>>): Promise<Plan<InputsFor<'billing-alert'>>> {
    const exists = (await ctx.read.costBudgets()).some((b) => b.budget.BudgetName === BUDGET_NAME);
    // A typed amount ("$1,000") comes back in the form AWS Budgets takes ("1000"), as a flag's does.
    const amount = exists ? undefined : await ctx.input('budgetAmount');
    const email = ctx.inputs.alertEmail ?? (await askFlag(ctx.ui, billingAlert.flags?.alertEmail, undefined, await contactEmail(ctx)));
    if ((!exists && !amount) || !email) {
      if (!ctx.dryRun) return missingFlags('billing-alert');
    }
    const request = { accountId: ctx.identity.account, amount: amount ?? 'AMOUNT', email: email ?? 'EMAIL' };
    const alerts = BUDGET_ALERTS.map((n) => ({ Notification: n, Subscribers: [{ SubscriptionType: 'EMAIL', Address: request.email }] }));
    const budget = { BudgetName: BUDGET_NAME, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: request.amount, Unit: 'USD' } };
    return {
      summary: exists ? `Add the missing email alerts to the budget "${BUDGET_NAME}"` : `Create ${amount ? `a ${request.amount} USD` : 'a'} monthly cost budget that emails ${request.email}`,
      actions: [
        {
          title: exists
            ? `Add alerts to "${BUDGET_NAME}" for ${request.email}`
            : `Create the budget "${BUDGET_NAME}" with alerts at 80% and 100% of actual spend and 100% of forecast spend`,
          cli: exists
            ? `aws budgets create-notification --account-id ${request.accountId} --budget-name ${BUDGET_NAME} --notification '...' --subscribers '...' (one per alert)`
            : `aws budgets create-budget --account-id ${request.accountId} --budget ${shellArg(JSON.stringify(budget))} --notifications-with-subscribers ${shellArg(JSON.stringify(alerts))}`,
          run: (c) => ensureBudget(c, request),
        },
      ],
      notes: [
        'AWS Budgets does not charge for the first budgets of an account; this is one budget, with no automatic actions.',
        'Budget data is refreshed a few times a day, so an alert can arrive hours after the spending. It warns; it never stops anything.',
        'The forecast alert needs some billing history: for a new account it starts after a few weeks.',
      ],
    };
  },
});
