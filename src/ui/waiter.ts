import ora, { type Ora } from 'ora';
import type { Checklist, Step } from '../engine/types.js';
import type { WaitCommand, Waiter } from '../engine/ui.js';
import type { IO } from '../io.js';
import { clockTime, count } from '../wording.js';
import { isCtrlC, isEnter, listenToKeys, type Key } from './keys.js';
import { lines, paragraph } from './layout.js';
import { checklistText, explainText, glossaryText } from './render.js';
import { join, style, t, type Text } from './text.js';

/**
 * While the wizard waits for a console step: one spinner block that redraws in place (never a
 * growing list), saying what it waits for, how long, what the last check found (or that a check
 * is running, or that AWS is not answering), and what each key does. `?` and `g` show the step's
 * explanation or the glossary under it and hide it again; `l` prints the step's checklist again
 * above it, its link last; skipping a required step asks first.
 */
export class SpinnerWaiter implements Waiter {
  private readonly started = Date.now();
  private status: Text | undefined;
  private checks = 0;
  private panel: 'explain' | 'glossary' | undefined;
  private confirmingSkip = false;
  private readonly spinner: Ora;
  private readonly ticker: NodeJS.Timeout;
  private readonly stopResize: () => void;

  constructor(
    private readonly io: IO,
    private readonly step: Step,
    private readonly waitingFor: string,
    private readonly interrupt: () => void,
    /** Prints a line above the spinner (the practice console's report). */
    private readonly print: (text: Text) => void,
    private readonly more: {
      /** Practice mode only: the practice console does the step (`p`). */
      doItForMe?: () => string;
      /** The step's checklist, shown before the wait began and shown again (`l`) once it has scrolled away. */
      checklist?: { list: Checklist; where: string };
    } = {},
  ) {
    // discardStdin would swallow the keys we listen for. ora turns itself off when CI is set, but
    // this interface only runs with a person at a terminal: keep the elapsed time and keys visible.
    this.spinner = ora({
      stream: io.stderr as NodeJS.WriteStream,
      discardStdin: false,
      isEnabled: io.spinner,
      color: io.color ? 'cyan' : false,
      text: this.text(),
    }).start();
    this.ticker = setInterval(() => this.redraw(), 1000);
    this.stopResize = io.onResize(() => this.redraw());
  }

  private redraw() {
    this.spinner.text = this.text();
  }

  /** The block under the spinner, laid out for the window as it is now. */
  private text(): string {
    // Under the spinner's frame: the lines after the first are indented as the first one's text is.
    const width = this.io.columns();
    const keys = this.confirmingSkip
      ? paragraph(width, '  ', style.yellow('This step is required: skipped, it stays open until a later run. Press y to skip it anyway, any other key to keep waiting.'))
      : paragraph(width, '  ', style.gray(join(this.keys(), ' · ')));
    const panel =
      this.panel === 'explain' ? explainText(this.step, width, true) : this.panel === 'glossary' ? glossaryText(width) : undefined;
    return lines(
      paragraph(width - 2, '', t`Waiting for ${this.waitingFor} \u00b7 ${clockTime(Date.now() - this.started)}`, 0),
      this.status && paragraph(width, '  ', this.status),
      keys,
      panel && '',
      panel,
    ).value;
  }

  private keys(): string[] {
    return [
      'Enter: check now',
      this.step.required ? 's: skip (asks first)' : 's: skip for now',
      ...(this.more.doItForMe ? ['p: do it in the practice console for me'] : []),
      ...(this.more.checklist ? [this.more.checklist.list.url ? 'l: link again' : 'l: checklist again'] : []),
      this.panel === 'explain' ? '?: hide the explanation' : '?: explain this step',
      this.panel === 'glossary' ? 'g: hide the glossary' : 'g: glossary',
      'Ctrl-C: stop',
    ];
  }

  checked(detail: string) {
    this.checks += 1;
    this.status = style.gray(t`Last check: ${detail} (${count(this.checks, 'check')} so far)`);
    this.redraw();
  }

  /** Replaces the status line: an outage or throttling is one line that changes, not a list. */
  slowedDown(reason: string) {
    this.status = style.yellow(t`${reason}`);
    this.redraw();
  }

  nextCommand(signal: AbortSignal): Promise<WaitCommand> {
    if (!this.io.isTTY.stdin) return new Promise(() => {});
    return new Promise((resolve, reject) => {
      const finish = (command: WaitCommand) => {
        stop();
        signal.removeEventListener('abort', onAbort);
        if (command === 'check') this.status = style.gray('Checking…');
        this.redraw();
        resolve(command);
      };
      const onKey = (key: Key) => {
        if (isCtrlC(key)) {
          stop();
          this.interrupt();
        } else if (this.confirmingSkip) {
          this.confirmingSkip = false;
          if (key.str === 'y' || key.str === 'Y') finish('skip');
          else this.redraw();
        } else if (isEnter(key) || key.str === 'c') {
          finish('check');
        } else if (key.str === 's' || key.str === 'S') {
          if (!this.step.required) return finish('skip');
          this.confirmingSkip = true;
          this.redraw();
        } else if (key.str === '?') {
          this.toggle('explain');
        } else if (key.str === 'g' || key.str === 'G') {
          this.toggle('glossary');
        } else if ((key.str === 'p' || key.str === 'P') && this.more.doItForMe) {
          this.say(this.doInPractice(this.more.doItForMe));
          finish('check');
        } else if ((key.str === 'l' || key.str === 'L') && this.more.checklist) {
          const { list, where } = this.more.checklist;
          this.say(checklistAgainText(list, where, this.io.columns()));
        }
      };
      const stop = listenToKeys(this.io, onKey);
      const onAbort = () => {
        stop();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private toggle(panel: 'explain' | 'glossary') {
    this.panel = this.panel === panel ? undefined : panel;
    this.redraw();
  }

  /** What the practice console did (or why it could not), wrapped to the window under its own start. */
  private doInPractice(doItForMe: () => string): Text {
    const width = this.io.columns();
    try {
      return paragraph(width, '  ', style.cyan(t`PRACTICE console: ${doItForMe()}.`));
    } catch (error) {
      return paragraph(width, '  ', style.yellow(t`PRACTICE console could not do it: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  /** A line above the spinner, which then carries on below it. */
  private say(text: Text) {
    this.spinner.clear();
    this.print(text);
    this.spinner.render();
  }

  stop() {
    clearInterval(this.ticker);
    this.stopResize();
    if (this.spinner.isSpinning) this.spinner.stop();
  }
}

/**
 * The checklist shown again while waiting, its link last: printed just above the waiting block, the
 * link stays in view in a short window however long the checklist is, and it does not move (a
 * spinner's redrawn lines cannot be selected and copied).
 */
function checklistAgainText(list: Checklist, where: string, width: number): Text {
  return lines(
    '',
    checklistText({ ...list, url: undefined }, where, width),
    list.url && lines(paragraph(width, '  ', 'The page:'), t`    ${style.underline(list.url)}`),
  );
}
