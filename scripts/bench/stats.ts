export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
}

/** One row of the table in BENCHMARKS.md: a figure, its reference where there is one, its target. */
export interface Row {
  what: string;
  value: Summary;
  unit: string;
  reference?: { label: string; value: Summary; ratio: Summary };
  /** Undefined for a row that only shows a cost, with nothing to meet. */
  target?: string;
  met: boolean;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Ratios of runs made in pairs (subject and reference one after the other), so drifts in load cancel. */
export function pairedRatios(subject: number[], reference: number[]): number[] {
  return subject.map((s, i) => s / reference[i]!);
}

export const format = (value: number, digits = 0) => value.toFixed(digits);

export const spread = (s: Summary, digits = 0) => `${format(s.min, digits)}–${format(s.max, digits)}`;
