import { validatorFor } from '../inputs.js';
import type { FlagSpec } from './row.js';
import type { UI } from './ui.js';

/**
 * Asks a flag's question (a choice, or text checked by the flag's own rule) and returns the answer
 * as the flag would have given it. Undefined when the flag has no question or nobody can answer:
 * the interface says whether a person is there, and this is the only place that asks it.
 * `suggested` replaces the question's default: an answer of this run or account (billing-alert
 * offers the security contact's address), shown in the question and taken only by pressing Enter.
 */
export async function askFlag(ui: UI, flag: FlagSpec | undefined, message?: string, suggested?: string): Promise<string | undefined> {
  const question = flag?.question;
  if (!flag || !question || !ui.interactive) return undefined;
  const ask = { key: flag.name, message: message ?? question.message, default: suggested ?? question.default };
  if (question.choices) return ui.select({ ...ask, choices: [...question.choices] });
  const answer = await ui.text({ ...ask, validate: flag.rule && validatorFor(flag.rule) });
  return flag.rule ? flag.rule.parse(answer) : answer;
}
