// The committed rules are AWS's: regenerated from the botocore on this machine (the AWS CLI's and
// moto's), they must come out byte for byte the same, so a model change fails here instead of
// drifting. And every fixed value the program sends meets its model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRules, OUTPUT, renderRules } from '../../scripts/aws-rules.mjs';
import { BUDGET_ALERTS, BUDGET_NAME } from '../../src/aws/budget-writes.js';
import { modelRule, numberViolation } from '../../src/rules/field-rule.js';
import { FIXED_VALUE_RULES } from '../../src/rules/fields.js';
import { CIS } from '../../steps/password-policy.js';
import { ADMIN_GROUP } from '../../steps/manifest.js';

describe('src/rules/aws-models.generated.ts', () => {
  it("is what botocore's models say today", () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(renderRules(extractRules()));
  });

  it("holds IAM's documented password classes, symbols without the period", () => {
    const { passwordClasses } = extractRules();
    expect(passwordClasses).toEqual({ uppercase: 'A-Z', lowercase: 'a-z', numbers: '0-9', symbols: "!@#$%^&*()_+-=[]{}|'" });
  });
});

describe('the fixed values the program sends meet their models', () => {
  it.each([
    ['groupName', ADMIN_GROUP],
    ['budgetName', BUDGET_NAME],
    ['contactTitle', 'Security contact'],
    ['budgetUnit', 'USD'],
    // The MFA device names: the user name, then user-2 ... user-8 (steps/mfa-enrolment.ts).
    ['deviceName', 'admin-jane-8'],
  ] as const)('%s %s', (rule, value) => {
    expect(FIXED_VALUE_RULES[rule].problem(value)).toBeUndefined();
  });

  it('the budget alerts: thresholds, enums and their count', () => {
    const rule = (member: Parameters<typeof modelRule<'budgets'>>[1]) => modelRule('budgets', member).model;
    expect(BUDGET_ALERTS.length).toBeLessThanOrEqual(rule('CreateBudgetRequest.NotificationsWithSubscribers').max!);
    for (const alert of BUDGET_ALERTS) {
      expect(numberViolation(rule('Notification.Threshold'), alert.Threshold!)).toBeUndefined();
      expect(rule('Notification.NotificationType').enum).toContain(alert.NotificationType);
      expect(rule('Notification.ComparisonOperator').enum).toContain(alert.ComparisonOperator);
      expect(rule('Notification.ThresholdType').enum).toContain(alert.ThresholdType);
    }
  });

  it("the CIS password-policy values are within IAM's ranges", () => {
    expect(numberViolation(modelRule('iam', 'UpdateAccountPasswordPolicyRequest.MinimumPasswordLength').model, CIS.MinimumPasswordLength)).toBeUndefined();
    expect(numberViolation(modelRule('iam', 'UpdateAccountPasswordPolicyRequest.PasswordReusePrevention').model, CIS.PasswordReusePrevention)).toBeUndefined();
  });
});
