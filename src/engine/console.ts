import type { ConsoleLinks } from '../aws/console-links.js';

/**
 * What the practice console can do for a learner without a browser (the `p` key while the wizard
 * waits). Each does one console task in the practice account and says what it did, in a few words.
 * A step declares which one stands for its checklist (ConsoleWay.doItForMe).
 */
export interface PracticeHands {
  /** Assigns an authenticator app to root, with two consecutive codes, as the console does. */
  assignRootMfa(): string;
  /** Deletes every root access key. */
  deleteRootAccessKeys(): string;
  /** Deletes every root X.509 signing certificate. */
  deleteRootSigningCertificates(): string;
  /** Signs in once as each console admin that never has, choosing a new password. */
  signInAdmins(): string;
  /** Assigns an authenticator app to each console admin without MFA. */
  assignAdminMfa(): string;
  /** Enables IAM Identity Center in `region` (an organization instance), as its console's "Enable" does. */
  enableIdentityCenter(region: string): string;
}

/**
 * What the wizard in the terminal is doing, as the practice console shows it on every page, so a
 * learner in the browser can always find their way back to the step the terminal waits for.
 */
export type TerminalState =
  | { kind: 'idle' }
  /** Polling a console step: `url` is the checklist's page. */
  | { kind: 'waiting'; stepId: string; title: string; waitingFor: string; url?: string }
  /** The last console step waited for was seen done. */
  | { kind: 'done'; stepId: string; title: string; detail: string }
  /** The summary was shown: "Root is locked away." or what is still open. */
  | { kind: 'finished'; summary: string };

/**
 * The console as the wizard knows it: where its pages are and, in practice mode only, the practice
 * console's address and hands, and where to tell it what the terminal is doing. This is the one
 * way the engine, the steps and the interfaces learn about practice mode.
 */
export interface ConsolePort {
  links: ConsoleLinks;
  practice?: { url: string; hands: PracticeHands; tell(state: TerminalState): void };
}
