import type { AccountReader } from '../aws/account-reader.js';
import type { AwsClients } from '../aws/clients.js';
import type { Identity } from '../aws/identity.js';
import type { Clock } from './clock.js';
import type { UI } from './ui.js';

/**
 * `info` is an advisory finding: worth knowing, never a failure (it never makes `status` fail).
 * `unknown` means the check could not read what it needs.
 */
export type CheckStatus = 'pass' | 'fail' | 'info' | 'unknown' | 'not-applicable';

export interface CheckResult {
  status: CheckStatus;
  /** One line a person can act on. */
  detail: string;
}

/** What every step may read. A fresh reader per check, so "after" never sees a cached "before". */
export interface CheckContext {
  identity: Identity;
  read: AccountReader;
  /** The admin user chosen in this run (by flag or prompt), if any. */
  adminUser?: string;
}

export interface StepContext extends CheckContext {
  aws: AwsClients;
  ui: UI;
  clock: Clock;
  signal: AbortSignal;
  /** Shared across steps within one run: the admin-user step records the user it set up. */
  state: WizardState;
  /** Answers given as flags, which no prompt asks again. */
  inputs: WizardInputs;
  /** Plan and show, but make no write call. */
  dryRun: boolean;
  /** Whether a step is part of this run (not left out with --skip): a plan may depend on a later one. */
  willRun(stepId: string): boolean;
}

export interface WizardInputs {
  /** From --password-stdin; never from argv. */
  password?: string;
  grant?: 'group' | 'direct';
  /** How the admin user's MFA is set up: an authenticator app here, or anything in the console. */
  mfaIn?: 'terminal' | 'console';
  budgetAmount?: string;
  alertEmail?: string;
  securityContact?: { name?: string; email?: string; phone?: string };
  accountAlias?: string;
}

export interface WizardState {
  adminUser?: string;
}

interface StepBase {
  /** Part of the interface: status JSON, docs and tests name steps by id. */
  id: string;
  title: string;
  /** Why it matters, in a sentence or two. */
  why: string;
  /** For learners: when it applies, the trap people fall into, and how to check it by hand. */
  explain: Explanation;
  /** Counts towards `status` being ok. */
  required: boolean;
  /** Shown by `status` (wizard-only steps, such as the first sign-in, are not). */
  inStatus: boolean;
  /** Steps that must be settled first; otherwise this one is reported as blocked. */
  needs?: string[];
  check(ctx: CheckContext): Promise<CheckResult>;
}

export interface Explanation {
  when: string;
  gotcha: string;
  /** The AWS CLI command that checks (or does) the same thing. */
  cliCheck: string;
}

export interface Checklist {
  /** What the list is, when not "In the AWS console". */
  heading?: string;
  /** Where to go, e.g. the console page. */
  url?: string;
  items: string[];
  tips?: string[];
}

/** What the person does in the console, while the wizard polls `check`. */
export interface ConsoleWay {
  checklist(ctx: CheckContext): Checklist | Promise<Checklist>;
  /** What the spinner says while waiting. */
  waitingFor: string;
}

/** Done by the person in the AWS console; the wizard shows a checklist and polls `check`. */
export interface ConsoleStep extends StepBase, ConsoleWay {
  kind: 'console';
}

/**
 * Only reports: nothing to change, or nothing the API can see well enough to wait for. Its check
 * answers `pass`, `info` (with `advice` shown in the wizard) or `not-applicable`.
 */
export interface AdvisoryStep extends StepBase {
  kind: 'advisory';
  advice(ctx: CheckContext): Checklist | Promise<Checklist>;
}

/** One write the wizard makes; `run` must be safe to repeat. */
export interface Action {
  title: string;
  /** The equivalent AWS CLI command, for the plan and for learning. */
  cli: string;
  run(ctx: StepContext): Promise<void>;
}

export interface Plan {
  summary: string;
  actions: Action[];
  notes?: string[];
  /** The person chose to do this in the console instead: show the checklist and poll, as for a console step. */
  inConsole?: ConsoleWay;
  /** Left out on purpose (an optional step without the values it needs under --yes): why, in one line. */
  skipped?: string;
}

/** Done by the wizard through the API, after showing a plan and asking. */
export interface AutomatedStep extends StepBase {
  kind: 'automated';
  /** Reads and asks only; makes no write. */
  plan(ctx: StepContext): Promise<Plan>;
}

export type Step = ConsoleStep | AutomatedStep | AdvisoryStep;

export type StepOutcome =
  | 'already-done'
  | 'done'
  | 'not-applicable'
  | 'pending'
  | 'skipped'
  | 'timed-out'
  | 'declined'
  | 'blocked'
  | 'planned'
  | 'advised';

export interface StepReport {
  step: Step;
  outcome: StepOutcome;
  result: CheckResult;
}
