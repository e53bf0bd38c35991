import type { Inputs, Plan } from '../src/engine/types.js';
import { rowOf, type StepId } from './manifest.js';

/**
 * Without a terminal, a step whose values were not passed as flags is left out, naming its flags
 * (from its manifest row).
 */
export function missingFlags<I extends Inputs>(stepId: StepId): Plan<I> {
  const flags = Object.values(rowOf(stepId).flags).map((f) => `--${f.name}`);
  return {
    summary: '',
    actions: [],
    skipped: `Left out: ${stepId} needs ${flags.join(' and ')} when there is no terminal to ask (or --skip ${stepId}).`,
  };
}
