import type { PracticeAccount } from '../account.js';
import type { JsonHandler } from './handlers.js';
import { JsonFields } from '../protocols/json-fields.js';
import { epochSeconds, type JsonBody } from '../protocols/json-protocol.js';
import { modelRule, type Member } from '../../rules/field-rule.js';
import { NO_LINE_BREAKS } from '../../rules/fields.js';
import { ServiceError } from '../protocols/query-protocol.js';
import type { BudgetNotification, ScenarioBudget } from '../scenarios/scenario.js';

/** AWS Budgets: budgets with email alerts, as the billing-alert step creates and reads them. */

/** Budgets answers every client error with 400. */
const budgetsError = {
  invalid: (message: string) => new ServiceError('InvalidParameterException', message, 400),
  notFound: (message: string) => new ServiceError('NotFoundException', message, 400),
  duplicate: (message: string) => new ServiceError('DuplicateRecordException', message, 400),
};

/** AWS Budgets' model for each field (src/rules), as the wizard checks its own. */
const rule = (member: Member<'budgets'>) => modelRule('budgets', member).model;
/** Where AWS ends a budget that has no end: 15 June 2087. */
const NO_END = Date.UTC(2087, 5, 15) / 1000;
const MAX_NOTIFICATIONS = 5;

/** What costs a budget counts when nobody says otherwise. */
const DEFAULT_COST_TYPES = {
  IncludeCredit: true,
  IncludeDiscount: true,
  IncludeOtherSubscription: true,
  IncludeRecurring: true,
  IncludeRefund: true,
  IncludeSubscription: true,
  IncludeSupport: true,
  IncludeTax: true,
  IncludeUpfront: true,
  UseAmortized: false,
  UseBlended: false,
};

/** A budget starts with the period it was created in: the day, month, quarter or year. */
function periodStart(created: string, unit: ScenarioBudget['timeUnit']): number {
  const d = new Date(created);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  const start = {
    DAILY: Date.UTC(y, m, d.getUTCDate()),
    MONTHLY: Date.UTC(y, m, 1),
    QUARTERLY: Date.UTC(y, m - (m % 3), 1),
    ANNUALLY: Date.UTC(y, 0, 1),
  }[unit];
  return start / 1000;
}

const budgetJson = (b: ScenarioBudget): JsonBody => ({
  BudgetName: b.name,
  BudgetType: b.type,
  TimeUnit: b.timeUnit,
  BudgetLimit: { Amount: b.limit.amount, Unit: b.limit.unit },
  LastUpdatedTime: epochSeconds(b.created),
  TimePeriod: { Start: periodStart(b.created, b.timeUnit), End: NO_END },
  // A practice account spends nothing.
  CalculatedSpend: { ActualSpend: { Amount: '0', Unit: b.limit.unit }, ForecastedSpend: { Amount: '0', Unit: b.limit.unit } },
  CostTypes: DEFAULT_COST_TYPES,
});

const notificationJson = (n: BudgetNotification): JsonBody => ({
  NotificationType: n.type,
  ComparisonOperator: n.comparison,
  Threshold: n.threshold,
  ThresholdType: n.thresholdType,
});

/** A budget's requests name the account; only the practice account's own id is allowed. */
function ownAccount(a: PracticeAccount, f: JsonFields) {
  const id = f.string('AccountId', rule('CreateBudgetRequest.AccountId'));
  if (id !== a.state.accountId) {
    throw new ServiceError('AccessDeniedException', `The practice account ${a.state.accountId} cannot manage budgets of account ${id}.`, 400);
  }
}

function notificationOf(f: JsonFields): Omit<BudgetNotification, 'subscribers'> {
  const n = f.object('Notification');
  return {
    type: n.oneOf('NotificationType', rule('Notification.NotificationType'), ['ACTUAL', 'FORECASTED'] as const),
    comparison: n.oneOf('ComparisonOperator', rule('Notification.ComparisonOperator'), ['GREATER_THAN', 'LESS_THAN', 'EQUAL_TO'] as const),
    threshold: n.number('Threshold', rule('Notification.Threshold')),
    thresholdType: n.has('ThresholdType') ? n.oneOf('ThresholdType', rule('Notification.ThresholdType'), ['PERCENTAGE', 'ABSOLUTE_VALUE'] as const) : 'PERCENTAGE',
  };
}

