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
 * The console as the wizard knows it: where its pages are and, in practice mode only, the practice
 * console's address and hands. This is the one way the engine, the steps and the interfaces learn
 * about practice mode.
 */
export interface ConsolePort {
  links: ConsoleLinks;
  practice?: { url: string; hands: PracticeHands };
}
