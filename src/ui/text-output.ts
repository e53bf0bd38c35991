import type { Identity } from '../aws/identity.js';
import { openReports } from '../engine/wizard.js';
import type { Checklist, CheckResult, Plan, Step, StepReport } from '../engine/types.js';
import type { Note } from '../engine/ui.js';
import type { IO } from '../io.js';
import * as render from './render.js';

/** Practice mode, as the interfaces see it (from the console port): where its console is. */
export interface PracticeInfo {
  /** The practice console's address; none when the command ends at once (status). */
  url?: string;
  /** Where the practice account is kept and how this run came by it, in one line. */
  account?: string;
}

/** The output half of the UI port, as text lines: shared by the terminal and the plain interface. */
export abstract class TextOutput {
  constructor(
    protected readonly io: IO,
    protected readonly practice?: PracticeInfo,
  ) {
    render.useColour(io.color);
  }

  protected print(text: string) {
    this.io.stdout.write(`${text}\n`);
  }

  intro(identity: Identity, notes: Note[]) {
    if (this.practice) this.print(render.practiceBanner(this.practice));
    this.print(render.identityLine(identity));
    notes.forEach((n) => this.note(n));
  }

  stepStart(step: Step, index: number, total: number) {
    this.print(render.stepHeader(step, index, total));
  }

  stepResult(_step: Step, result: CheckResult, when: 'before' | 'after') {
    this.print(render.resultLine(result, when));
  }

  checklist(_step: Step, list: Checklist) {
    this.print(render.checklistText(list, this.practice ? 'the PRACTICE console' : 'the AWS console'));
  }

  plan(_step: Step, plan: Plan, dryRun: boolean) {
    this.print(render.planText(plan, dryRun));
  }

  progress(message: string) {
    this.print(render.progressLine(message));
  }

  busy(message: string): () => void {
    this.progress(`${message}…`);
    return () => {};
  }

  note(note: Note) {
    this.print(`  ${render.noteText(note)}`);
  }

  summary(reports: StepReport[], dryRun: boolean) {
    this.print(render.summaryText(reports, openReports(reports), dryRun, Boolean(this.practice)));
  }
}
