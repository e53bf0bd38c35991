import kleur from 'kleur';
import type { Identity } from '../aws/identity.js';
import type { Checklist, CheckResult, CheckStatus, Plan, Step, StepOutcome, StepReport } from '../engine/types.js';
import type { Note } from '../engine/ui.js';

/** Text shared by every human-facing interface; colour is off under NO_COLOR or outside a terminal. */

const MARKS: Record<CheckStatus, string> = {
  pass: kleur.green('✔'),
  fail: kleur.yellow('•'),
  info: kleur.cyan('i'),
  unknown: kleur.red('?'),
  'not-applicable': kleur.gray('–'),
};

export function identityLine(identity: Identity): string {
  const who = identity.isRoot ? kleur.bold('root') : identity.arn;
  return `Account ${kleur.bold(identity.account)} (${identity.partition}) · signed in as ${who}`;
}

export function noteText(note: Note): string {
  if (note.level === 'warn') return kleur.yellow(`! ${note.text}`);
  if (note.level === 'success') return kleur.green(`✔ ${note.text}`);
  return kleur.cyan(`i ${note.text}`);
}

export function stepHeader(step: Step, index: number, total: number): string {
  return `\n${kleur.bold(`[${index + 1}/${total}] ${step.title}`)} ${kleur.gray(`(${step.id})`)}\n  ${kleur.gray(step.why)}`;
}

export function resultLine(result: CheckResult, when: 'before' | 'after'): string {
  const label =
    result.status === 'pass'
      ? when === 'before'
        ? 'Already done'
        : 'Done'
      : result.status === 'not-applicable'
        ? 'Not applicable'
        : result.status === 'unknown'
          ? 'Cannot tell'
          : result.status === 'info'
            ? 'Worth knowing'
            : 'To do';
  return `  ${MARKS[result.status]} ${label}: ${result.detail}`;
}

export function checklistText(list: Checklist): string {
  const lines = [`  ${list.heading ?? 'In the AWS console'}` + (list.url ? ` (${kleur.underline(list.url)})` : '') + ':'];
  list.items.forEach((item, i) => lines.push(`    ${i + 1}. ${item}`));
  list.tips?.forEach((tip) => lines.push(kleur.gray(`  Tip: ${tip}`)));
  return lines.join('\n');
}

export function planText(plan: Plan, dryRun: boolean): string {
  const lines = [`  ${dryRun ? 'Would do' : 'Plan'}: ${plan.summary}`];
  for (const action of plan.actions) {
    lines.push(`    • ${action.title}`, kleur.gray(`        $ ${action.cli}`));
  }
  plan.notes?.forEach((note) => lines.push(kleur.gray(`  Note: ${note}`)));
  return lines.join('\n');
}

const OUTCOME_TEXT: Record<StepOutcome, string> = {
  'already-done': kleur.green('already done'),
  done: kleur.green('done now'),
  'not-applicable': kleur.gray('not applicable'),
  pending: kleur.yellow('still to do'),
  skipped: kleur.yellow('skipped for now'),
  'timed-out': kleur.yellow('not seen before the wait ended'),
  declined: kleur.yellow('declined'),
  blocked: kleur.yellow('waiting on an earlier step'),
  planned: kleur.cyan('planned (dry run)'),
  advised: kleur.cyan('advice given'),
};

export function summaryText(reports: StepReport[], open: StepReport[], dryRun: boolean): string {
  const width = Math.max(...reports.map((r) => r.step.id.length));
  const lines = ['', kleur.bold('Summary')];
  for (const r of reports) lines.push(`  ${r.step.id.padEnd(width)}  ${OUTCOME_TEXT[r.outcome]}`);
  if (open.length === 0) {
    lines.push('', kleur.green('Root is locked away. Re-run "aws-root-lockdown status" now and then to confirm it stays that way.'));
  } else if (dryRun) {
    lines.push('', 'Dry run: nothing was changed. Run without --dry-run to carry out the plan.');
  } else {
    lines.push('', `Still open: ${open.map((r) => r.step.id).join(', ')}. Run aws-root-lockdown again to pick up where you left off.`);
  }
  return lines.join('\n');
}

export const progressLine = (message: string) => kleur.gray(`  … ${message}`);
