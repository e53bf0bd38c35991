import { closest, distance } from 'fastest-levenshtein';

/** Words that follow their numbers: "1 alert", "3 alerts", "an hour ago, 2026-11-27". */

/** `n` with the noun in its number: count(1, 'alert') is "1 alert", count(3, 'alert') "3 alerts". */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

/** The noun alone, in the number of `n`: noun(2, 'minute') is "minutes". */
export const noun = (n: number, singular: string, plural = `${singular}s`): string => (n === 1 ? singular : plural);

const HOUR_MS = 3_600_000;

/**
 * How long ago `then` was, as a person says it, followed by the UTC date it fell on (what AWS's
 * console and reports show): "less than an hour ago, 2026-11-30", "5 hours ago, 2026-11-30",
 * "3 days ago, 2026-11-27". `now` and `then` are milliseconds since the epoch.
 */
export function ago(then: number, now: number): string {
  const date = new Date(then).toISOString().slice(0, 10);
  const hours = Math.round((now - then) / HOUR_MS);
  if (hours < 1) return `less than an hour ago, ${date}`;
  if (hours < 48) return `${count(hours, 'hour')} ago, ${date}`;
  return `${count(Math.round(hours / 24), 'day')} ago, ${date}`;
}

/** Minutes and seconds as m:ss, e.g. 0:07 or 12:30. */
export const clockTime = (ms: number): string => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * " (did you mean --json?)" for a mistyped name, or "" when no known name is near: within a third
 * of its length in edits (at least one), as git and npm suggest.
 */
export function didYouMean(typed: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(typed, [...known]);
  return distance(typed, best) <= Math.max(1, Math.floor(best.length / 3)) ? ` (did you mean ${best}?)` : '';
}
