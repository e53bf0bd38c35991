import type { ConfirmQuestion, SecretQuestion, SelectQuestion, TextQuestion, UI, Waiter } from '../engine/ui.js';
import { UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { TextOutput, type PracticeInfo } from './text-output.js';

/**
 * For pipes, scripts and --yes: the same text as the terminal, no prompt, no spinner. Questions
 * are answered by flags (the engine passes them in) or defaults; one without an answer is a usage
 * error raised before any write.
 */
export class PlainUI extends TextOutput implements UI {
  readonly interactive = false;
  /** Nobody can press "?" here, so every step with something to do explains itself up front. */
  protected readonly explainsUpFront = true;

  constructor(
    io: IO,
    /** --yes: every confirmation is accepted. Without it (a dry run) each takes its default. */
    private readonly assumeYes: boolean,
    practice?: PracticeInfo,
  ) {
    super(io, practice);
  }

  async text(q: TextQuestion): Promise<string> {
    // A dry run writes nothing, so a default name is a fair answer; with --yes it would create a user nobody named.
    if (!this.assumeYes && q.default !== undefined) return q.default;
    throw new UsageError(`no terminal to ask "${q.message}": pass --${q.key}`);
  }

  async secret(q: SecretQuestion): Promise<string> {
    throw new UsageError(`no terminal to ask "${q.message}" without showing it: use --password-stdin`);
  }

  async confirm(q: ConfirmQuestion): Promise<boolean> {
    return this.assumeYes || q.default;
  }

  async select<T extends string>(q: SelectQuestion<T>): Promise<T> {
    return q.default ?? q.choices[0]!.value;
  }

  showSecret(): never {
    // Output here may be a log file: a secret must never go there.
    throw new Error('refusing to print a secret without a terminal');
  }

  showQrCode(): never {
    return this.showSecret();
  }

  forgetSecret() {}

  waiting(): Waiter {
    return { checked() {}, slowedDown() {}, nextCommand: () => new Promise(() => {}), stop() {} };
  }
}
