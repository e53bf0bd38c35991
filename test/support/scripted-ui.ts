import type { Checklist, CheckResult, Plan, Step, StepReport } from '../../src/engine/types.js';
import type { ConfirmQuestion, Note, SecretQuestion, SelectQuestion, TextQuestion, UI, WaitCommand, Waiter } from '../../src/engine/ui.js';
import type { Identity } from '../../src/aws/identity.js';

/** A function answer gets the question's default too (what pressing Enter takes). */
export type Answer = string | boolean | ((ui: ScriptedUI, question: { default?: string }) => string | boolean);

/** Everything the engine told the person, in order, for assertions. */
export type UIEvent =
  | { type: 'ask'; key: string; message: string; answer: string | boolean; default?: string }
  | { type: 'intro'; notes: Note[] }
  | { type: 'step'; id: string }
  | { type: 'result'; id: string; when: 'before' | 'after'; result: CheckResult }
  | { type: 'checklist'; id: string; list: Checklist }
  | { type: 'plan'; id: string; plan: Plan; dryRun: boolean }
  | { type: 'progress'; message: string }
  | { type: 'action-end'; message: string; failed?: string }
  | { type: 'retrying'; notice: string }
  | { type: 'busy'; message: string; done: boolean }
  | { type: 'note'; note: Note }
  | { type: 'secret'; label: string; value: string }
  | { type: 'qr'; label: string; uri: string; fallback: string }
  | { type: 'forget-secret' }
  | { type: 'waiting'; id: string; doItForMe?: () => string }
  | { type: 'checked'; detail: string }
  | { type: 'slowed'; reason: string }
  | { type: 'summary'; reports: StepReport[] };

/**
 * The UI port answered from a table: each key maps to an answer, or to a list of answers given
 * in turn. A question with no answer fails the test, naming the key.
 */
export class ScriptedUI implements UI {
  readonly events: UIEvent[] = [];
  /** Commands for the waiter, handed out one per round; an empty queue means "just wait". */
  readonly waitCommands: WaitCommand[] = [];

  private readonly answers: Record<string, Answer | Answer[]>;

  constructor(
    answers: Record<string, Answer | Answer[]> = {},
    readonly interactive = true,
  ) {
    // Lists are used up as they are answered: copy them so one table can serve many runs.
    this.answers = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  }

  /** A function answer is computed when asked, from what was shown so far (e.g. a TOTP code from a QR seed). */
  private answer(key: string, message: string, fallback?: string): string | boolean {
    const entry = this.answers[key];
    const given = Array.isArray(entry) ? entry.shift() : entry;
    if (given === undefined) throw new Error(`ScriptedUI: no answer for "${key}" (${message})`);
    const value = typeof given === 'function' ? given(this, { default: fallback }) : given;
    this.events.push({ type: 'ask', key, message, answer: value, ...(fallback !== undefined ? { default: fallback } : {}) });
    return value;
  }

  async text(q: TextQuestion) {
    const value = String(this.answer(q.key, q.message, q.default));
    const valid = q.validate?.(value) ?? true;
    if (valid !== true) throw new Error(`ScriptedUI: answer "${value}" for ${q.key} rejected: ${valid}`);
    return value;
  }
  async secret(q: SecretQuestion) {
    const value = String(this.answer(q.key, q.message));
    const valid = q.validate?.(value) ?? true;
    if (valid !== true) throw new Error(`ScriptedUI: secret for ${q.key} rejected: ${valid}`);
    return value;
  }
  async confirm(q: ConfirmQuestion) {
    return Boolean(this.answer(q.key, q.message));
  }
  async select<T extends string>(q: SelectQuestion<T>) {
    // Without a terminal, as the plain interface does, a choice nobody scripted takes its default.
    if (!this.interactive && this.answers[q.key] === undefined && q.default) return q.default;
    const value = String(this.answer(q.key, q.message)) as T;
    if (!q.choices.some((c) => c.value === value)) throw new Error(`ScriptedUI: ${value} is not a choice for ${q.key}`);
    return value;
  }

  intro(_identity: Identity, notes: Note[]) {
    this.events.push({ type: 'intro', notes });
  }
  stepStart(step: Step) {
    this.events.push({ type: 'step', id: step.id });
  }
  stepResult(step: Step, result: CheckResult, when: 'before' | 'after') {
    this.events.push({ type: 'result', id: step.id, when, result });
  }
  checklist(step: Step, list: Checklist) {
    this.events.push({ type: 'checklist', id: step.id, list });
  }
  plan(step: Step, plan: Plan, dryRun: boolean) {
    this.events.push({ type: 'plan', id: step.id, plan, dryRun });
  }
  action(message: string) {
    this.events.push({ type: 'progress', message });
    return {
      done: () => void this.events.push({ type: 'action-end', message }),
      failed: (failed: string) => void this.events.push({ type: 'action-end', message, failed }),
    };
  }
  retrying(notice: string) {
    this.events.push({ type: 'retrying', notice });
  }
  busy(message: string) {
    const event = { type: 'busy' as const, message, done: false };
    this.events.push(event);
    return () => void (event.done = true);
  }
  note(note: Note) {
    this.events.push({ type: 'note', note });
  }
  showSecret(label: string, value: string) {
    this.events.push({ type: 'secret', label, value });
  }
  async showQrCode(label: string, uri: string, fallback: string) {
    this.events.push({ type: 'qr', label, uri, fallback });
  }
  forgetSecret() {
    this.events.push({ type: 'forget-secret' });
  }
  waiting(step: Step, _waitingFor: string, doItForMe?: () => string): Waiter {
    this.events.push({ type: 'waiting', id: step.id, ...(doItForMe && { doItForMe }) });
    return {
      checked: (detail) => this.events.push({ type: 'checked', detail }),
      slowedDown: (reason) => this.events.push({ type: 'slowed', reason }),
      nextCommand: () => {
        const command = this.waitCommands.shift();
        return command ? Promise.resolve(command) : new Promise(() => {});
      },
      stop: () => {},
    };
  }
  summary(reports: StepReport[]) {
    this.events.push({ type: 'summary', reports });
  }

  of<T extends UIEvent['type']>(type: T): Extract<UIEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<UIEvent, { type: T }> => e.type === type);
  }
}
