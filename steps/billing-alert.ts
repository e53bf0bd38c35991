import type { BudgetWithNotifications } from '../src/aws/account-reader.js';
import { BUDGET_ALERTS, BUDGET_NAME, ensureBudget } from '../src/aws/budget-writes.js';
import type { AutomatedStep, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { alertEmailSchema, budgetAmountSchema, validatorFor } from '../src/inputs.js';
import { shellArg } from '../src/shell.js';
import { printable } from '../src/ui/printable.js';
import { missingFlags, valueOrAsk } from './ask.js';

// Budgets' names and units may hold control characters: shown escaped.
const describe = ({ budget, notifications }: BudgetWithNotifications) =>
  printable(`"${budget.BudgetName}" (${budget.BudgetLimit?.Amount} ${budget.BudgetLimit?.Unit} a ${budget.TimeUnit?.toLowerCase().replace(/ly$/, '')}, ${notifications.length} alert(s))`);

export const billingAlert: AutomatedStep = {
  id: 'billing-alert',
  kind: 'automated',
  title: 'Get an email when spending passes a monthly budget',
  why:
    'A leaked key is usually found through the bill: someone mining crypto on your account. An alert turns a ' +
    'month-end surprise into an email within hours.',
  required: false,
  inStatus: true,
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

  async plan(ctx: StepContext): Promise<Plan> {
    const exists = (await ctx.read.costBudgets()).some((b) => b.budget.BudgetName === BUDGET_NAME);
    const typed = exists
      ? undefined
      : await valueOrAsk(ctx, ctx.inputs.budgetAmount, { key: 'budget-amount', message: 'Monthly budget in US dollars (e.g. 20, $20 or 1,000)', default: '20', validate: validatorFor(budgetAmountSchema) });
    // As typed ("$1,000") to the form AWS Budgets takes ("1000"); a flag's value was read so already.
    const amount = typed === undefined ? undefined : budgetAmountSchema.parse(typed);
    const email = await valueOrAsk(ctx, ctx.inputs.alertEmail, { key: 'alert-email', message: 'Email address for the alerts', validate: validatorFor(alertEmailSchema) });
    if ((!exists && !amount) || !email) {
      if (!ctx.dryRun) return missingFlags('billing-alert', ['--budget-amount', '--alert-email']);
    }
    const request = { accountId: ctx.identity.account, amount: amount ?? 'AMOUNT', email: email ?? 'EMAIL' };
    const alerts = BUDGET_ALERTS.map((n) => ({ Notification: n, Subscribers: [{ SubscriptionType: 'EMAIL', Address: request.email }] }));
    const budget = { BudgetName: BUDGET_NAME, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: request.amount, Unit: 'USD' } };
    return {
      summary: exists ? `Add the missing email alerts to the budget "${BUDGET_NAME}"` : `Create a ${request.amount} USD monthly cost budget that emails ${request.email}`,
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
};
