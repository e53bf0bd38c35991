import type { Identity } from '../aws/identity.js';
import { openReports } from '../engine/wizard.js';
import type { Checklist, CheckResult, Plan, Step, StepReport } from '../engine/types.js';
import type { Note } from '../engine/ui.js';
import * as render from './render.js';

/** The output half of the UI port, as text lines: shared by the terminal and the plain interface. */
export abstract class TextOutput {
  constructor(protected readonly out: NodeJS.WritableStream) {}

  protected print(text: string) {
    this.out.write(`${text}\n`);
  }

  intro(identity: Identity, notes: Note[]) {
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
    this.print(render.checklistText(list));
  }

  plan(_step: Step, plan: Plan, dryRun: boolean) {
    this.print(render.planText(plan, dryRun));
  }

  progress(message: string) {
    this.print(render.progressLine(message));
  }

  note(note: Note) {
    this.print(`  ${render.noteText(note)}`);
  }

  summary(reports: StepReport[], dryRun: boolean) {
    this.print(render.summaryText(reports, openReports(reports), dryRun));
  }
}
