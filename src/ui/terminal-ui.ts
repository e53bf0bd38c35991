import { emitKeypressEvents } from 'node:readline';
import { confirm, input, password, select } from '@inquirer/prompts';
import kleur from 'kleur';
import ora from 'ora';
import QRCode from 'qrcode';
import type { Identity } from '../aws/identity.js';
import type { Step } from '../engine/types.js';
import type {
  ConfirmQuestion,
  Note,
  SecretQuestion,
  SelectQuestion,
  TextQuestion,
  UI,
  Waiter,
  WaitCommand,
} from '../engine/ui.js';
import { StoppedError } from '../errors.js';
import type { IO } from '../io.js';
import { explainText, glossaryText, practiceTag } from './render.js';
import { TextOutput, type PracticeInfo } from './text-output.js';

/**
 * The interactive interface: the only module that drives prompts and spinners. Prompts share the
 * run's AbortSignal, and Ctrl-C (which arrives as a prompt error or a raw keypress, not as SIGINT,
 * while the terminal is in raw mode) stops the whole run.
 */
const ALTERNATE_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALTERNATE_SCREEN_OFF = '\x1b[?1049l';

export class TerminalUI extends TextOutput implements UI {
  readonly interactive = true;
  /** Set while a secret is on the alternate screen: leaves it, whatever ends the process. */
  private leaveSecretScreen: (() => void) | undefined;

  constructor(
    io: IO,
    private readonly signal: AbortSignal,
    private readonly interrupt: () => void,
    practice?: PracticeInfo,
  ) {
    super(io, practice);
  }

  private async ask<T>(prompt: (context: { signal: AbortSignal; input: NodeJS.ReadableStream; output: NodeJS.WritableStream }) => Promise<T>): Promise<T> {
    try {
      return await prompt({ signal: this.signal, input: this.io.stdin, output: this.io.stdout });
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
        this.interrupt();
        throw new StoppedError();
      }
      throw error;
    }
  }

  text(q: TextQuestion) {
    return this.ask((c) => input({ message: q.message, default: q.default, validate: q.validate }, c));
  }

  secret(q: SecretQuestion) {
    return this.ask((c) => password({ message: q.message, mask: '*', validate: q.validate }, c));
  }

  confirm(q: ConfirmQuestion) {
    return this.ask((c) => confirm({ message: q.message, default: q.default }, c));
  }

  select<T extends string>(q: SelectQuestion<T>) {
    return this.ask((c) => select<T>({ message: q.message, choices: q.choices, default: q.default }, c));
  }

  override intro(identity: Identity, notes: Note[]) {
    this.print(kleur.bold('aws-root-lockdown') + kleur.gray(' · lock the root user away, keep an admin for daily work'));
    super.intro(identity, notes);
  }

  /**
   * Secrets go on the terminal's alternate screen, which keeps no scrollback: leaving it restores
   * the screen as it was, so the secret is gone however its lines wrapped or scrolled.
   */
  private enterSecretScreen() {
    if (this.leaveSecretScreen) return;
    this.io.stdout.write(ALTERNATE_SCREEN_ON);
    // The alternate screen starts blank: without this line it would not say it is practice.
    if (this.practice) this.print(practiceTag());
    const leave = () => this.io.stdout.write(ALTERNATE_SCREEN_OFF);
    process.once('exit', leave);
    this.leaveSecretScreen = () => {
      process.off('exit', leave);
      leave();
    };
  }

  showSecret(label: string, value: string) {
    this.enterSecretScreen();
    this.print(`\n  ${kleur.bold(label)}:\n\n      ${kleur.bold().cyan(value)}\n`);
    this.print(kleur.gray('  Shown only this once. It must be changed at first sign-in.'));
  }

  async showQrCode(label: string, uri: string, fallback: string) {
    // Explicit black on white where colour is on, so the code scans on dark terminals too.
    const qr = await QRCode.toString(uri, this.io.color ? { type: 'terminal', small: true } : { type: 'utf8', margin: 2 });
    this.enterSecretScreen();
    this.print(`\n  ${kleur.bold(label)}:\n`);
    this.print(qr.replace(/\n+$/, '').replace(/^/gm, '  '));
    this.print(`\n  ${kleur.gray('Cannot scan? Add the account by hand with this secret key:')}\n      ${kleur.bold().cyan(fallback)}\n`);
  }

  forgetSecret() {
    if (!this.leaveSecretScreen) return;
    this.leaveSecretScreen();
    this.leaveSecretScreen = undefined;
    this.print(kleur.gray('  (secret saved by you, and cleared from the screen)'));
  }

  override busy(message: string): () => void {
    const spinner = ora({ stream: this.io.stderr as NodeJS.WriteStream, discardStdin: false, isEnabled: this.io.spinner, text: message }).start();
    return () => spinner.stop();
  }

  waiting(step: Step, waitingFor: string, doItForMe?: () => string): Waiter {
    return new SpinnerWaiter(this.io, step, waitingFor, this.interrupt, (text) => this.print(text), doItForMe);
  }
}

