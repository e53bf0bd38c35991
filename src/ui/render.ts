import type { Identity } from '../aws/identity.js';
import { kindOf, ON_RERUN, type StepKind } from '../engine/row.js';
import { isSettledReport } from '../engine/wizard.js';
import type { Checklist, CheckResult, CheckStatus, Plan, Step, StepOutcome, StepReport } from '../engine/types.js';
import type { Note } from '../engine/ui.js';
import { commandLine } from '../invocation.js';
import { count } from '../wording.js';
import { command, lines, paragraph } from './layout.js';
import { join, style, t, type Text } from './text.js';

/**
 * What the interfaces say, as Text laid out for a terminal `width` columns wide. Everything a step
 * or AWS gave (details, notes, titles, names) arrives as plain strings and is made printable by
 * the Text functions; nothing here writes.
 */

const MARKS: Record<CheckStatus, () => Text> = {
  pass: () => style.green('✔'),
  fail: () => style.yellow('•'),
  info: () => style.cyan('i'),
  unknown: () => style.red('?'),
  'not-applicable': () => style.gray('–'),
};

export const identityLine = (identity: Pick<Identity, 'account' | 'partition' | 'arn' | 'isRoot'>, verb = 'signed in as'): Text =>
  t`Account ${style.bold(identity.account)} (${identity.partition}) \u00b7 ${verb} ${identity.isRoot ? style.bold('root') : identity.arn}`;

const NOTE_MARKS = { warn: () => style.yellow('!'), success: () => style.green('✔'), info: () => style.cyan('i') };

/** A note, its mark at the indent and its text hanging under itself. */
export function noteText(note: Note, width: number, indent = 2): Text {
  const paint = note.level === 'warn' ? style.yellow : note.level === 'success' ? style.green : (s: string) => t`${s}`;
  return paragraph(width, t`${' '.repeat(indent)}${NOTE_MARKS[note.level]()} `, paint(note.text));
}

/** "[1/13] Turn on MFA for the root user (root-mfa)": a step's first line. */
export const stepTitle = (step: Step, index: number, total: number): Text =>
  t`${style.bold(`[${index + 1}/${total}] ${step.title}`)} ${style.gray(`(${step.id})`)}`;

/** The step's title and, for a person at a terminal, why it matters (the plain interface explains it whole). */
export function stepHeader(step: Step, index: number, total: number, width: number, withWhy: boolean): Text {
  return lines('', paragraph(width, '', stepTitle(step, index, total), 2), withWhy && paragraph(width, '  ', style.gray(step.why)));
}

const RESULT_LABEL: Record<CheckStatus, [before: string, after: string]> = {
  pass: ['Already done', 'Done'],
  'not-applicable': ['Not applicable', 'Not applicable'],
  unknown: ['Cannot tell', 'Cannot tell'],
  info: ['Worth knowing', 'Worth knowing'],
  fail: ['To do', 'Still to do'],
};

export function resultLine(result: CheckResult, when: 'before' | 'after', width: number): Text {
  const label = RESULT_LABEL[result.status][when === 'before' ? 0 : 1];
  return paragraph(width, t`  ${MARKS[result.status]()} `, t`${label}: ${result.detail}`);
}

/** A step found settled, on one line: the compact form a re-run shows for each required check. */
export const settledLine = (step: Step, result: CheckResult, width: number): Text =>
  paragraph(width, t`  ${MARKS[result.status]()} `, t`${step.title}: ${style.gray(result.detail)}`);

/** The optional steps that needed nothing, in one line. */
export function restLine(steps: Step[], width: number): Text {
  return paragraph(width, t`  ${MARKS.pass()} `, t`Optional, nothing to do: ${style.gray(steps.map((s) => s.id).join(', '))}`);
}

