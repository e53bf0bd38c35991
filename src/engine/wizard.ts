import type { AccountReader } from '../aws/account-reader.js';
import { isAbort } from '../aws/aws-error.js';
import type { AwsClients } from '../aws/clients.js';
import type { Identity } from '../aws/identity.js';
import { isSettled, runCheck } from './check.js';
import type { Clock } from './clock.js';
import { introNotes } from './intro.js';
import { pollUntilDone, type PollOutcome } from './poll.js';
import type {
  AdvisoryStep,
  AutomatedStep,
  CheckContext,
  CheckResult,
  ConsoleStep,
  ConsoleWay,
  Step,
  StepContext,
  StepReport,
  WizardInputs,
  WizardState,
} from './types.js';
import { StoppedError } from '../errors.js';
import { commandLine } from '../invocation.js';
import type { UI } from './ui.js';

export interface WizardOptions {
  steps: Step[];
  identity: Identity;
  aws: AwsClients;
  ui: UI;
  clock: Clock;
  signal: AbortSignal;
  inputs: WizardInputs;
  adminUser?: string;
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
  const state: WizardState = {};
  o.ui.intro(o.identity, introNotes(o.identity));
  const reports: StepReport[] = [];
  for (const [index, step] of o.steps.entries()) {
    o.ui.stepStart(step, index, o.steps.length);
    const missing = step.needs?.find((id) => !reports.some((r) => r.step.id === id && (isSettledReport(r) || r.outcome === 'planned')));
    if (missing) {
      const result: CheckResult = { status: 'fail', detail: `comes after ${missing}, which is not done yet` };
      o.ui.stepResult(step, result, 'before');
      reports.push({ step, result, outcome: 'blocked' });
      continue;
    }
    const before = await runCheck(step, checkContext(o, state));
    o.ui.stepResult(step, before, 'before');
    if (step.kind === 'advisory') {
      reports.push(await runAdvisoryStep(o, state, step, before));
      continue;
    }
    if (isSettled(before)) {
      reports.push({ step, result: before, outcome: before.status === 'pass' ? 'already-done' : 'not-applicable' });
      continue;
    }
    if (o.skip?.includes(step.id)) {
      o.ui.note({ level: 'info', text: `Skipped (--skip ${step.id}).` });
      reports.push({ step, result: before, outcome: 'skipped' });
      continue;
    }
    reports.push(
      step.kind === 'console'
        ? await runConsoleWay(o, state, step, step, before)
        : await runAutomatedStep(o, state, step, before, { reports, rest: o.steps.slice(index) }),
    );
  }
  o.ui.summary(reports, o.dryRun);
  return reports;
}

function checkContext(o: WizardOptions, state: WizardState): CheckContext {
  return { identity: o.identity, read: o.newReader(), adminUser: state.adminUser ?? o.adminUser };
}

function stepContext(o: WizardOptions, state: WizardState): StepContext {
  const { aws, ui, clock, signal, inputs, dryRun } = o;
  const willRun = (id: string) => o.steps.some((s) => s.id === id) && !o.skip?.includes(id);
  return { ...checkContext(o, state), aws, ui, clock, signal, inputs, dryRun, state, willRun };
}

/** Nothing to wait for: show what was found and, when there is advice, the advice. */
async function runAdvisoryStep(o: WizardOptions, state: WizardState, step: AdvisoryStep, before: CheckResult): Promise<StepReport> {
  if (before.status === 'info') o.ui.checklist(step, await step.advice(checkContext(o, state)));
  const outcome = before.status === 'pass' ? 'already-done' : before.status === 'not-applicable' ? 'not-applicable' : 'advised';
  return { step, result: before, outcome };
}

