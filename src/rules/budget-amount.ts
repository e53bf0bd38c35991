/**
 * A monthly budget as people type it: "20", "20.50", "$20", "1,000", "$1,000.50 USD". What could
 * be read two ways ("1,5" or "1.000", where a comma or point may be the other kind of separator)
 * is refused, naming the forms that are taken. The result is AWS Budgets' NumericValue.
 */

export const AMOUNT_FORMS = 'write US dollars as 20, 20.50, $20 or 1,000';

const SHAPE = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?(?:\s*USD)?$/i;

/** `{ amount }` in Budgets' NumericValue form ("1000.50"), or `{ problem }` in a few words. */
export function parseBudgetAmount(typed: string): { amount: string } | { problem: string } {
  const text = typed.trim();
  if (!text) return { problem: 'is empty' };
  const found = SHAPE.exec(text);
  if (!found || (!found[1] && found[2] === undefined)) {
    if (/^\$?\s*\d+(,\d+)+$/.test(text) || /\d,\d{1,2}$/.test(text)) return { problem: `"${text}" could have a decimal comma or a thousands comma` };
    if (/\d[.,]\d+[.,]/.test(text)) return { problem: `"${text}" mixes thousands and decimal separators in a way that can be read two ways` };
    if (/^-/.test(text)) return { problem: 'is negative' };
    return { problem: `"${text.slice(0, 40)}" is not an amount of money` };
  }
  const [, whole = '', decimals] = found;
  if (decimals !== undefined && decimals.length > 2) {
    return { problem: `"${text}" has ${decimals.length} digits after the point: could be a thousands separator, and cents have two` };
  }
  const amount = `${whole.replace(/,/g, '') || '0'}${decimals === undefined ? '' : `.${decimals}`}`;
  if (!/[1-9]/.test(amount)) return { problem: 'must be more than 0 (the alerts are percentages of it)' };
  return { amount };
}