export function checklistText(list: Checklist, where: string, width: number): Text {
  return lines(
    paragraph(width, '  ', t`${list.heading ?? `In ${where}`}:`),
    list.url && t`    ${style.underline(list.url)}`,
    ...list.items.map((item, i) => paragraph(width, `    ${i + 1}. `, item)),
    ...(list.tips ?? []).map((tip) => paragraph(width, '  ', style.gray(t`Tip: ${tip}`), 7)),
  );
}

export function planText(plan: Plan, dryRun: boolean, width: number): Text {
  return lines(
    paragraph(width, '  ', t`${dryRun ? 'Would do' : 'Plan'}: ${plan.summary}`),
    ...plan.actions.flatMap((action) => [paragraph(width, '    • ', action.title), style.gray(command(8, action.cli))]),
    ...(plan.notes ?? []).map((note) => paragraph(width, '  ', style.gray(t`Note: ${note}`), 8)),
  );
}

/** An action of a plan: while it runs (…), once AWS took it (✔), or when it failed (✖ and why). */
export function actionLine(title: string, state: 'running' | 'done' | 'failed', width: number, reason?: string): Text {
  if (state === 'running') return paragraph(width, t`  ${style.gray('…')} `, style.gray(title));
  if (state === 'done') return paragraph(width, t`  ${style.green('✔')} `, title);
  return paragraph(width, t`  ${style.red('✖')} `, t`${title}: ${style.red(reason ?? 'failed')}`);
}

/** For learners: when it applies, the trap, and the command that checks it (with `why` where no header said it; titled where it stands apart). */
export function explainText(step: Step, width: number, withWhy: boolean): Text {
  const { when, gotcha, cliCheck } = step.explain;
  return lines(
    !withWhy && t`  ${style.bold(`About: ${step.title}`)}`,
    withWhy && paragraph(width, '  Why: ', step.why),
    paragraph(width, '  When: ', when),
    paragraph(width, '  Watch out: ', gotcha),
    '  Check it yourself:',
    style.cyan(command(4, cliCheck)),
  );
}

const GLOSSARY: [string, string][] = [
  ['root user', 'the identity made with the account, signed in with its email address; it can do everything and no policy limits it'],
  ['IAM', 'Identity and Access Management: the AWS service that decides who may do what in the account'],
  ['MFA', 'multi-factor authentication: a code from a device you hold, needed besides the password'],
  ['access key', 'a long-lived key pair (an id and a secret) that programs use to call AWS; unlike a password, it works without the console'],
  ['policy', 'a document of permissions; AdministratorAccess is the one that allows everything'],
  ['ARN', 'Amazon Resource Name, the full name of anything in AWS, e.g. arn:aws:iam::123456789012:user/admin-jane'],
  ['partition', 'a separate copy of AWS: aws (most of the world), aws-cn (China), aws-us-gov (GovCloud); the second field of an ARN'],
];

export function glossaryText(width: number): Text {
  const termWidth = Math.max(...GLOSSARY.map(([term]) => term.length));
  return lines(
    t`  ${style.bold('Glossary')}`,
    ...GLOSSARY.map(([term, meaning]) => paragraph(width, t`  ${style.bold(term.padEnd(termWidth))}  `, meaning)),
  );
}

/** One line that says practice mode: on every screen of it, the secret screens included. */
export const practiceTag = (width: number): Text =>
  paragraph(width, t`${style.badge(' PRACTICE ')} `, style.bold('A simulated AWS account on this computer. Nothing here touches AWS.'), 2);

/** The PRACTICE tag, the practice console's address and where the practice account is kept, for `width` columns. */
export function practiceBanner(practice: { url?: string; account?: string }, width: number): Text {
  return lines(
    practiceTag(width),
    practice.url ? lines('  Practice console (stands in for the AWS console):', t`    ${style.underline(practice.url)}`) : undefined,
    practice.account ? paragraph(width, '  ', practice.account) : undefined,
  );
}

