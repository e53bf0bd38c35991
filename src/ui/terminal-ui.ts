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
import { TextOutput } from './text-output.js';

/**
 * The interactive interface: the only module that drives prompts and spinners. Prompts share the
 * run's AbortSignal, and Ctrl-C (which arrives as a prompt error or a raw keypress, not as SIGINT,
 * while the terminal is in raw mode) stops the whole run.
 */
export class TerminalUI extends TextOutput implements UI {
  readonly interactive = true;
  private linesSinceSecret: number | undefined;

  constructor(
    private readonly signal: AbortSignal,
    private readonly interrupt: () => void,
    private readonly tty: NodeJS.WriteStream = process.stdout,
  ) {
    super(tty);
  }

  protected override print(text: string) {
    super.print(text);
    if (this.linesSinceSecret !== undefined) this.linesSinceSecret += text.split('\n').length;
  }

  private async ask<T>(prompt: (context: { signal: AbortSignal; clearPromptOnDone: boolean }) => Promise<T>): Promise<T> {
    try {
      // A prompt answered while a secret is on screen is cleared too, so forgetSecret can count lines.
      return await prompt({ signal: this.signal, clearPromptOnDone: this.linesSinceSecret !== undefined });
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

  showSecret(label: string, value: string) {
    this.linesSinceSecret = 0;
    this.print(`\n  ${kleur.bold(label)}:\n\n      ${kleur.bold().cyan(value)}\n`);
    this.print(kleur.gray('  Shown only this once. It must be changed at first sign-in.'));
  }

  async showQrCode(label: string, uri: string, fallback: string) {
    // Explicit black on white where colour is on, so the code scans on dark terminals too.
    const qr = await QRCode.toString(uri, kleur.enabled ? { type: 'terminal', small: true } : { type: 'utf8', margin: 2 });
    this.linesSinceSecret = 0;
    this.print(`\n  ${kleur.bold(label)}:\n`);
    this.print(qr.replace(/\n+$/, '').replace(/^/gm, '  '));
    this.print(`\n  ${kleur.gray('Cannot scan? Add the account by hand with this secret key:')}\n      ${kleur.bold().cyan(fallback)}\n`);
  }

  forgetSecret() {
    if (this.linesSinceSecret === undefined) return;
    if (this.tty.isTTY) {
      // Lines that scrolled out of view cannot be reached by moving up: clear the scrollback as well.
      const scrolledAway = this.linesSinceSecret >= (this.tty.rows ?? Infinity);
      this.tty.write(`\x1b[${this.linesSinceSecret}A\r\x1b[J${scrolledAway ? '\x1b[3J' : ''}`);
    }
    this.linesSinceSecret = undefined;
    this.print(kleur.gray('  (secret saved by you, and cleared from the screen)'));
  }

  waiting(_step: Step, waitingFor: string): Waiter {
    return new SpinnerWaiter(waitingFor, this.interrupt);
  }
}

/** A spinner with the elapsed time, listening for "check now" and "skip" while it waits. */
class SpinnerWaiter implements Waiter {
  private readonly started = Date.now();
  private lastDetail = '';
  private checks = 0;
  private readonly spinner;
  private readonly ticker;

  constructor(
    private readonly waitingFor: string,
    private readonly interrupt: () => void,
  ) {
    // discardStdin would swallow the keys we listen for.
    this.spinner = ora({ stream: process.stderr, discardStdin: false, text: this.text() }).start();
    this.ticker = setInterval(() => (this.spinner.text = this.text()), 1000);
  }

  private text() {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    const elapsed = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const last = this.lastDetail ? kleur.gray(` · last check: ${this.lastDetail}`) : '';
    return `Waiting for ${this.waitingFor} · ${elapsed}${last}\n  ${kleur.gray('Enter: check now · s: skip for now · Ctrl-C: stop')}`;
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
    const stdin = process.stdin;
    if (!stdin.isTTY) return new Promise(() => {});
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

  stop() {
    clearInterval(this.ticker);
    if (this.spinner.isSpinning) this.spinner.stop();
  }
}
