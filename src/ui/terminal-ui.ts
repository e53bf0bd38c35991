import { confirm, input, password, select } from '@inquirer/prompts';
import ora from 'ora';
import type { Identity } from '../aws/identity.js';
import type { Checklist, Step } from '../engine/types.js';
import type { ActionProgress, ConfirmQuestion, Note, SecretQuestion, SelectQuestion, TextQuestion, UI, Waiter } from '../engine/ui.js';
import { StoppedError } from '../errors.js';
import type { IO } from '../io.js';
import { isCtrlC, isEnter, listenToKeys } from './keys.js';
import { lines, paragraph, rowsOf, widthOf } from './layout.js';
import { drawQr, qrScreen, qrScreenRows, tooSmallScreen, type QrScreenParts } from './qr-screen.js';
import { actionLine, practiceTag } from './render.js';
import { SecretScreen } from './secret-screen.js';
import { style, t, Text } from './text.js';
import { TextOutput, type PracticeInfo } from './text-output.js';
import { SpinnerWaiter } from './waiter.js';

const CURSOR_UP_AND_ERASE = (rows: number) => `\x1b[${rows}F\x1b[J`;

/** Columns a question keeps free after its text, for Inquirer's "(Y/n)" or a default. */
const ANSWER_ROOM = 12;

