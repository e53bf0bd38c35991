import { UsageError } from '../errors.js';
import { isSettled, runCheck } from './check.js';
import type { FlagSpec } from './row.js';
import type { CheckContext, Inputs, Step } from './types.js';

/**
 * Under --yes, before the first step is shown: every flag the run will need, named in one usage
 * error, so a script learns all of them at once and nothing is written. A flag is needed when its
 * manifest row marks it `needed`, the step is not skipped, its check is not settled, and the step
 * (inputsNeeded) says it will use it on this account. A value --yes cannot honour is refused too.
 */
export async function checkFlagsForYes(
  steps: Step[],
  inputs: Readonly<Record<string, Inputs>>,
  skip: readonly string[],
  context: () => CheckContext,
): Promise<void> {
  const missing: { step: string; flags: string[] }[] = [];
  for (const step of steps) {
    if (skip.includes(step.id)) continue;
    const given = inputs[step.id] ?? {};
    const flags = Object.entries(step.flags ?? {}) as [string, FlagSpec][];
    for (const [key, flag] of flags) {
      const refused = typeof flag.underYes === 'function' && given[key] !== undefined ? flag.underYes(String(given[key])) : undefined;
      if (refused) throw new UsageError(`--${flag.name} ${String(given[key])}: ${refused}`);
    }
    const absent = flags.filter(([key, flag]) => flag.underYes === 'needed' && given[key] === undefined);
    if (absent.length === 0) continue;
    const ctx = context();
    if (isSettled(await runCheck(step, ctx, true))) continue;
    const used = step.inputsNeeded ? await step.inputsNeeded(ctx) : absent.map(([key]) => key);
    const needed = absent.filter(([key]) => used.includes(key)).map(([, flag]) => `--${flag.name}`);
    if (needed.length > 0) missing.push({ step: step.id, flags: needed });
  }
  if (missing.length === 0) return;
  const what = missing.map((m) => `${m.flags.join(' and ')} (for ${m.step})`).join(', ');
  const skips = missing.map((m) => `--skip ${m.step}`).join(' ');
  throw new UsageError(`--yes needs ${what} on this account, or ${skips}`);
}

/**
 * Before any call: each step's own check of its inputs (checkInputs), for the steps this run
 * takes; the first problem is a usage error.
 */
export function checkInputsBeforeCalls(steps: Step[], inputs: Readonly<Record<string, Inputs>>, skip: readonly string[]): void {
  const willRun = (id: string) => steps.some((s) => s.id === id) && !skip.includes(id);
  for (const step of steps) {
    if (step.kind !== 'automated' || !step.checkInputs || !willRun(step.id)) continue;
    const problem = step.checkInputs(inputs[step.id] ?? {}, willRun);
    if (problem) throw new UsageError(problem);
  }
}
