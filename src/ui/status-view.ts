import { isSettled } from '../engine/check.js';
import type { CheckStatus } from '../engine/types.js';
import type { StatusReport } from '../engine/status.js';
import { commandLine } from '../invocation.js';
import { count, noun } from '../wording.js';
import { command, lines, paragraph } from './layout.js';
import { identityLine, practiceBanner } from './render.js';
import { join, style, t, type Text } from './text.js';

const LABELS: Record<CheckStatus, () => Text> = {
  pass: () => style.green('PASS'),
  fail: () => style.red('FAIL'),
  info: () => style.cyan('INFO'),
  unknown: () => style.yellow('????'),
  'not-applicable': () => style.gray('N/A '),
};

/**
 * The human table of `status`, `width` columns wide: a label, the check's id, and its detail
 * wrapped inside its own column, so no line runs past the window and no detail (which can hold
 * text from the account) can start a line of its own that looks like a row. In practice mode,
 * `practice` gives the account's line and `consoleCommand`, the command that serves the practice
 * console (status's own closes when it ends, so the table names its pages but links to none).
 */
export function statusTable(report: StatusReport, width: number, practice?: { account?: string; consoleCommand: string }): Text {
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  const rows = report.checks.map((c) => {
    // An optional step not taken is a suggestion, not a failure.
    const label = c.status === 'fail' && !c.required ? style.yellow('OPT ') : LABELS[c.status]();
    return paragraph(width, t`  ${label}  ${c.id.padEnd(idWidth)}  `, c.detail);
  });
  const required = report.checks.filter((c) => c.required);
  const open = required.filter((c) => !isSettled(c));
  const verdict = report.ok
    ? style.green('All required checks pass: root is locked away.')
    : lines(
        paragraph(width, '', t`${open.length} of ${count(required.length, 'required check')} ${noun(open.length, 'needs', 'need')} attention: ${join(open.map((c) => c.id), ', ')}. Work through them with:`),
        command(2, commandLine()),
      );
  return lines(
    practice && practiceBanner({ account: practice.account }, width),
    practice &&
      lines(paragraph(width, '  ', 'Practice console: not running now; it runs with the wizard, or alone:'), command(4, commandLine()), command(4, practice.consoleCommand)),
    paragraph(width, '', identityLine({ ...report.caller, account: report.account, partition: report.partition }, 'read as'), 2),
    '',
    ...rows,
    '',
    verdict,
    report.caller.isRoot && paragraph(width, '', style.gray('Tip: run this as your admin user next time; every root sign-in is one to avoid.')),
  );
}
