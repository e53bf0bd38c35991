import { randomBytes, randomInt } from 'node:crypto';
import type { PracticeHands, TerminalState } from '../../engine/console.js';
import type { StatusReport } from '../../engine/status.js';
import { generatePassword } from '../../password.js';
import { ROOT, type PracticeAccount, type Principal } from '../account.js';
import { otpauthUri } from '../services/iam-mfa.js';
import { ServiceError } from '../protocols/query-protocol.js';
import type { MfaDevice } from '../scenarios/scenario.js';
import { newTotpSecret, twoConsecutiveCodes } from '../../totp.js';

export type MfaType = MfaDevice['type'];

/** An "Assign MFA device" begun in the page and not finished: its secrets live here, in memory only. */
export interface MfaEnrolment {
  token: string;
  principal: Principal;
  deviceName: string;
  type: MfaType;
  /** An authenticator app's seed and the URI its QR code holds. */
  seed?: string;
  uri?: string;
  /** A passkey or security key: the WebAuthn challenge (base64url) and the user handle the browser gets. */
  challenge?: string;
  userHandle?: string;
  /** A hardware TOTP token: the serial of the practice console's simulated token for it. */
  tokenSerial?: string;
}

/** A console sign-in under way: the user's password passed; MFA or a new password may be next. Memory only. */
export interface PendingSignIn {
  token: string;
  user: string;
  /** The password typed, kept until the sign-in ends: the password change asks for it again. */
  password: string;
  mfaDone: boolean;
  /** A security key's sign-in: the WebAuthn challenge (base64url). */
  challenge?: string;
}

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const newToken = () => randomBytes(16).toString('hex');

/**
 * What the practice console does, for the web page and for a learner without a browser alike.
 * Every change goes through the account, so the wizard's polling sees it as it would on AWS.
 */
export class ConsoleActions implements PracticeHands {
  private readonly enrolments = new Map<string, MfaEnrolment>();
  private readonly signIns = new Map<string, PendingSignIn>();
  /** The practice console's simulated hardware tokens: serial to seed (the seed never leaves this process). */
  private readonly tokens = new Map<string, string>();
  /**
   * The wizard's own checks, as `status` reports them, for the dashboard's security
   * recommendations: given by the command that runs the console (the practice layer cannot load steps).
   */
  recommendations?: () => Promise<StatusReport['checks']>;
  /** What the wizard in the terminal is doing (the engine tells it through the console port). */
  terminal: TerminalState = { kind: 'idle' };
  /** The command that runs the wizard on this practice account, for pages shown with no wizard running. */
  wizardCommand = 'aws-root-lockdown --practice';

  constructor(readonly account: PracticeAccount) {}

  /** The owner's name as the account spells it (root, or the user's name in IAM's case). */
  owner = (principal: Principal) => (principal === ROOT ? ROOT : this.account.user(principal).name);

