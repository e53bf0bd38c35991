import kleur from 'kleur';
import { isSettled } from '../engine/check.js';
import type { CheckStatus } from '../engine/types.js';
import type { StatusReport } from '../engine/status.js';
import { commandLine } from '../invocation.js';
import { practiceBanner } from './render.js';

const LABELS: Record<CheckStatus, () => string> = {
  pass: () => kleur.green('PASS'),
  fail: () => kleur.red('FAIL'),
  info: () => kleur.cyan('INFO'),
  unknown: () => kleur.yellow('????'),
  'not-applicable': () => kleur.gray('N/A '),
};

/** The human table of `status`. */
export function statusTable(report: StatusReport, practice?: { url?: string; account?: string }): string {
  const who = report.caller.isRoot ? 'root' : report.caller.arn;
  const lines = [...(practice ? [practiceBanner(practice)] : []), `Account ${kleur.bold(report.account)} (${report.partition}) · read as ${who}`, ''];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    // An optional step not taken is a suggestion, not a failure.
    const label = c.status === 'fail' && !c.required ? kleur.yellow('OPT ') : LABELS[c.status]();
    lines.push(`  ${label}  ${c.id.padEnd(idWidth)}  ${c.detail}`);
  }
  lines.push('');
  const required = report.checks.filter((c) => c.required);
  const open = required.filter((c) => !isSettled(c));
  lines.push(
    report.ok
      ? kleur.green('All required checks pass: root is locked away.')
      : `${open.length} of ${required.length} required checks need attention (${open.map((c) => c.id).join(', ')}). Run "${commandLine()}" to work through them.`,
  );
  if (report.caller.isRoot) lines.push(kleur.gray('Tip: run this as your admin user next time; every root sign-in is one to avoid.'));
  return lines.join('\n');
}

/** The JSON of `status --json`: one object, exactly the documented fields. */
export function statusJson(report: StatusReport): string {
  const { account, partition, caller, summary, ok } = report;
  const checks = report.checks.map(({ id, title, status, detail, required }) => ({ id, title, status, detail, required }));
  return JSON.stringify({ account, partition, caller, summary, checks, ok });
}
