// The practice account teaches AWS's rules: it checks requests by the same rules the wizard checks
// its inputs with (src/rules, imported, never copied), refuses what AWS refuses with AWS's error
// code, and its scenario files take objects as the AWS CLI prints them.
import { describe, expect, it } from 'vitest';
import { AWS_MODELS } from '../../src/rules/aws-models.generated.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { handlerFor, jsonHandlerFor } from '../../src/practice/services/handlers.js';
import type { ServiceError } from '../../src/practice/protocols/query-protocol.js';
import { describeScenarioIssue, newAccountScenario, scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { PRINTED_PASSWORD_POLICY } from '../support/aws-printed.js';

const fresh = () => new PracticeAccount(newAccountScenario());

async function refusal(call: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await call();
  } catch (error) {
    return { code: (error as ServiceError).code, message: (error as Error).message };
  }
  throw new Error('no error');
}

const iam = (a: PracticeAccount, action: string, params: Record<string, string>) => handlerFor('iam', action)(a, params);

describe('the practice account refuses what AWS refuses, with its error codes', () => {
  it('IAM: names and aliases outside the model are ValidationError, in IAM\'s words', async () => {
    const a = fresh();
    expect(await refusal(() => iam(a, 'CreateUser', { UserName: "o'brien" }))).toEqual({
      code: 'ValidationError',
      message: "1 validation error detected: Value 'o'brien' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
    expect((await refusal(() => iam(a, 'CreateUser', { UserName: 'x'.repeat(65) }))).message).toContain('Member must have length less than or equal to 64');
    expect((await refusal(() => iam(a, 'CreateAccountAlias', { AccountAlias: 'jane--corp' }))).code).toBe('ValidationError');
    expect((await refusal(() => iam(a, 'UpdateAccountPasswordPolicy', { MinimumPasswordLength: '5' }))).message).toContain('Member must have value greater than or equal to 6');
  });

  it('a password whose only symbol is "." under a symbols policy: PasswordPolicyViolation, and the password is never in the message', async () => {
    const a = fresh();
    await iam(a, 'UpdateAccountPasswordPolicy', { MinimumPasswordLength: '14', RequireSymbols: 'true' });
    await iam(a, 'CreateUser', { UserName: 'admin' });
    const refused = await refusal(() => iam(a, 'CreateLoginProfile', { UserName: 'admin', Password: 'Abcdefghijk1.234' }));
    expect(refused.code).toBe('PasswordPolicyViolation');
    expect(refused.message).not.toContain('Abcdefghijk1.234');
    // A password outside passwordType: the value is left out, as AWS leaves out sensitive values.
    const outside = await refusal(() => iam(a, 'CreateLoginProfile', { UserName: 'admin', Password: 'Passw0rd!€€€€€€€€€€' }));
    expect(outside.code).toBe('ValidationError');
    expect(outside.message).not.toContain('Passw0rd');
    await iam(a, 'CreateLoginProfile', { UserName: 'admin', Password: 'Abcdefghijk1!234' });
  });

  it("without a policy, AWS's default: three kinds of character", async () => {
    const a = fresh();
    await iam(a, 'CreateUser', { UserName: 'admin' });
    expect((await refusal(() => iam(a, 'CreateLoginProfile', { UserName: 'admin', Password: 'onlylowercase' }))).code).toBe('PasswordPolicyViolation');
  });

  it("the Account API: an apostrophe is a ValidationException, & is fine", async () => {
    const a = fresh();
    const put = (email: string) =>
      jsonHandlerFor('account', 'PutAlternateContact')(a, { AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'Security', EmailAddress: email, PhoneNumber: '+1 555 0100' });
    expect((await refusal(() => put("dana.o'brien@example.com"))).code).toBe('ValidationException');
    put('sec&ops@example.com');
    expect(a.state.alternateContacts[0]).toMatchObject({ email: 'sec&ops@example.com' });
  });

  it('Budgets: an amount as people type it is not NumericValue; a line break in an address is refused', async () => {
    const a = fresh();
    const create = (amount: string, address = 'a@example.com') =>
      jsonHandlerFor('budgets', 'CreateBudget')(a, {
        AccountId: a.state.accountId,
        Budget: { BudgetName: 'b', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: amount, Unit: 'USD' } },
        NotificationsWithSubscribers: [
          { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: address }] },
        ],
      });
    expect(await refusal(() => create('$20'))).toMatchObject({ code: 'InvalidParameterException', message: expect.stringContaining('([0-9]*\\.)?[0-9]+') });
    expect((await refusal(() => create('20', 'a@example.com\nb@example.com'))).code).toBe('InvalidParameterException');
    create('20');
    expect(a.state.budgets).toHaveLength(1);
  });
});

