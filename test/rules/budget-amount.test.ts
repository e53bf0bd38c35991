// Amounts as people type them become AWS Budgets' NumericValue; what can be read two ways is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetAmountSchema } from '../../src/inputs.js';
import { AMOUNT_FORMS, parseBudgetAmount } from '../../src/rules/budget-amount.js';
import { meetsModel, modelRule } from '../../src/rules/field-rule.js';

const NUMERIC_VALUE = modelRule('budgets', 'Spend.Amount').model;

describe('parseBudgetAmount', () => {
  it.each([
    ['20', '20'],
    ['$20', '20'],
    ['$ 20', '20'],
    ['20.00', '20.00'],
    ['20.5', '20.5'],
    ['1,000', '1000'],
    ['$1,000.50', '1000.50'],
    ['1,000,000', '1000000'],
    ['20 USD', '20'],
    [' 20 ', '20'],
    ['.50', '0.50'],
  ])('%j is %j', (typed, amount) => {
    expect(parseBudgetAmount(typed)).toEqual({ amount });
  });

  it.each([
    ['1,5', 'could have a decimal comma or a thousands comma'],
    ['10,00', 'could have a decimal comma or a thousands comma'],
    ['1.000,50', 'could have a decimal comma or a thousands comma'],
    ['1.000', 'has 3 digits after the point'],
    ['1.000.000', 'mixes thousands and decimal separators'],
    ['0', 'must be more than 0'],
    ['$0.00', 'must be more than 0'],
    ['-5', 'is negative'],
    ['€20', 'is not an amount of money'],
    ['1e3', 'is not an amount of money'],
    ['', 'is empty'],
  ])('%j is refused: %s', (typed, problem) => {
    expect(parseBudgetAmount(typed)).toEqual({ problem: expect.stringContaining(problem) });
  });

  it('whatever it takes meets NumericValue; every NumericValue above 0 with cents at most is taken as the same number', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.,$ -USDe'), maxLength: 16 }), (typed) => {
        const read = parseBudgetAmount(typed);
        expect('problem' in read || meetsModel(NUMERIC_VALUE, read.amount)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^([0-9]{0,7}\.)?[0-9]{1,7}$/), (value) => {
        fc.pre(Number(value) > 0 && !/\.\d{3,}$/.test(value));
        const read = parseBudgetAmount(value);
        expect(read).toHaveProperty('amount');
        expect(Number((read as { amount: string }).amount)).toBe(Number(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('the prompt and the flag read alike, and the message names the accepted forms', () => {
    expect(budgetAmountSchema.parse('$20')).toBe('20');
    const refused = budgetAmountSchema.safeParse('1,5');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain(AMOUNT_FORMS);
  });
});