/**
 * A spinner with the elapsed time, listening for "check now" and "skip" while it waits, and in
 * practice mode for "do it in the practice console for me", which then checks at once.
 */
class SpinnerWaiter implements Waiter {
  private readonly started = Date.now();
  private lastDetail = '';
  private checks = 0;
  private readonly spinner;
  private readonly ticker;

  constructor(
    private readonly io: IO,
    private readonly step: Step,
    private readonly waitingFor: string,
    private readonly interrupt: () => void,
    private readonly print: (text: string) => void,
    /** Practice mode only: the practice console does the step (`p`). */
    private readonly doItForMe?: () => string,
  ) {
    // discardStdin would swallow the keys we listen for. ora turns itself off when CI is set, but
    // this interface only runs with a person at a terminal: keep the elapsed time and keys visible.
    this.spinner = ora({
      stream: io.stderr as NodeJS.WriteStream,
      discardStdin: false,
      isEnabled: io.spinner,
      text: this.text(),
    }).start();
    this.ticker = setInterval(() => (this.spinner.text = this.text()), 1000);
  }

  private text() {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const last = this.lastDetail ? kleur.gray(` · last check: ${this.lastDetail}`) : '';
    const keys = [
      'Enter: check now',
      's: skip for now',
      ...(this.doItForMe ? ['p: do it in the practice console for me'] : []),
      '?: explain',
      'g: glossary',
      'Ctrl-C: stop',
    ];
    return `Waiting for ${this.waitingFor} · ${elapsed}${last}\n  ${kleur.gray(keys.join(' · '))}`;
  }

  checked(detail: string) {
    this.checks += 1;
    this.lastDetail = `${detail} (${this.checks}×)`;
    this.spinner.text = this.text();
  }

  slowedDown(reason: string) {
    this.lastDetail = reason;
    this.spinner.text = this.text();
  }

  nextCommand(signal: AbortSignal): Promise<WaitCommand> {
    const stdin = this.io.stdin;
    if (!this.io.isTTY.stdin) return new Promise(() => {});
    return new Promise((resolve, reject) => {
      emitKeypressEvents(stdin);
      stdin.setRawMode(true);
      stdin.resume();
      const done = () => {
        stdin.off('keypress', onKey);
        signal.removeEventListener('abort', onAbort);
        stdin.setRawMode(false);
        stdin.pause();
      };
      const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
        if (key?.ctrl && key.name === 'c') {
          done();
          this.interrupt();
        } else if (key?.name === 'return' || key?.name === 'enter' || str === 'c') {
          done();
          resolve('check');
        } else if (str === 's' || str === 'S') {
          done();
          resolve('skip');
        } else if (str === '?') {
          this.say(explainText(this.step));
        } else if (str === 'g' || str === 'G') {
          this.say(glossaryText());
        } else if ((str === 'p' || str === 'P') && this.doItForMe) {
          done();
          this.say(this.doInPractice(this.doItForMe));
          resolve('check');
        }
      };
      const onAbort = () => {
        done();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      stdin.on('keypress', onKey);
    });
  }

  private doInPractice(doItForMe: () => string): string {
    try {
      return kleur.cyan(`  PRACTICE console: ${doItForMe()}.`);
    } catch (error) {
      return kleur.yellow(`  PRACTICE console could not do it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A line above the spinner, which then carries on below it. */
  private say(text: string) {
    this.spinner.clear();
    this.print(text);
    this.spinner.render();
  }

  stop() {
    clearInterval(this.ticker);
    if (this.spinner.isSpinning) this.spinner.stop();
  }
}
