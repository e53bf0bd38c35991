import { randomBytes } from 'node:crypto';
import type { PracticeHands } from '../../engine/console.js';
import { generatePassword } from '../../password.js';
import { ROOT, type PracticeAccount, type Principal } from '../account.js';
import { otpauthUri } from '../services/iam-mfa.js';
import { ServiceError } from '../protocols/query-protocol.js';
import { newTotpSecret, twoConsecutiveCodes } from '../../totp.js';

export interface MfaEnrolment {
  token: string;
  principal: Principal;
  deviceName: string;
  seed: string;
  uri: string;
}

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * What the practice console does, for the web page and for a learner without a browser alike.
 * Every change goes through the account, so the wizard's polling sees it as it would on AWS.
 */
export class ConsoleActions implements PracticeHands {
  /** Enrolments begun in the page and not finished: their seeds live here, in memory only. */
  private readonly enrolments = new Map<string, MfaEnrolment>();

  constructor(readonly account: PracticeAccount) {}

  beginMfa(principal: Principal): MfaEnrolment {
    const owner = principal === ROOT ? ROOT : this.account.user(principal).name;
    const count = this.account.mfaDevicesOf(owner).length + 1;
    const deviceName = owner === ROOT ? `root-authenticator-${count}` : `${owner}-authenticator-${count}`;
    const seed = newTotpSecret();
    const enrolment = { token: randomBytes(16).toString('hex'), principal: owner, deviceName, seed, uri: otpauthUri(this.account, deviceName, seed) };
    this.enrolments.set(enrolment.token, enrolment);
    return enrolment;
  }

  enrolment(token: string): MfaEnrolment {
    const enrolment = this.enrolments.get(token);
    if (!enrolment) throw new ServiceError('NoSuchEnrolment', 'This MFA set-up has expired; start again.', 404);
    return enrolment;
  }

  /** The device exists only once two consecutive codes prove the app holds the secret. */
  finishMfa(token: string, code1: string, code2: string) {
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

  assignRootMfa(): string {
    const enrolment = this.beginMfa(ROOT);
    this.finishMfa(enrolment.token, ...twoConsecutiveCodes(enrolment.seed, this.account.now().getTime()));
    return `assigned the authenticator app "${enrolment.deviceName}" to root`;
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
      account.signIn(user, password, generatePassword(account.passwordRule()));
    }
    return users.length ? `signed in as ${users.join(', ')} and chose a new password` : 'every console admin has signed in already';
  }

  assignAdminMfa(): string {
    const users = this.consoleAdmins().filter((u) => this.account.mfaDevicesOf(u).length === 0);
    for (const user of users) {
      const enrolment = this.beginMfa(user);
      this.finishMfa(enrolment.token, ...twoConsecutiveCodes(enrolment.seed, this.account.now().getTime()));
    }
    return users.length ? `assigned an authenticator app to ${users.join(', ')}` : 'every console admin has MFA already';
  }
}
