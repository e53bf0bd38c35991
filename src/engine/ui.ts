import type { Identity } from '../aws/identity.js';
import type { Checklist, CheckResult, Plan, Step, StepReport } from './types.js';

/**
 * The engine's only way to talk to a person. The terminal, the non-interactive (--yes) and the
 * scripted test interfaces implement it. Every question has a `key`, so a non-interactive
 * interface can answer it from flags and a test from a table.
 */
export interface UI {
  readonly interactive: boolean;

  text(q: TextQuestion): Promise<string>;
  secret(q: SecretQuestion): Promise<string>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  select<T extends string>(q: SelectQuestion<T>): Promise<T>;

  intro(identity: Identity, notes: Note[]): void;
  stepStart(step: Step, index: number, total: number): void;
  stepResult(step: Step, result: CheckResult, when: 'before' | 'after'): void;
  checklist(step: Step, list: Checklist): void;
  plan(step: Step, plan: Plan, dryRun: boolean): void;
  /** An action of a plan starts: the interface shows it running, then done (✔) or failed (✖, with why). */
  action(title: string): ActionProgress;
  /** Says what the run is waiting for (a spinner at a terminal) until the returned function is called. */
  busy(message: string): () => void;
  note(note: Note): void;
  /** A call to AWS is being tried again (a retry, an outage): `notice` says which and why. */
  retrying(notice: string): void;
  /** Shows a secret once (a generated password); the caller asks for confirmation separately. */
  showSecret(label: string, value: string): void;
  /**
   * Shows a secret to scan: `uri` as a QR code, with `fallback` (e.g. the Base32 seed) to type
   * where scanning is not possible. It stays until forgetSecret.
   */
  showQrCode(label: string, uri: string, fallback: string): Promise<void>;
  /** Removes a shown secret from the screen, where the interface can. */
  forgetSecret(): void;
  /** `doItForMe`, in practice mode, does the step in the practice console and says what it did. */
  waiting(step: Step, waitingFor: string, doItForMe?: () => string): Waiter;
  summary(reports: StepReport[], dryRun: boolean): void;
}

export interface ActionProgress {
  done(): void;
  /** `reason` in one line (AWS's error, "stopped"). */
  failed(reason: string): void;
}

/**
 * Every string given to the interface (a note, a detail, a checklist, a question) is plain text,
 * one paragraph: the interface makes it printable (control characters shown escaped) and lays it
 * out, so text from AWS can be passed as it is and never carries escapes or line breaks of its own.
 */
export interface Note {
  level: 'info' | 'warn' | 'success';
  text: string;
}

export interface TextQuestion {
  key: string;
  message: string;
  default?: string;
  /** true when valid, or a message saying what is wrong. */
  validate?: (value: string) => true | string;
}

export interface SecretQuestion {
  key: string;
  message: string;
  validate?: (value: string) => true | string;
}

export interface ConfirmQuestion {
  key: string;
  message: string;
  default: boolean;
}

export interface SelectQuestion<T extends string> {
  key: string;
  message: string;
  choices: { value: T; name: string; description?: string }[];
  default?: T;
}

/** What a person can ask for while the engine waits on a console step. */
export type WaitCommand = 'check' | 'skip';

export interface Waiter {
  /** Called after every check with what it found. */
  checked(detail: string, elapsedMs: number): void;
  /** Called when AWS asks us to slow down or a check failed for a passing reason. */
  slowedDown(reason: string): void;
  /** Resolves when the person asks for something; never resolves where nobody can ask. */
  nextCommand(signal: AbortSignal): Promise<WaitCommand>;
  stop(): void;
}
