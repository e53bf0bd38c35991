import type { AccountReader } from '../aws/account-reader.js';
import type { AwsClients } from '../aws/clients.js';
import type { Identity } from '../aws/identity.js';
import type { ConsoleLinks } from '../aws/console-links.js';
import type { Clock } from '../clock.js';
import type { PracticeHands } from './console.js';
import type { Flags } from './row.js';
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

/** What the steps of one run share. */
export interface RunState {
  /** The run's admin user: --admin-user, or the user the admin-user step set up (or chose to reuse). */
  adminUser?: string;
  /**
   * How this run makes the daily admin: --admin-via, or the person's choice in admin-user. With
   * `identity-center` there is no IAM user to sign in as or to give MFA: later steps say so.
   */
  adminVia?: AdminVia;
  /**
   * The security contact's email address as typed in this run (security-contact), before it is
   * written: billing-alert offers it as the alerts' address, shown as the question's default.
   */
  securityContactEmail?: string;
}

/** The two ways to the daily admin: an IAM user in this account, or a user of IAM Identity Center. */
export type AdminVia = 'iam-user' | 'identity-center';

/** What every step may read. A fresh reader per check, so "after" never sees a cached "before". */
export interface CheckContext {
  identity: Identity;
  read: AccountReader;
  run: Readonly<RunState>;
  /** Where the console pages are: AWS's, or the practice console's. */
  console: ConsoleLinks;
}

/** Inputs of a step as the engine carries them: by key, typed by each step (see InputsOf). */
export type Inputs = Record<string, unknown>;

export interface StepContext<I extends Inputs = Inputs> extends CheckContext {
  aws: AwsClients;
  ui: UI;
  clock: Clock;
  signal: AbortSignal;
  run: RunState;
  /** This step's flags, checked by the manifest's rules: answers no prompt asks again. */
  inputs: I;
  /**
   * The flag's value, else the person's answer to the flag's question (checked by the same rule),
   * else undefined: nobody is at a terminal to ask.
   */
  input<K extends keyof I & string>(key: K): Promise<I[K] | undefined>;
  /** The flag's question again, whatever the flag said (a taken alias): undefined where nobody can be asked. */
  askAgain<K extends keyof I & string>(key: K, message: string): Promise<I[K] | undefined>;
  /** Plan and show, but make no write call. */
  dryRun: boolean;
  /** Whether a step is part of this run (not left out with --skip): a plan may depend on a later one. */
  willRun(stepId: string): boolean;
  /** A reader with nothing cached, to see what a write just changed (`read` keeps what it read first). */
  newReader(): AccountReader;
}

/** What the manifest row gives a step (see StepRow); the step's own file gives the rest. */
export type RowFields = 'id' | 'title' | 'required' | 'advisory' | 'inStatus' | 'needs' | 'endsRootKeySession' | 'flags';

interface StepBase {
  /** Part of the interface: status JSON, docs and tests name steps by id. */
  id: string;
  title: string;
  /** Why it matters, in a sentence or two. */
  why: string;
  /** For learners: when it applies, the trap people fall into, and how to check it by hand. */
  explain: Explanation;
  required: boolean;
  advisory?: true;
  inStatus: boolean;
  needs?: readonly string[];
  endsRootKeySession?: true;
  flags?: Flags;
  check(ctx: CheckContext): Promise<CheckResult>;
  /**
   * Under --yes, of the flags the manifest marks `needed`, the keys this step will use on this
   * account (asked only when its check is not settled); all of them when the step does not say.
   */
  inputsNeeded?(ctx: CheckContext): Promise<readonly string[]>;
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
  /** In practice mode, the practice console's hands doing the checklist for the learner; says what was done. */
  doItForMe?(hands: PracticeHands): string;
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

/**
 * One write the wizard makes; `run` must be safe to repeat. It receives what the action before it
 * returned (undefined for the first), so a plan passes results along explicitly.
 */
export interface Action<I extends Inputs = Inputs, In = unknown, Out = unknown> {
  title: string;
  /** The equivalent AWS CLI command, for the plan and for learning. */
  cli: string;
  run(ctx: StepContext<I>, previous: In): Promise<Out>;
}

/** Two actions where the second takes what the first made (a device, then its enrolment), typed. */
export const chain = <I extends Inputs, A>(first: Action<I, undefined, A>, then: Action<I, A>): Action<I>[] => [first, then] as Action<I>[];

export interface Plan<I extends Inputs = Inputs> {
  summary: string;
  actions: Action<I>[];
  notes?: string[];
  /** The person chose to do this in the console instead: show the checklist and poll, as for a console step. */
  inConsole?: ConsoleWay;
  /**
   * The way continues as these parts, each a step of its own kind (an automated plan, a console
   * checklist to poll, advice), walked in order as the wizard walks steps: the first part not
   * settled ends the walk, and the step's own check then decides. The Identity Center way of
   * admin-user is one: an organization, the console, the API, then advice.
   */
  parts?: Step[];
  /** Left out on purpose (an optional step without the values it needs under --yes): why, in one line. */
  skipped?: string;
}

/** Done by the wizard through the API, after showing a plan and asking. */
export interface AutomatedStep<I extends Inputs = Inputs> extends StepBase {
  kind: 'automated';
  /** Reads and asks only; makes no write. */
  plan(ctx: StepContext<I>): Promise<Plan<I>>;
  /**
   * What can be told of its inputs before any call (a --password-stdin too short for the policy
   * this run sets): a usage message, or undefined. `willRun` says whether a step is in this run.
   */
  checkInputs?(inputs: I, willRun: (stepId: string) => boolean): string | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each step types its own inputs
export type Step = ConsoleStep | AutomatedStep<any> | AdvisoryStep;

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a step's own file writes: the row's fields come from the manifest. */
export type StepImplementation<I extends Inputs = Inputs> = OmitEach<ConsoleStep | AutomatedStep<I> | AdvisoryStep, RowFields>;

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
  | 'advised'
  /** An optional or advisory check could not be read (its reason is the result's detail). */
  | 'unknown';

export interface StepReport {
  step: Step;
  outcome: StepOutcome;
  result: CheckResult;
  /**
   * A `pending` step left at its console checklist, nobody waited for: `would-wait` in a dry run
   * at a terminal (a real run would wait for the person to do it in the console), `left` where no
   * one can be waited for (no terminal, --yes): its checklist was shown, to follow in the console.
   */
  console?: 'would-wait' | 'left';
}