const OUTCOME_TEXT: Record<StepOutcome, string> = {
  'already-done': 'already done',
  done: 'done now',
  'not-applicable': 'not applicable',
  pending: 'still to do',
  skipped: 'skipped for now',
  'timed-out': 'not seen before the wait ended',
  declined: 'declined',
  blocked: 'waiting on an earlier step',
  planned: 'planned',
  advised: 'advice given',
  unknown: 'could not be checked',
};

/** A step left at its console checklist is said to be the console's, as what a run does with it. */
const CONSOLE_TEXT: Record<NonNullable<StepReport['console']>, string> = {
  'would-wait': 'would wait for you in the console',
  left: 'to do in the console (its checklist is above)',
};

const bullet = (r: StepReport, width: number) =>
  paragraph(width, '  • ', t`${r.step.title} (${r.step.id}): ${r.console ? CONSOLE_TEXT[r.console] : OUTCOME_TEXT[r.outcome]}`);

/** The ids of the steps done, those of this run last: "a, b; in this run: c, d". */
function doneIds(settled: StepReport[], done: StepReport[]): Text {
  const earlier = settled.filter((r) => r.outcome !== 'done').map((r) => r.step.id);
  const now = done.map((r) => r.step.id);
  return join([earlier.length > 0 && join(earlier, ', '), now.length > 0 && t`in this run: ${join(now, ', ')}`].filter((part) => part !== false), '; ');
}

/**
 * The end of a run, what matters first: the required steps still open, in words; then the
 * optional ones not done; then what is done, in one line; then how to go on. A run that found
 * everything done ends on one line.
 */
export function summaryText(reports: StepReport[], dryRun: boolean, practice: boolean, width: number): Text {
  const open = reports.filter((r) => r.step.required && !isSettledReport(r));
  // Not done and not required: optional steps a re-run offers, advisory checks it makes again (the words of --help).
  const notDone = (kind: StepKind) => reports.filter((r) => kindOf(r.step) === kind && !isSettledReport(r) && r.outcome !== 'advised' && r.outcome !== 'planned');
  const done = reports.filter((r) => r.outcome === 'done');
  const settled = reports.filter(isSettledReport);
  const status = commandLine('status');
  if (open.length === 0 && !dryRun && done.length === 0) {
    return lines('', paragraph(width, '', style.green(t`Root is locked away. Re-check it now and then:`)), style.gray(command(2, status)));
  }
  const heading = dryRun ? 'Dry run: nothing was changed' : practice ? 'Summary (PRACTICE: a simulated account, nothing in AWS was changed)' : 'Summary';
  const required = open.filter((r) => r.outcome !== 'planned');
  const planned = reports.filter((r) => r.outcome === 'planned');
  return lines(
    '',
    style.bold(heading),
    required.length > 0 && style.yellow(t`Still to do, required (${count(required.length, 'step')}):`),
    ...required.map((r) => bullet(r, width)),
    planned.length > 0 && t`Would be done by a run without --dry-run:`,
    ...planned.map((r) => bullet(r, width)),
    ...(['optional', 'advisory'] as const).flatMap((kind) => {
      const steps = notDone(kind);
      const heading = kind === 'optional' ? 'Optional, not done' : 'Advisory, not checked';
      return steps.length > 0 ? [t`${heading} (${ON_RERUN[kind]} on a re-run):`, ...steps.map((r) => bullet(r, width))] : [];
    }),
    settled.length > 0 && paragraph(width, '', t`Done (${count(settled.length, 'step')}): ${doneIds(settled, done)}.`),
    '',
    open.length === 0
      ? lines(
          paragraph(width, '', style.green('Root is locked away. Re-check it monthly, and after anyone changes IAM:')),
          style.gray(command(2, status)),
          paragraph(width, '  ', style.gray('Keep the root password in a password manager, apart from daily ones.')),
        )
      : dryRun
        ? paragraph(width, '', 'Run it without --dry-run to carry out the plan.')
        : lines(paragraph(width, '', 'Run it again to pick up where you left off: what is done is kept.'), command(2, commandLine())),
  );
}
