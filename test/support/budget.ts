import { CreateBudgetCommand } from '@aws-sdk/client-budgets';

/**
 * What the billing-alert step makes, for tests that need a finished account: a 20 USD monthly
 * cost budget named monthly-cost-alert, emailing `email` at 80% of actual spend.
 */
export const createAlertingBudget = (accountId: string, email = 'billing@example.com') =>
  new CreateBudgetCommand({
    AccountId: accountId,
    Budget: { BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '20', Unit: 'USD' } },
    NotificationsWithSubscribers: [
      {
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: email }],
      },
    ],
  });