interface AskConfig {
  message: string;
  theme: object;
}
type PromptContext = { signal: AbortSignal; input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

/**
 * The interactive interface: the only module that drives prompts and spinners. Prompts share the
 * run's AbortSignal, and Ctrl-C (which arrives as a prompt error or a raw keypress, not as SIGINT,
 * while the terminal is in raw mode) stops the whole run. A stop leaves a secret's screen at once,
 * so what the run says about it lands on the main screen.
 */
export class TerminalUI extends TextOutput implements UI {
  readonly interactive = true;
  protected readonly explainsUpFront = false;
  /** The screen a secret is on, while it is. */
  private shown: { screen: SecretScreen; what: string; redraw?: () => Text; note?: Note } | undefined;
  private waiter: SpinnerWaiter | undefined;
  /** Rows printed since an action's "…" line: 0 means it can be turned into ✔ where it stands. */
  private rowsSince = 0;
  private readonly stopResize: () => void;

  constructor(
    io: IO,
    private readonly signal: AbortSignal,
    private readonly interrupt: () => void,
    practice?: PracticeInfo,
  ) {
    super(io, practice);
    signal.addEventListener('abort', () => this.leaveSecret(false), { once: true });
    this.stopResize = io.onResize(() => this.shown?.redraw && this.shown.screen.redraw(this.shown.redraw()));
  }

  protected override print(text: Text) {
    if (this.shown) return this.shown.screen.write(text);
    this.rowsSince += rowsOf(text, this.width());
    super.print(text);
  }

  /**
   * Asks through Inquirer with the message wrapped between words (Inquirer would break words at
   * the edge), an answer that does not fit beside it put under it, and this run's colour rule.
   */
  private async ask<T>(message: string, prompt: (config: AskConfig, context: PromptContext) => Promise<T>): Promise<T> {
    this.flushHeader();
    const width = this.width();
    const wrapped = paragraph(width - ANSWER_ROOM, '', t`${message}`, 2).value;
    const lastLine = widthOf(Text.ours(wrapped.split('\n').pop() ?? '')) + 2;
    const theme = {
      prefix: { idle: style.cyan('?').value, done: style.green('✔').value },
      style: {
        message: (text: string) => style.bold(Text.ours(text)).value,
        answer: (text: string) =>
          lastLine + 1 + widthOf(text) <= width ? style.cyan(text).value : `\n${paragraph(width, '  ', style.cyan(text)).value}`,
        error: (text: string) => style.red(paragraph(width, '> ', text, 2)).value,
        defaultAnswer: (text: string) => style.gray(t`(${text})`).value,
        help: (text: string) => style.gray(Text.ours(text)).value,
        highlight: (text: string) => style.cyan(Text.ours(text)).value,
        key: (text: string) => style.cyan(t`<${text}>`).value,
      },
    };
    try {
      return await prompt({ message: wrapped, theme }, { signal: this.signal, input: this.io.stdin, output: this.io.stdout });
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
        this.interrupt();
        throw new StoppedError();
      }
      throw error;
    } finally {
      // A question and its answer take its rows: counted where a secret must not scroll away.
      const rows = wrapped.split('\n').length;
      this.shown?.screen.count(rows);
      this.rowsSince += rows;
    }
  }

  text(q: TextQuestion) {
    return this.ask(q.message, (c, context) => input({ ...c, default: q.default && t`${q.default}`.value, validate: q.validate }, context));
  }

  secret(q: SecretQuestion) {
    return this.ask(q.message, (c, context) => password({ ...c, mask: '*', validate: q.validate }, context));
  }

  confirm(q: ConfirmQuestion) {
    return this.ask(q.message, (c, context) => confirm({ ...c, default: q.default }, context));
  }

  select<T extends string>(q: SelectQuestion<T>) {
    const choices = q.choices.map((c) => ({ ...c, name: t`${c.name}`.value, description: c.description && t`${c.description}`.value }));
    return this.ask(q.message, (c, context) => select<T>({ ...c, choices, default: q.default }, context));
  }

  override intro(identity: Identity, notes: Note[]) {
    this.print(paragraph(this.width(), '', t`${style.bold('aws-root-lockdown')} ${style.gray('· lock the root user away, keep an admin for daily work')}`, 2));
    super.intro(identity, notes);
  }

  /** "…" while it runs; then the same line turns ✔ (or ✖ with why), or a new line says so if others came between. */
  override action(title: string): ActionProgress {
    this.flushHeader();
    const running = actionLine(title, 'running', this.width());
    this.print(running);
    this.rowsSince = 0;
    const end = (text: Text) => {
      // Nothing came after the "…" line: it becomes the ✔ line where it stands.
      if (this.rowsSince === 0 && !this.shown) this.io.stdout.write(CURSOR_UP_AND_ERASE(rowsOf(running, this.width())));
      this.print(text);
    };
    return {
      done: () => end(actionLine(title, 'done', this.width())),
      failed: (reason) => end(actionLine(title, 'failed', this.width(), reason)),
    };
  }

  /** A retry while waiting changes the spinner's status line; otherwise it is a note. */
  override retrying(notice: string) {
    if (this.waiter) this.waiter.slowedDown(notice);
    else super.retrying(notice);
  }

  private enterSecret(what: string): SecretScreen {
    this.flushHeader();
    const screen = new SecretScreen(this.io);
    this.shown = { screen, what };
    return screen;
  }

  /**
   * Leaves the secret's screen. `said`: after the person is done with it, say it is cleared, when
   * it is sure to be; after a stop, say nothing here (the stop is told on the main screen).
   */
  private leaveSecret(said: boolean) {
    const secret = this.shown;
    if (!secret) return;
    this.shown = undefined;
    const clean = secret.screen.leave();
    if (!said) return;
    this.print(
      clean
        ? style.gray(t`  (${secret.what} cleared from the screen)`)
        : paragraph(
            this.width(),
            t`  ${style.yellow('!')} `,
            style.yellow(t`This window was too short: ${secret.what.replace(/ (is|are)$/, '')} may have scrolled past its top. If your terminal keeps a scrollback there (tmux, GNU screen), clear it.`),
          ),
    );
  }

  showSecret(label: string, value: string) {
    const screen = this.enterSecret('the password is');
    const width = this.width();
    screen.write(
      lines(
        this.practice && practiceTag(width),
        '',
        paragraph(width, '  ', style.bold(t`${label}:`)),
        '',
        t`      ${style.boldCyan(value)}`,
        '',
        paragraph(width, '  ', style.gray('Shown only this once. It must be changed at first sign-in.')),
      ),
    );
  }

  /**
   * The QR code, laid out to fit the window with the code prompts under it. Where the window is
   * too short it says how many rows it needs and waits: for the window to grow (the code then
   * appears) or for Enter (the person types the key instead).
   */
  async showQrCode(label: string, uri: string, fallback: string) {
    const parts: QrScreenParts = { label, secret: fallback, qr: await drawQr(uri, this.io.color), tag: this.practice && practiceTag };
    const screen = this.enterSecret('the QR code and its key are');
    const fits = () => qrScreenRows(parts, this.width(), this.shown?.note) <= this.io.rows();
    const view = () =>
      fits()
        ? qrScreen(parts, this.width(), this.shown?.note)
        : tooSmallScreen(parts, this.width(), qrScreenRows(parts, this.width(), this.shown?.note), this.io.rows());
    this.shown!.redraw = view;
    screen.redraw(view());
    if (fits()) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        stopKeys();
        stopResize();
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const stopKeys = listenToKeys(this.io, (key) => {
        if (isCtrlC(key)) this.interrupt();
        else if (isEnter(key)) done();
      });
      const stopResize = this.io.onResize(() => fits() && done());
      this.signal.addEventListener('abort', done, { once: true });
    });
    if (this.signal.aborted) throw new StoppedError();
  }

  forgetSecret() {
    this.leaveSecret(true);
  }

  /** On the QR screen a note (a refused code) takes its place beside the code, drawn again whole. */
  override note(note: Note) {
    const shown = this.shown;
    if (!shown?.redraw) return super.note(note);
    shown.note = note;
    shown.screen.redraw(shown.redraw());
  }

  /** A spinner with `message` (made printable) until it is done; it leaves no line behind. */
  override busy(message: string): () => void {
    const text = t`${message}`.value;
    const spinner = ora({ stream: this.io.stderr as NodeJS.WriteStream, discardStdin: false, isEnabled: this.io.spinner, color: this.io.color ? 'cyan' : false, text }).start();
    return () => spinner.stop();
  }

  /** The checklist shown last, with its step: the waiter shows it again (`l`). */
  private shownChecklist: { step: Step; list: Checklist } | undefined;

  override checklist(step: Step, list: Checklist) {
    super.checklist(step, list);
    this.shownChecklist = { step, list };
  }

  waiting(step: Step, waitingFor: string, doItForMe?: () => string): Waiter {
    this.flushHeader();
    const list = this.shownChecklist?.step === step ? this.shownChecklist.list : undefined;
    const checklist = list && { list, where: this.consoleName() };
    const waiter = new SpinnerWaiter(this.io, step, waitingFor, this.interrupt, (text) => this.print(text), { doItForMe, checklist });
    this.waiter = waiter;
    const stop = waiter.stop.bind(waiter);
    waiter.stop = () => {
      stop();
      this.waiter = undefined;
    };
    return waiter;
  }

  override summary(...args: Parameters<TextOutput['summary']>) {
    this.stopResize();
    super.summary(...args);
  }
}
