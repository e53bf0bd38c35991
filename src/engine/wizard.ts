import type { AccountReader } from '../aws/account-reader.js';
import { describeAwsError, isAbort } from '../aws/aws-error.js';
import type { AwsClients } from '../aws/clients.js';
import type { Identity } from '../aws/identity.js';
import type { Clock } from '../clock.js';
import { isSettled, runCheck } from './check.js';
import type { ConsolePort } from './console.js';
import { askFlag } from './inputs.js';
import { introNotes } from './intro.js';
import { pollUntilDone, type PollOutcome } from './poll.js';
import { kindOf, ON_RERUN, type StepKind } from './row.js';
import type {
  AdminVia,
  AdvisoryStep,
  AutomatedStep,
  CheckContext,
  CheckResult,
  ConsoleStep,
  ConsoleWay,
  Inputs,
  RunState,
  Step,
  StepContext,
  StepReport,
} from './types.js';
import { StoppedError } from '../errors.js';
import type { UI } from './ui.js';

export interface WizardOptions {
  steps: Step[];
  identity: Identity;
  aws: AwsClients;
  ui: UI;
  clock: Clock;
  signal: AbortSignal;
  /** Each step's inputs (its flags), by step id. */
  inputs: Readonly<Record<string, Inputs>>;
  /** Where the console is, and in practice mode the practice console's hands. */
  console: ConsolePort;
  /** The run's admin user as --admin-user named it, if it did. */
  adminUser?: string;
  /** The way to the admin as --admin-via named it, if it did. */
  adminVia?: AdminVia;
  dryRun: boolean;
  /** Step ids the person chose to leave out this run (--skip). */
  skip?: string[];
  pollIntervalMs: number;
  waitTimeoutMs: number;
  /** A reader with nothing cached: every check sees the account as it is now. */
  newReader(): AccountReader;
}

const LEFT_OPEN = {
  skipped: 'Skipped for now: the next run checks it again.',
  'timed-out': 'Not seen before the wait ended (--wait): the next run checks it again.',
};

/** Outcomes after which nothing is left to do for a step. */
const SETTLED_OUTCOMES = new Set(['already-done', 'done', 'not-applicable']);
export const isSettledReport = (report: StepReport) => SETTLED_OUTCOMES.has(report.outcome);

/** What still needs the person: required steps not settled (an optional step never holds a run open). */
export const openReports = (reports: StepReport[]) => reports.filter((r) => r.step.required && !isSettledReport(r));

/**
 * Walks the steps: check, and where something is left to do, either show the checklist and wait
 * for the person (console steps) or show the plan, ask, and apply it (automated steps).
 */
export async function runWizard(o: WizardOptions): Promise<StepReport[]> {
  const run: RunState = { adminUser: o.adminUser, adminVia: o.adminVia };
  o.ui.intro(o.identity, introNotes(o.identity));
  const reports: StepReport[] = [];
  const current: CurrentStep = { done: [], left: [] };
  try {
    await walk(o, run, reports, current);
  } catch (error) {
    // Whatever ends a run early (Ctrl-C, AWS refusing a write) is told with what this run did and
    // what a re-run will finish, on the main screen, before the error itself is reported.
    if (current.step) o.ui.note({ level: 'warn', text: unfinishedText(reports, o.steps, current) });
    throw error;
  }
  o.ui.summary(reports, o.dryRun);
  const open = openReports(reports);
  o.console.practice?.tell({
    kind: 'finished',
    summary: open.length === 0 ? 'Root is locked away.' : `Still open: ${open.map((r) => r.step.id).join(', ')}.`,
  });
  return reports;
}

/** The step a run is in, and of its plan the actions done and those left. */
interface CurrentStep {
  step?: Step;
  done: string[];
  left: string[];
}

async function walk(o: WizardOptions, run: RunState, reports: StepReport[], current: CurrentStep) {
  for (const [index, step] of o.steps.entries()) {
    Object.assign(current, { step, done: [], left: [] });
    o.ui.stepStart(step, index, o.steps.length);
    // Left out means left out: not even its check runs (an advisory check's read may be what fails).
    if (o.skip?.includes(step.id)) {
      o.ui.note({ level: 'info', text: `Skipped (--skip ${step.id}): not checked this run.` });
      reports.push({ step, result: { status: 'unknown', detail: 'not checked (--skip)' }, outcome: 'skipped' });
      continue;
    }
    const missing = step.needs?.find((id) => !reports.some((r) => r.step.id === id && (isSettledReport(r) || r.outcome === 'planned')));
    const leftOut = missing !== undefined && o.skip?.includes(missing);
    if (missing && !leftOut) {
      reports.push(blocked(o, step, `comes after ${missing}, which is not done yet`));
      continue;
    }
    // An optional or advisory check never stops the run: whatever fails in it makes it `unknown`.
    const before = await runCheck(step, checkContext(o, run), !step.required);
    // After a prerequisite left out with --skip, only a step that is settled anyway is reported.
    if (missing && !isSettled(before)) {
      reports.push(blocked(o, step, `comes after ${missing}, which was skipped`));
      continue;
    }
    reports.push(await runChecked(o, run, step, before, current));
  }
  current.step = undefined;
}

