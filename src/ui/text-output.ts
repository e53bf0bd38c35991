import type { Identity } from '../aws/identity.js';
import type { Checklist, CheckResult, Plan, Step, StepReport } from '../engine/types.js';
import type { ActionProgress, Note } from '../engine/ui.js';
import type { IO } from '../io.js';
import { paragraph, widthFor } from './layout.js';
import * as render from './render.js';
import { type Text, useColour } from './text.js';

/** Practice mode, as the interfaces see it (from the console port): where its console is. */
export interface PracticeInfo {
  /** The practice console's address; none when the command ends at once (status). */
  url?: string;
  /** Where the practice account is kept and how this run came by it, in one line. */
  account?: string;
}

/**
 * The output half of the UI port, shared by the terminal and the plain interface: every text
 * reaches stdout here, as Text (made printable, src/ui/text.ts), laid out for the width of the
 * terminal at the moment it is printed.
 *
 * Each thing is said once. A step whose check finds it settled gets one line (a required one) or
 * a place in the closing line of the optional ones; a step with something to do gets its header
 * (title, why) when its first other line is printed.
 */
export abstract class TextOutput {
  /** The step whose header is not printed yet: printed before anything else about it. */
  private pendingHeader: (() => void) | undefined;
  /** Optional steps found settled before anything was done: one closing line names them. */
  private readonly settledOptional: Step[] = [];
  /**
   * Every step so far was found settled: a re-check. Advice is then one line too (its finding),
   * not its full list, which the first runs showed.
   */
  private recheck = true;
  /** The advisory step whose advice is left out, as said above. */
  private adviceLeftOut: Step | undefined;

  constructor(
    protected readonly io: IO,
    protected readonly practice?: PracticeInfo,
  ) {
    useColour(io.color);
  }

  /** The window's width at a terminal; a pipe or a file gets each paragraph on one line. */
  protected width(): number {
    return widthFor(this.io, 'stdout');
  }

  /** Writes lines of Text (no other way to reach stdout from here). */
  protected print(text: Text) {
    this.io.stdout.write(`${text.value}\n`);
  }

  /** The plain interface explains each step once, in full, where the terminal gives only why (and "?"). */
  protected abstract readonly explainsUpFront: boolean;

  /** The header of the current step, if it is still owed: called before any line about the step. */
  protected flushHeader() {
    const header = this.pendingHeader;
    this.pendingHeader = undefined;
    header?.();
  }

  intro(identity: Identity, notes: Note[]) {
    if (this.practice) this.print(render.practiceBanner(this.practice, this.width()));
    this.print(paragraph(this.width(), '', render.identityLine(identity), 2));
    notes.forEach((n) => this.note(n));
  }

  stepStart(step: Step, index: number, total: number) {
    this.flushHeader();
    this.pendingHeader = () => {
      this.print(render.stepHeader(step, index, total, this.width(), !this.explainsUpFront));
      if (this.explainsUpFront) this.print(render.explainText(step, this.width(), true));
    };
  }

  stepResult(step: Step, result: CheckResult, when: 'before' | 'after') {
    // Found settled before anything was asked: one line for a required step, a name in the closing line for an optional one.
    if (when === 'before' && this.pendingHeader && (result.status === 'pass' || result.status === 'not-applicable')) {
      this.pendingHeader = undefined;
      if (step.required) this.print(render.settledLine(step, result, this.width()));
      else this.settledOptional.push(step);
      return;
    }
    if (when === 'before' && this.pendingHeader && result.status === 'info' && step.kind === 'advisory' && this.recheck) {
      this.pendingHeader = undefined;
      this.adviceLeftOut = step;
      this.print(render.settledLine(step, result, this.width()));
      return;
    }
    if (when === 'before' && result.status !== 'info') this.recheck = false;
    this.flushHeader();
    this.print(render.resultLine(result, when, this.width()));
  }

  checklist(step: Step, list: Checklist) {
    if (step === this.adviceLeftOut) return;
    this.flushHeader();
    this.print(render.checklistText(list, this.consoleName(), this.width()));
  }

  /** The console a checklist's steps are done in, as its heading names it. */
  protected consoleName(): string {
    return this.practice ? 'the PRACTICE console' : 'the AWS console';
  }

  plan(_step: Step, plan: Plan, dryRun: boolean) {
    this.flushHeader();
    this.print(render.planText(plan, dryRun, this.width()));
  }

  /** Said once, when the action ends: ✔, or ✖ with the reason. */
  action(title: string): ActionProgress {
    this.flushHeader();
    return {
      done: () => this.print(render.actionLine(title, 'done', this.width())),
      failed: (reason) => this.print(render.actionLine(title, 'failed', this.width(), reason)),
    };
  }

  /** Said once, where nothing can be redrawn: the "…" line of what the run waits for. */
  busy(message: string): () => void {
    this.print(render.actionLine(message, 'running', this.width()));
    return () => {};
  }

  note(note: Note) {
    this.flushHeader();
    this.print(render.noteText(note, this.width()));
  }

  /** A call AWS is being asked again: one line each, where nothing can be redrawn (a log reads them all). */
  retrying(notice: string) {
    this.note({ level: 'warn', text: notice });
  }

  summary(reports: StepReport[], dryRun: boolean) {
    this.flushHeader();
    if (this.settledOptional.length > 0) this.print(render.restLine(this.settledOptional, this.width()));
    this.print(render.summaryText(reports, dryRun, Boolean(this.practice), this.width()));
  }
}