async function runConsoleWay(
  o: WizardOptions,
  state: WizardState,
  step: ConsoleStep | AutomatedStep,
  way: ConsoleWay,
  before: CheckResult,
): Promise<StepReport> {
  o.ui.checklist(step, await way.checklist(checkContext(o, state)));
  if (!o.ui.interactive || o.dryRun) return { step, result: before, outcome: 'pending' };
  const waiter = o.ui.waiting(step, way.waitingFor);
  let polled: PollOutcome;
  try {
    polled = await pollUntilDone({
      check: () => runCheck(step, checkContext(o, state)),
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
  }
  if (polled.kind !== 'done') {
    o.ui.note({ level: 'warn', text: LEFT_OPEN[polled.kind] });
    return { step, result: before, outcome: polled.kind };
  }
  o.ui.stepResult(step, polled.result, 'after');
  return { step, result: polled.result, outcome: 'done' };
}

/** Where a run stands when a step is applied: the reports so far, and this step and those after it. */
interface RunSoFar {
  reports: StepReport[];
  rest: Step[];
}

async function runAutomatedStep(o: WizardOptions, state: WizardState, step: AutomatedStep, before: CheckResult, run: RunSoFar): Promise<StepReport> {
  // An optional step is offered, not imposed: saying no leaves the run as complete as it was.
  if (!step.required && !(await o.ui.confirm({ key: `offer-${step.id}`, message: `${step.title}? (optional)`, default: true }))) {
    return { step, result: before, outcome: 'skipped' };
  }
  const plan = await step.plan(stepContext(o, state));
  if (plan.skipped) {
    o.ui.note({ level: 'info', text: plan.skipped });
    return { step, result: before, outcome: 'skipped' };
  }
  if (plan.inConsole) return runConsoleWay(o, state, step, plan.inConsole, before);
  o.ui.plan(step, plan, o.dryRun);
  if (o.dryRun) return { step, result: before, outcome: 'planned' };
  if (plan.actions.length > 0) {
    const go = await o.ui.confirm({ key: `apply-${step.id}`, message: 'Go ahead with these changes?', default: true });
    if (!go) return { step, result: before, outcome: 'declined' };
    const done: string[] = [];
    try {
      for (const action of plan.actions) {
        o.ui.progress(action.title);
        await action.run(stepContext(o, state));
        done.push(action.title);
      }
    } catch (error) {
      // AWS can still refuse what no local rule can know (an alias another account holds): say
      // what this run did and did not, and how to finish, before the error itself is reported.
      const left = plan.actions.slice(done.length).map((a) => a.title);
      if (!(error instanceof StoppedError) && !isAbort(error)) o.ui.note({ level: 'warn', text: unfinishedText(run, done, left) });
      throw error;
    }
  }
  const after = await verifyAfterWrites(o, state, step);
  o.ui.stepResult(step, after, 'after');
  return { step, result: after, outcome: isSettled(after) ? 'done' : 'pending' };
}

/** "Stopped at account-alias. Done: ... Not done: ... Run again ...": one paragraph. */
function unfinishedText({ reports, rest }: RunSoFar, done: string[], left: string[]): string {
  const changed = reports.filter((r) => r.outcome === 'done').map((r) => r.step.id);
  const open = reports.filter((r) => !isSettledReport(r) && r.outcome !== 'planned').map((r) => r.step.id);
  const current = rest[0]!.id;
  return (
    `Stopped at ${current} (the reason follows). Done in this run: ${changed.join(', ') || 'nothing'}. ` +
    `Of ${current}, done: ${done.join('; ') || 'nothing'}; not done: ${left.join('; ')}. ` +
    `Not done: ${[...open, ...rest.map((s) => s.id)].join(', ')}. ` +
    `Run "${commandLine()}" again to finish: every step is checked again, what is done is kept, and the rest is offered.`
  );
}

/** IAM's reads can trail its writes by seconds: give a fresh write a few chances to show. */
async function verifyAfterWrites(o: WizardOptions, state: WizardState, step: Step): Promise<CheckResult> {
  let result = await runCheck(step, checkContext(o, state));
  for (const delay of [1000, 2000, 4000]) {
    if (isSettled(result)) break;
    await o.clock.sleep(delay, o.signal);
    result = await runCheck(step, checkContext(o, state));
  }
  return result;
}