/**
 * A step whose check was just made (`before`): shows it, then does what is left, by the step's
 * kind. `owner` is the step whose flags a part answers to (the step itself, unless it is a part).
 */
async function runChecked(o: WizardOptions, run: RunState, step: Step, before: CheckResult, current: CurrentStep, owner: Step = step): Promise<StepReport> {
  o.ui.stepResult(step, before, 'before');
  if (!step.required && before.status === 'unknown') return { step, result: before, outcome: 'unknown' };
  if (step.kind === 'advisory') return runAdvisoryStep(o, run, step, before);
  if (isSettled(before)) return { step, result: before, outcome: before.status === 'pass' ? 'already-done' : 'not-applicable' };
  return step.kind === 'console' ? runConsoleWay(o, run, step, step, before) : runAutomatedStep(o, run, step, before, current, owner);
}

function blocked(o: WizardOptions, step: Step, detail: string): StepReport {
  const result: CheckResult = { status: 'fail', detail };
  o.ui.stepResult(step, result, 'before');
  return { step, result, outcome: 'blocked' };
}

function checkContext(o: WizardOptions, run: RunState): CheckContext {
  return { identity: o.identity, read: o.newReader(), run, console: o.console.links };
}

/** What a step (or a part, answering to its owner's flags) works with. */
function stepContext(o: WizardOptions, run: RunState, step: Step): StepContext {
  const { aws, ui, clock, signal, dryRun } = o;
  const inputs = o.inputs[step.id] ?? {};
  return {
    ...checkContext(o, run),
    aws,
    ui,
    clock,
    signal,
    dryRun,
    run,
    inputs,
    input: async (key) => inputs[key] ?? askFlag(ui, step.flags?.[key]),
    askAgain: (key, message) => askFlag(ui, step.flags?.[key], message),
    willRun: (id) => o.steps.some((s) => s.id === id) && !o.skip?.includes(id),
    newReader: o.newReader,
  };
}

/** Nothing to wait for: show what was found and, when there is advice, the advice. */
async function runAdvisoryStep(o: WizardOptions, run: RunState, step: AdvisoryStep, before: CheckResult): Promise<StepReport> {
  if (before.status === 'info') o.ui.checklist(step, await step.advice(checkContext(o, run)));
  const outcome = before.status === 'pass' ? 'already-done' : before.status === 'not-applicable' ? 'not-applicable' : 'advised';
  return { step, result: before, outcome };
}

async function runConsoleWay(
  o: WizardOptions,
  run: RunState,
  step: ConsoleStep | AutomatedStep,
  way: ConsoleWay,
  before: CheckResult,
): Promise<StepReport> {
  const list = await way.checklist(checkContext(o, run));
  o.ui.checklist(step, list);
  if (!o.ui.interactive || o.dryRun) return { step, result: before, outcome: 'pending', console: o.ui.interactive ? 'would-wait' : 'left' };
  const practice = o.console.practice;
  practice?.tell({ kind: 'waiting', stepId: step.id, title: step.title, waitingFor: way.waitingFor, url: list.url });
  const doItForMe = practice && way.doItForMe ? () => way.doItForMe!(practice.hands) : undefined;
  const waiter = o.ui.waiting(step, way.waitingFor, doItForMe);
  let polled: PollOutcome;
  try {
    polled = await pollUntilDone({
      check: () => runCheck(step, checkContext(o, run), !step.required),
      isDone: isSettled,
      waiter,
      clock: o.clock,
      signal: o.signal,
      intervalMs: o.pollIntervalMs,
      timeoutMs: o.waitTimeoutMs,
      lastResult: before,
    });
  } finally {
    waiter.stop();
    practice?.tell({ kind: 'idle' });
  }
  if (polled.kind !== 'done') {
    o.ui.note({ level: 'warn', text: LEFT_OPEN[polled.kind] });
    return { step, result: before, outcome: polled.kind };
  }
  practice?.tell({ kind: 'done', stepId: step.id, title: step.title, detail: polled.result.detail });
  o.ui.stepResult(step, polled.result, 'after');
  return { step, result: polled.result, outcome: 'done' };
}