describe('scenario files take what AWS prints', () => {
  const base = { accountId: '111122223333', root: { password: true, created: '2025-01-01T00:00:00Z', accessKeys: [] } };
  // `aws iam get-account-password-policy`, pasted whole.
  const printed = PRINTED_PASSWORD_POLICY;

  it('get-account-password-policy, whole or its inside, with ExpirePasswords', () => {
    for (const passwordPolicy of [printed, printed.PasswordPolicy]) {
      const parsed = scenarioSchema.parse({ ...base, passwordPolicy });
      // ExpirePasswords is derived from MaxPasswordAge: kept as that, and printed again by GetAccountPasswordPolicy.
      const { ExpirePasswords, ...held } = printed.PasswordPolicy;
      expect(ExpirePasswords).toBe(true);
      expect(parsed.passwordPolicy).toEqual(held);
    }
  });

  it("takes every field of IAM's PasswordPolicy shape, and nothing else", () => {
    const fields = Object.keys(AWS_MODELS.services.iam.members).filter((m) => m.startsWith('PasswordPolicy.')).map((m) => m.split('.')[1]!);
    expect(fields.sort()).toEqual(Object.keys(printed.PasswordPolicy).sort());
    const extra = scenarioSchema.safeParse({ ...base, passwordPolicy: { ...printed.PasswordPolicy, Unknown: 1 } });
    expect(extra.success).toBe(false);
  });

  it('ExpirePasswords must agree with MaxPasswordAge; ranges are the model\'s', () => {
    const disagree = scenarioSchema.safeParse({ ...base, passwordPolicy: { ...printed.PasswordPolicy, MaxPasswordAge: 0 } });
    expect(describeScenarioIssue(disagree.error!)).toBe('passwordPolicy.ExpirePasswords: must be true exactly when MaxPasswordAge is above 0, as IAM reports it');
    const long = scenarioSchema.safeParse({ ...base, passwordPolicy: { MinimumPasswordLength: 129 } });
    expect(describeScenarioIssue(long.error!)).toBe('passwordPolicy.MinimumPasswordLength: must be at most 128');
    expect(scenarioSchema.parse({ ...base, passwordPolicy: {} }).passwordPolicy).toMatchObject({ MinimumPasswordLength: 6, RequireSymbols: false });
  });

  it('get-alternate-contact, as printed, and its fields checked by the Account API\'s rules', () => {
    const contact = { AlternateContactType: 'SECURITY', Name: 'Sec Ops', Title: 'Security', EmailAddress: 'sec&ops@example.com', PhoneNumber: '+1 555 0100' };
    for (const item of [{ AlternateContact: contact }, contact]) {
      expect(scenarioSchema.parse({ ...base, alternateContacts: [item] }).alternateContacts).toEqual([
        { type: 'SECURITY', name: 'Sec Ops', title: 'Security', email: 'sec&ops@example.com', phone: '+1 555 0100' },
      ]);
    }
    const apostrophe = scenarioSchema.safeParse({ ...base, alternateContacts: [{ ...contact, EmailAddress: "dana.o'brien@example.com" }] });
    expect(describeScenarioIssue(apostrophe.error!)).toMatch(/^alternateContacts\.0\.email: has "'"; the Account API takes/);
  });
});
