/**
 * Dates as people read them: "12 March 2026, 14:05 (3 days ago)", in this computer's own time
 * zone and language, with the exact moment in a <time datetime> for whoever needs it.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 hours", "just now": the largest whole unit, rounded towards zero. */
export function howLongAgo(then: Date, now: Date, locale?: string): string {
  const elapsed = now.getTime() - then.getTime();
  for (const [unit, ms] of UNITS) {
    const count = Math.trunc(elapsed / ms);
    if (count !== 0) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-count, unit);
  }
  return 'just now';
}

/** "12 March 2026, 14:05" in the computer's time zone and language. */
export function readableDate(then: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(then);
}

/** The HTML of a date: readable, how long ago, and the ISO moment in datetime. */
export function dateHtml(iso: string, now: Date, locale?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  return `<time datetime="${then.toISOString()}">${readableDate(then, locale)}</time> (${howLongAgo(then, now, locale)})`;
}
