import kleur from 'kleur';
import type { CheckStatus } from '../engine/types.js';
import type { StatusReport } from '../engine/status.js';
import { practiceBanner } from './render.js';

const LABELS: Record<CheckStatus, string> = {
  pass: kleur.green('PASS'),
  fail: kleur.red('FAIL'),
  unknown: kleur.yellow('????'),
  'not-applicable': kleur.gray('N/A '),
};

/** The human table of `status`. */
export function statusTable(report: StatusReport, practice?: { consoleUrl: string }): string {
  const who = report.caller.isRoot ? 'root' : report.caller.arn;
  const lines = [...(practice ? [practiceBanner(practice.consoleUrl)] : []), `Account ${kleur.bold(report.account)} (${report.partition}) · read as ${who}`, ''];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    lines.push(`  ${LABELS[c.status]}  ${c.id.padEnd(idWidth)}  ${c.detail}`);
  }
  lines.push('');
  const open = report.checks.filter((c) => c.required && c.status !== 'pass' && c.status !== 'not-applicable');
  lines.push(
    report.ok
      ? kleur.green('All checks pass: root is locked away.')
      : `${open.length} of ${report.checks.length} checks need attention (${open.map((c) => c.id).join(', ')}). Run aws-root-lockdown to work through them.`,
  );
  if (report.caller.isRoot) lines.push(kleur.gray('Tip: run this as your admin user next time; every root sign-in is one to avoid.'));
  return lines.join('\n');
}

/** The JSON of `status --json`: one object, exactly the documented fields. */
export function statusJson(report: StatusReport): string {
  const { account, partition, caller, summary, ok } = report;
  const checks = report.checks.map(({ id, title, status, detail }) => ({ id, title, status, detail }));
  return JSON.stringify({ account, partition, caller, summary, checks, ok });
}