  /** A device name no device of the account has yet: BASE-1, BASE-2, ... */
  freeDeviceName(base: string): string {
    const taken = new Set(this.account.state.mfaDevices.map((d) => d.serialNumber.split('/').pop()));
    for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  beginMfa(principal: Principal, deviceName: string, type: MfaType): MfaEnrolment {
    const owner = this.owner(principal);
    const enrolment: MfaEnrolment = { token: newToken(), principal: owner, deviceName, type };
    if (type === 'virtual') {
      enrolment.seed = newTotpSecret();
      enrolment.uri = otpauthUri(this.account, deviceName, enrolment.seed);
    } else if (type === 'fido') {
      enrolment.challenge = randomBytes(32).toString('base64url');
      enrolment.userHandle = randomBytes(16).toString('base64url');
    } else {
      enrolment.tokenSerial = this.newHardwareToken();
    }
    this.enrolments.set(enrolment.token, enrolment);
    return enrolment;
  }

  enrolment(token: string): MfaEnrolment {
    const enrolment = this.enrolments.get(token);
    if (!enrolment) throw new ServiceError('NoSuchEnrolment', 'This MFA set-up has expired (or the practice console was restarted): start again.', 404);
    return enrolment;
  }

  /** An authenticator app: the device exists only once two consecutive codes prove the app holds the secret. */
  finishAppMfa(token: string, code1: string, code2: string) {
    const { principal, deviceName, seed } = this.enrolment(token);
    const { serialNumber } = this.account.createVirtualMfaDevice(deviceName, seed);
    try {
      this.account.enableMfaDevice(principal, serialNumber, code1.trim(), code2.trim());
    } catch (error) {
      this.account.deleteVirtualMfaDevice(serialNumber);
      throw error;
    }
    this.enrolments.delete(token);
  }

  /** A hardware TOTP token: its serial number and two consecutive codes, as AWS asks. */
  finishHardwareMfa(token: string, serial: string, code1: string, code2: string) {
    const { principal } = this.enrolment(token);
    this.account.enableMfaDevice(principal, serial.trim(), code1.trim(), code2.trim());
    this.enrolments.delete(token);
  }

  /** A passkey or security key the browser registered (checked by the caller), or the stand-in key. */
  finishFidoMfa(token: string, key?: { credentialId: string; publicKey: string; algorithm: number }) {
    const { principal, deviceName } = this.enrolment(token);
    this.account.assignFidoDevice(principal, deviceName, key);
    this.enrolments.delete(token);
  }

  /** A simulated hardware token: a serial number and a seed that only this process knows. */
  private newHardwareToken(): string {
    const serial = `PRACTICETOKEN${String(randomInt(1_000_000)).padStart(6, '0')}`;
    const seed = newTotpSecret();
    this.tokens.set(serial, seed);
    this.account.registerHardwareToken(serial, seed);
    return serial;
  }

  /** The seed of a simulated token, to show its current code: undefined for a serial this console did not make. */
  tokenSeed = (serial: string) => this.tokens.get(serial);

  beginSignIn(user: string, password: string): PendingSignIn {
    const pending = { token: newToken(), user, password, mfaDone: this.account.mfaDevicesOf(user).length === 0 };
    this.signIns.set(pending.token, pending);
    return pending;
  }

  signIn(token: string): PendingSignIn {
    const pending = this.signIns.get(token);
    if (!pending) throw new ServiceError('NoSuchSignIn', 'This sign-in has expired (or the practice console was restarted): sign in again.', 404);
    return pending;
  }

  /** A fresh WebAuthn challenge (base64url): each sign-in with a key answers its own. */
  newChallenge = () => randomBytes(32).toString('base64url');

  endSignIn(token: string) {
    this.signIns.delete(token);
  }

  /** The Identity Center console's "Enable", in `region`. */
  enableIdentityCenter(region: string): string {
    return this.account.identityCenter.enable(region);
  }

  /** Console admins: users holding AdministratorAccess (directly or through a group) who can sign in. */
  consoleAdmins(): string[] {
    const { users } = this.account.state;
    return users
      .filter((u) => u.loginProfile)
      .filter((u) => u.policies.includes(ADMIN_POLICY) || this.account.groupsOf(u.name).some((g) => g.policies.includes(ADMIN_POLICY)))
      .map((u) => u.name);
  }

  // --- The practice console's hands: console tasks done for a learner without a browser ---

  /** Assigns an authenticator app to `principal`, typing two codes as a person would; returns the device name. */
  private assignApp(principal: Principal): string {
    const owner = this.owner(principal);
    const enrolment = this.beginMfa(owner, this.freeDeviceName(owner === ROOT ? 'root-authenticator' : `${owner}-authenticator`), 'virtual');
    this.finishAppMfa(enrolment.token, ...twoConsecutiveCodes(enrolment.seed!, this.account.now().getTime()));
    return enrolment.deviceName;
  }

  assignRootMfa(): string {
    return `assigned the authenticator app "${this.assignApp(ROOT)}" to root`;
  }

  deleteRootAccessKeys(): string {
    const ids = this.account.state.root.accessKeys.map((k) => k.id);
    ids.forEach((id) => this.account.deleteAccessKey(ROOT, id));
    return ids.length ? `deleted the root access key${ids.length > 1 ? 's' : ''} ${ids.join(', ')}` : 'root had no access keys';
  }

  deleteRootSigningCertificates(): string {
    const ids = this.account.rootSigningCertificates.map((c) => c.id);
    ids.forEach((id) => this.account.deleteRootSigningCertificate(id));
    return ids.length ? `deleted root's signing certificate${ids.length > 1 ? 's' : ''} ${ids.join(', ')}` : 'root had no signing certificates';
  }

  signInAdmins(): string {
    const { account } = this;
    const users = this.consoleAdmins().filter((u) => !account.user(u).passwordLastUsed);
    for (const user of users) {
      const password = account.passwordOf(user) ?? generatePassword(account.passwordRule());
      account.completeSignIn(user, password, account.user(user).loginProfile!.passwordResetRequired ? generatePassword(account.passwordRule()) : undefined);
    }
    return users.length ? `signed in as ${users.join(', ')} and chose a new password` : 'every console admin has signed in already';
  }

  assignAdminMfa(): string {
    const users = this.consoleAdmins().filter((u) => this.account.mfaDevicesOf(u).length === 0);
    users.forEach((user) => this.assignApp(user));
    return users.length ? `assigned an authenticator app to ${users.join(', ')}` : 'every console admin has MFA already';
  }
}
