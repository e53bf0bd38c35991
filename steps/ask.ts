import type { Plan, StepContext } from '../src/engine/types.js';
import type { TextQuestion } from '../src/engine/ui.js';

/** A value from its flag, else from the person; undefined where there is neither (no terminal). */
export async function valueOrAsk(ctx: StepContext, given: string | undefined, question: TextQuestion): Promise<string | undefined> {
  if (given !== undefined) return given;
  return ctx.ui.interactive ? ctx.ui.text(question) : undefined;
}

/** Without a terminal, a step whose values were not passed as flags is left out, saying which flags it needs. */
export const missingFlags = (stepId: string, flags: string[]): Plan => ({
  summary: '',
  actions: [],
  skipped: `Left out: ${stepId} needs ${flags.join(' and ')} when there is no terminal to ask (or --skip ${stepId}).`,
});
