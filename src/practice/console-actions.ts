import { randomBytes } from 'node:crypto';
import { generatePassword } from '../password.js';
import { ROOT, type PracticeAccount, type Principal } from './account.js';
import { otpauthUri } from './iam-mfa.js';
import { ServiceError } from './query-protocol.js';
import { newTotpSecret, twoConsecutiveCodes } from './totp.js';

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
export class ConsoleActions {
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

  /** Console admins: users holding AdministratorAccess (directly or through a group) who can sign in. */
  consoleAdmins(): string[] {
    const { users } = this.account.state;
    return users
      .filter((u) => u.loginProfile)
      .filter((u) => u.policies.includes(ADMIN_POLICY) || this.account.groupsOf(u.name).some((g) => g.policies.includes(ADMIN_POLICY)))
      .map((u) => u.name);
  }

  /**
   * For a learner without a browser: does in the practice console what a console step asks for,
   * and says what it did. Steps the console has nothing to do for get a sentence saying so.
   */
  doStep(stepId: string): string {
    const account = this.account;
    switch (stepId) {
      case 'root-mfa': {
        const enrolment = this.beginMfa(ROOT);
        this.finishMfa(enrolment.token, ...twoConsecutiveCodes(enrolment.seed, account.now().getTime()));
        return `assigned the authenticator app "${enrolment.deviceName}" to root`;
      }
      case 'root-access-keys': {
        const ids = account.state.root.accessKeys.map((k) => k.id);
        ids.forEach((id) => account.deleteAccessKey(ROOT, id));
        return ids.length ? `deleted the root access key${ids.length > 1 ? 's' : ''} ${ids.join(', ')}` : 'root had no access keys';
      }
      case 'admin-sign-in': {
        const users = this.consoleAdmins().filter((u) => !account.user(u).passwordLastUsed);
        for (const user of users) {
          const password = account.passwordOf(user) ?? generatePassword(account.passwordRule());
          account.signIn(user, password, generatePassword(account.passwordRule()));
        }
        return users.length ? `signed in as ${users.join(', ')} and chose a new password` : 'every console admin has signed in already';
      }
      case 'admin-mfa': {
        const users = this.consoleAdmins().filter((u) => account.mfaDevicesOf(u).length === 0);
        for (const user of users) {
          const enrolment = this.beginMfa(user);
          this.finishMfa(enrolment.token, ...twoConsecutiveCodes(enrolment.seed, account.now().getTime()));
        }
        return users.length ? `assigned an authenticator app to ${users.join(', ')}` : 'every console admin has MFA already';
      }
      default:
        return `the practice console has nothing to do for the step ${stepId}`;
    }
  }
}
