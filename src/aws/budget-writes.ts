import { CreateBudgetCommand, CreateNotificationCommand, DescribeNotificationsForBudgetCommand, type Notification } from '@aws-sdk/client-budgets';
import { isDuplicateRecord } from './aws-error.js';
import { opts, type Writer } from './iam-writes.js';

/** The name the wizard finds its budget by on every later run. */
export const BUDGET_NAME = 'monthly-cost-alert';

/** An early warning, the limit itself, and a forecast that says it is coming before it does. */
export const BUDGET_ALERTS: Notification[] = [
  { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
  { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' },
  { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' },
];

export interface BudgetRequest {
  accountId: string;
  /** US dollars, as typed ("20" or "20.50"). */
  amount: string;
  email: string;
}

/**
 * Creates the monthly COST budget with its email alerts. When the budget exists (an earlier run,
 * perhaps stopped half-way), it is kept as it is and only missing alerts are added: never a second budget.
 */
export async function ensureBudget(w: Writer, r: BudgetRequest): Promise<void> {
  const subscribers = [{ SubscriptionType: 'EMAIL' as const, Address: r.email }];
  try {
    await w.aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: r.accountId,
        Budget: { BudgetName: BUDGET_NAME, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: r.amount, Unit: 'USD' } },
        NotificationsWithSubscribers: BUDGET_ALERTS.map((Notification) => ({ Notification, Subscribers: subscribers })),
      }),
      opts(w),
    );
    return;
  } catch (error) {
    if (!isDuplicateRecord(error)) throw error;
  }
  // Only the alerts it lacks, read first: a retry after a lost answer finds them all made already,
  // and not every implementation of the API refuses a duplicate alert (moto adds it again).
  const existing = await w.aws.budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: r.accountId, BudgetName: BUDGET_NAME }), opts(w));
  const missing = BUDGET_ALERTS.filter((wanted) => !existing.Notifications?.some((n) => sameAlert(n, wanted)));
  for (const notification of missing) {
    try {
      await w.aws.budgets.send(
        new CreateNotificationCommand({ AccountId: r.accountId, BudgetName: BUDGET_NAME, Notification: notification, Subscribers: subscribers }),
        opts(w),
      );
    } catch (error) {
      if (!isDuplicateRecord(error)) throw error;
    }
  }
}

const sameAlert = (a: Notification, b: Notification) =>
  a.NotificationType === b.NotificationType && a.ComparisonOperator === b.ComparisonOperator && a.Threshold === b.Threshold && a.ThresholdType === b.ThresholdType;
