import kleur from 'kleur';
import type { Identity } from '../aws/identity.js';
import type { Checklist, CheckResult, CheckStatus, Plan, Step, StepOutcome, StepReport } from '../engine/types.js';
import type { Note } from '../engine/ui.js';
import { commandLine } from '../invocation.js';

/** Text shared by every human-facing interface, coloured where the run's IO says so (useColour). */

/** Colour is decided once, by the IO object (NO_COLOR, FORCE_COLOR, a terminal): every text here follows it. */
export function useColour(on: boolean) {
  kleur.enabled = on;
}

const MARKS: Record<CheckStatus, () => string> = {
  pass: () => kleur.green('✔'),
  fail: () => kleur.yellow('•'),
  info: () => kleur.cyan('i'),
  unknown: () => kleur.red('?'),
  'not-applicable': () => kleur.gray('–'),
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
  return `  ${MARKS[result.status]()} ${label}: ${result.detail}`;
}

export function checklistText(list: Checklist, where = 'the AWS console'): string {
  const lines = [`  ${list.heading ?? `In ${where}`}` + (list.url ? ` (${kleur.underline(list.url)})` : '') + ':'];
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

const OUTCOME_TEXT: Record<StepOutcome, () => string> = {
  'already-done': () => kleur.green('already done'),
  done: () => kleur.green('done now'),
  'not-applicable': () => kleur.gray('not applicable'),
  pending: () => kleur.yellow('still to do'),
  skipped: () => kleur.yellow('skipped for now'),
  'timed-out': () => kleur.yellow('not seen before the wait ended'),
  declined: () => kleur.yellow('declined'),
  blocked: () => kleur.yellow('waiting on an earlier step'),
  planned: () => kleur.cyan('planned (dry run)'),
  advised: () => kleur.cyan('advice given'),
  unknown: () => kleur.yellow('could not be checked'),
};

export function explainText(step: Step): string {
  const { when, gotcha, cliCheck } = step.explain;
  return [
    kleur.bold(`  About: ${step.title}`),
    `  Why: ${step.why}`,
    `  When: ${when}`,
    `  Watch out: ${gotcha}`,
    `  Check it yourself: ${kleur.cyan(`$ ${cliCheck}`)}`,
  ].join('\n');
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

export function glossaryText(): string {
  const width = Math.max(...GLOSSARY.map(([term]) => term.length));
  return [kleur.bold('  Glossary'), ...GLOSSARY.map(([term, meaning]) => `  ${kleur.bold(term.padEnd(width))}  ${meaning}`)].join('\n');
}

/** One line that says practice mode: on every screen of it, the secret screens included. */
export const practiceTag = () => kleur.bgYellow().black().bold(' PRACTICE ') + kleur.bold(' A simulated AWS account on this computer. Nothing here touches AWS.');

/** The PRACTICE tag, the practice console's address and where the practice account is kept. */
export function practiceBanner(practice: { url?: string; account?: string }): string {
  return [
    practiceTag(),
    ...(practice.url ? [`  Practice console (stands in for the AWS console): ${kleur.underline(practice.url)}`] : []),
    ...(practice.account ? [`  ${practice.account}`] : []),
  ].join('\n');
}

export function summaryText(reports: StepReport[], open: StepReport[], dryRun: boolean, practice = false): string {
  const width = Math.max(...reports.map((r) => r.step.id.length));
  const lines = ['', kleur.bold(practice ? 'Summary (PRACTICE: a simulated account, nothing in AWS was changed)' : 'Summary')];
  for (const r of reports) lines.push(`  ${r.step.id.padEnd(width)}  ${OUTCOME_TEXT[r.outcome]()}`);
  const done = reports.filter((r) => r.outcome === 'already-done' || r.outcome === 'done');
  // Only the first letter: lower-casing whole titles would print "mfa" and "iam".
  if (done.length > 0) lines.push('', `Done: ${done.map((r) => r.step.title[0]!.toLowerCase() + r.step.title.slice(1)).join('; ')}.`);
  lines.push(
    '',
    'Re-check now and then (monthly, and after anyone changes IAM):',
    kleur.gray(`  $ ${commandLine('status')}`),
    kleur.gray("  $ aws iam get-account-summary --query 'SummaryMap.{RootMFA:AccountMFAEnabled,RootKeys:AccountAccessKeysPresent}'"),
    kleur.gray('  Root MFA should be 1 and root keys 0. Keep the root password in a password manager, apart from daily ones.'),
  );
  if (open.length === 0) {
    lines.push('', kleur.green(`Root is locked away. Re-run "${commandLine('status')}" now and then to confirm it stays that way.`));
  } else if (dryRun) {
    lines.push('', 'Dry run: nothing was changed. Run without --dry-run to carry out the plan.');
  } else {
    lines.push('', `Still open: ${open.map((r) => r.step.id).join(', ')}. Run "${commandLine()}" again to pick up where you left off.`);
  }
  return lines.join('\n');
}

export const progressLine = (message: string) => kleur.gray(`  … ${message}`);