async function runAutomatedStep(
  o: WizardOptions,
  run: RunState,
  step: AutomatedStep,
  before: CheckResult,
  current: CurrentStep,
  owner: Step = step,
): Promise<StepReport> {
  // An optional step is offered, not imposed: saying no leaves the run as complete as it was.
  if (!step.required && !(await o.ui.confirm({ key: `offer-${step.id}`, message: `${step.title}? (optional)`, default: true }))) {
    return { step, result: before, outcome: 'skipped' };
  }
  const plan = await step.plan(stepContext(o, run, owner));
  if (plan.skipped) {
    o.ui.note({ level: 'info', text: plan.skipped });
    return { step, result: before, outcome: 'skipped' };
  }
  if (plan.inConsole) return runConsoleWay(o, run, step, plan.inConsole, before);
  if (plan.parts) return runParts(o, run, step, plan.parts, before, current);
  o.ui.plan(step, plan, o.dryRun);
  if (o.dryRun) return { step, result: before, outcome: 'planned' };
  if (plan.actions.length > 0) {
    const go = await o.ui.confirm({ key: `apply-${step.id}`, message: 'Go ahead with these changes?', default: true });
    if (!go) {
      if (step.required) o.ui.note({ level: 'warn', text: `Nothing changed: "${step.title}" stays open, and the next run offers it again.` });
      return { step, result: before, outcome: 'declined' };
    }
    current.left = plan.actions.map((a) => a.title);
    let previous: unknown;
    for (const action of plan.actions) {
      const shown = o.ui.action(action.title);
      try {
        previous = await action.run(stepContext(o, run, owner), previous);
      } catch (error) {
        shown.failed(error instanceof StoppedError || isAbort(error) ? 'stopped' : describeAwsError(error));
        throw error;
      }
      shown.done();
      current.done.push(current.left.shift()!);
    }
  }
  const after = await verifyAfterWrites(o, run, step);
  o.ui.stepResult(step, after, 'after');
  return { step, result: after, outcome: isSettled(after) ? 'done' : 'pending' };
}

/**
 * A way made of parts (Plan.parts): each is checked and, when open, done as any step of its kind
 * is, answering to the flags of the step it belongs to. The first part left open leaves the step
 * open with that outcome (pending, declined, planned in a dry run, ...); after the last, the step's
 * own check decides.
 */
async function runParts(o: WizardOptions, run: RunState, step: AutomatedStep, parts: Step[], before: CheckResult, current: CurrentStep): Promise<StepReport> {
  for (const [index, part] of parts.entries()) {
    o.ui.note({ level: 'info', text: `Part ${index + 1} of ${parts.length}: ${part.title}. ${part.why}` });
    const checked = await runCheck(part, checkContext(o, run), !part.required);
    const report = await runChecked(o, run, part, checked, current, step);
    if (!isSettledReport(report) && report.outcome !== 'advised') return { step, result: before, outcome: report.outcome, console: report.console };
  }
  const after = await verifyAfterWrites(o, run, step);
  o.ui.stepResult(step, after, 'after');
  return { step, result: after, outcome: isSettled(after) ? 'done' : 'pending' };
}

/** "Stopped at admin-user. Done in this run: ... A re-run finishes ...": one paragraph. */
function unfinishedText(reports: StepReport[], steps: Step[], { step, done, left }: CurrentStep): string {
  const changed = reports.filter((r) => r.outcome === 'done').map((r) => r.step.id);
  const unsettled = [...reports.filter((r) => !isSettledReport(r) && r.outcome !== 'planned').map((r) => r.step), ...steps.slice(steps.indexOf(step!))];
  const ids = (kind: StepKind) => unsettled.filter((s) => kindOf(s) === kind).map((s) => s.id);
  const partly = done.length > 0 || left.length > 0 ? ` Of ${step!.id}, done: ${done.join('; ') || 'nothing'}; not done: ${left.join('; ')}.` : '';
  // Optional steps "are offered", advisory checks "are checked again": the words of --help and the summary.
  const also = (['optional', 'advisory'] as const)
    .filter((kind) => ids(kind).length > 0)
    .map((kind) => `; ${ids(kind).join(', ')} (${kind}) ${ids(kind).length === 1 ? 'is' : 'are'} ${ON_RERUN[kind]}`)
    .join('');
  return (
    `Stopped at ${step!.id}. Done in this run: ${changed.join(', ') || 'nothing'}.${partly} ` +
    `A re-run keeps what is done and finishes ${ids('required').join(', ') || 'nothing required'}${also}.`
  );
}

/** IAM's reads can trail its writes by seconds: give a fresh write a few chances to show. */
async function verifyAfterWrites(o: WizardOptions, run: RunState, step: Step): Promise<CheckResult> {
  let result = await runCheck(step, checkContext(o, run), !step.required);
  for (const delay of [1000, 2000, 4000]) {
    if (isSettled(result)) break;
    await o.clock.sleep(delay, o.signal);
    result = await runCheck(step, checkContext(o, run), !step.required);
  }
  return result;
}