/** The practice account sends no mail: only EMAIL subscribers, kept as addresses. */
function subscribersOf(f: JsonFields): string[] {
  return f.list('Subscribers', rule('NotificationWithSubscribers.Subscribers')).map((s) => {
    if (s.string('SubscriptionType', rule('Subscriber.SubscriptionType')) === 'SNS') throw budgetsError.invalid('The practice account has no SNS topics; use an EMAIL subscriber.');
    const address = s.string('Address', rule('Subscriber.Address'));
    const lineBreak = NO_LINE_BREAKS.problem(address);
    if (lineBreak) throw budgetsError.invalid(`The subscriber address ${lineBreak}.`);
    return address;
  });
}

const sameAlert = (a: Omit<BudgetNotification, 'subscribers'>, b: Omit<BudgetNotification, 'subscribers'>) =>
  a.type === b.type && a.comparison === b.comparison && a.threshold === b.threshold && a.thresholdType === b.thresholdType;

function findBudget(a: PracticeAccount, f: JsonFields, doing: string): ScenarioBudget {
  const name = f.string('BudgetName', rule('Budget.BudgetName'));
  const budget = a.state.budgets.find((b) => b.name === name);
  if (!budget) throw budgetsError.notFound(`Unable to ${doing} - the budget ${name} doesn't exist.`);
  return budget;
}

export const budgetHandlers: Record<string, JsonHandler> = {
  CreateBudget(a, body) {
    const f = new JsonFields(body, budgetsError.invalid);
    ownAccount(a, f);
    const b = f.object('Budget');
    const name = b.string('BudgetName', rule('Budget.BudgetName'));
    const type = b.oneOf('BudgetType', rule('Budget.BudgetType'), ['COST', 'USAGE'] as const);
    const timeUnit = b.oneOf('TimeUnit', rule('Budget.TimeUnit'), ['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY'] as const);
    if (!b.has('BudgetLimit')) throw budgetsError.invalid('A budget of this type needs a BudgetLimit.');
    const limit = b.object('BudgetLimit');
    const amount = limit.string('Amount', rule('Spend.Amount'));
    const unit = limit.string('Unit', rule('Spend.Unit'));
    const alerts = f.list('NotificationsWithSubscribers', rule('CreateBudgetRequest.NotificationsWithSubscribers')).map((n) => ({ ...notificationOf(n), subscribers: subscribersOf(n) }));
    if (alerts.length > MAX_NOTIFICATIONS) throw budgetsError.invalid(`A budget has at most ${MAX_NOTIFICATIONS} notifications.`);
    if (a.state.budgets.some((x) => x.name === name)) throw budgetsError.duplicate(`Error creating budget: ${name} - the budget already exists.`);
    a.change((s) => s.budgets.push({ name, type, timeUnit, limit: { amount, unit }, created: a.timestamp(), notifications: alerts }));
    return undefined;
  },

  DescribeBudgets(a, body) {
    ownAccount(a, new JsonFields(body, budgetsError.invalid));
    return { Budgets: a.state.budgets.map(budgetJson) };
  },

  DescribeBudget(a, body) {
    const f = new JsonFields(body, budgetsError.invalid);
    ownAccount(a, f);
    return { Budget: budgetJson(findBudget(a, f, 'get budget')) };
  },

  DescribeNotificationsForBudget(a, body) {
    const f = new JsonFields(body, budgetsError.invalid);
    ownAccount(a, f);
    return { Notifications: findBudget(a, f, 'list notifications').notifications.map(notificationJson) };
  },

  CreateNotification(a, body) {
    const f = new JsonFields(body, budgetsError.invalid);
    ownAccount(a, f);
    const budget = findBudget(a, f, 'create notification');
    const alert = { ...notificationOf(f), subscribers: subscribersOf(f) };
    if (budget.notifications.some((n) => sameAlert(n, alert))) throw budgetsError.duplicate('Error creating notification - the notification already exists.');
    if (budget.notifications.length >= MAX_NOTIFICATIONS) throw budgetsError.invalid(`A budget has at most ${MAX_NOTIFICATIONS} notifications.`);
    a.change(() => budget.notifications.push(alert));
    return undefined;
  },
};
