import { randomInt } from 'node:crypto';
import { passwordProblem, ruleOf, type PasswordRule } from '../rules/password-policy.js';
import { ServiceError } from './protocols/query-protocol.js';
import type { AccessKey, MfaDevice, Scenario, ScenarioGroup, ScenarioUser, SigningCertificate } from './scenarios/scenario.js';
import { areConsecutiveCodes, newTotpSecret } from '../totp.js';
import { PracticeIdentityCenter } from './services/identity-center/identity-center.js';

/** IAM's errors with the HTTP status its service model gives each. */
export const iamError = {
  noSuchEntity: (message: string) => new ServiceError('NoSuchEntity', message, 404),
  alreadyExists: (message: string) => new ServiceError('EntityAlreadyExists', message, 409),
  invalidInput: (message: string) => new ServiceError('InvalidInput', message, 400),
  validation: (message: string) => new ServiceError('ValidationError', message, 400),
  limitExceeded: (message: string) => new ServiceError('LimitExceeded', message, 409),
  passwordPolicy: (message: string) => new ServiceError('PasswordPolicyViolation', message, 400),
  invalidCode: () => new ServiceError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403),
};

/** AWS managed policies a learner may attach; anything else is "does not exist". */
const MANAGED_POLICIES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'SecurityAudit',
  'IAMFullAccess',
  'IAMReadOnlyAccess',
  'IAMUserChangePassword',
  'job-function/Billing',
  'job-function/ViewOnlyAccess',
];

/** Root can hold up to 8 MFA devices, and so can each IAM user. */
const MAX_MFA_DEVICES = 8;

export const ROOT = 'root';
/** Who an MFA device or an access key belongs to: 'root' or an IAM user name. */
export type Principal = string;

const randomId = (prefix: string) =>
  prefix + Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('');

/**
 * The simulated account: the scenario (what exists, saved after every change) and, beside it,
 * the secrets of this session (passwords, MFA seeds), which are held in memory only.
 */
export class PracticeAccount {
  private readonly passwords = new Map<string, string>();
  private readonly mfaSeeds = new Map<string, string>();
  /** The last credential report made: a snapshot, so it lags behind changes as IAM's does. Not saved. */
  credentialReport: { generatedAt: Date; csv: string } | undefined;
  /** IAM Identity Center, off until enabled in the practice console; it lives for the session. */
  readonly identityCenter: PracticeIdentityCenter;

  constructor(
    private readonly scenario: Scenario,
    private readonly onChange: (scenario: Scenario) => void = () => {},
    readonly now: () => Date = () => new Date(),
  ) {
    this.identityCenter = new PracticeIdentityCenter(scenario.accountId, () => this.timestamp());
  }

  get state(): Readonly<Scenario> {
    return this.scenario;
  }

  /** Every mutation goes through here, so a saved scenario never misses a change. */
  change<T>(apply: (s: Scenario) => T): T {
    const result = apply(this.scenario);
    this.onChange(this.scenario);
    return result;
  }

  timestamp = () => this.now().toISOString();

  get rootArn() {
    return `arn:aws:iam::${this.scenario.accountId}:root`;
  }
  userArn = (name: string) => `arn:aws:iam::${this.scenario.accountId}:user/${name}`;
  groupArn = (name: string) => `arn:aws:iam::${this.scenario.accountId}:group/${name}`;

  /** IAM names ignore case: "Admin" finds "admin". */
  findUser(name: string): ScenarioUser | undefined {
    return this.scenario.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  }

  user(name: string): ScenarioUser {
    const user = this.findUser(name);
    if (!user) throw iamError.noSuchEntity(`The user with name ${name} cannot be found.`);
    return user;
  }

  group(name: string): ScenarioGroup {
    const group = this.scenario.groups.find((g) => g.name.toLowerCase() === name.toLowerCase());
    if (!group) throw iamError.noSuchEntity(`The group with name ${name} cannot be found.`);
    return group;
  }

  /** An attachable policy ARN, or the error IAM gives for a malformed or unknown one. */
  policy(arn: string): string {
    const match = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn);
    if (!/^arn:[\w-]+:iam::/.test(arn)) throw iamError.invalidInput(`ARN ${arn} is not valid.`);
    if (!match || !MANAGED_POLICIES.includes(match[1]!)) throw iamError.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return arn;
  }

  policyName = (arn: string) => arn.split('/').pop() ?? arn;

  groupsOf(userName: string): ScenarioGroup[] {
    return this.scenario.groups.filter((g) => g.members.some((m) => m.toLowerCase() === userName.toLowerCase()));
  }

  /** The access keys of root or of a user. */
  accessKeysOf(principal: Principal): AccessKey[] {
    return principal === ROOT ? this.scenario.root.accessKeys : this.user(principal).accessKeys;
  }

  mfaDevicesOf(principal: Principal): MfaDevice[] {
    const owner = principal === ROOT ? ROOT : this.user(principal).name;
    return this.scenario.mfaDevices.filter((d) => d.assignedTo === owner);
  }

  newId = randomId;

  /** The account's password policy as a rule, AWS's default when it has none. */
  passwordRule = (): PasswordRule => ruleOf(this.scenario.passwordPolicy);

  setPassword(user: string, password: string) {
    const problem = passwordProblem(password, this.passwordRule());
    if (problem) throw iamError.passwordPolicy(`Password ${problem}.`);
    this.passwords.set(user.toLowerCase(), password);
  }

  /** undefined when this session never saw the password (a user from a scenario file). */
  passwordOf = (user: string) => this.passwords.get(user.toLowerCase());

  // --- Shared by the API and the practice console -------------------------------------------

  /** The console brings its own seed (shown before the device exists); the API makes one. */
  createVirtualMfaDevice(deviceName: string, seed = newTotpSecret()): { serialNumber: string; seed: string } {
    const serialNumber = `arn:aws:iam::${this.scenario.accountId}:mfa/${deviceName}`;
    if (this.scenario.mfaDevices.some((d) => d.serialNumber === serialNumber)) {
      throw iamError.alreadyExists('MFADevice entity at the same path and name already exists.');
    }
    this.change((s) => s.mfaDevices.push({ serialNumber, created: this.timestamp() }));
    this.mfaSeeds.set(serialNumber, seed);
    return { serialNumber, seed };
  }

  /** As AWS does: two consecutive codes from the device prove it was set up right. */
  enableMfaDevice(principal: Principal, serialNumber: string, code1: string, code2: string) {
    const owner = principal === ROOT ? ROOT : this.user(principal).name;
    const device = this.scenario.mfaDevices.find((d) => d.serialNumber === serialNumber);
    if (!device) throw iamError.noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
    if (device.assignedTo) throw iamError.alreadyExists(`MFA device ${serialNumber} is already in use.`);
    if (this.mfaDevicesOf(owner).length >= MAX_MFA_DEVICES) throw iamError.limitExceeded(`${owner} already has ${MAX_MFA_DEVICES} MFA devices.`);
    const seed = this.mfaSeeds.get(serialNumber);
    if (!seed || !areConsecutiveCodes(seed, code1, code2, this.now().getTime())) throw iamError.invalidCode();
    this.change(() => Object.assign(device, { assignedTo: owner, enabled: this.timestamp() }));
  }

  deactivateMfaDevice(principal: Principal, serialNumber: string) {
    const device = this.mfaDevicesOf(principal).find((d) => d.serialNumber === serialNumber);
    if (!device) throw iamError.noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`);
    this.change(() => {
      delete device.assignedTo;
      delete device.enabled;
    });
  }

  deleteVirtualMfaDevice(serialNumber: string) {
    const index = this.scenario.mfaDevices.findIndex((d) => d.serialNumber === serialNumber);
    if (index < 0) throw iamError.noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
    if (this.scenario.mfaDevices[index]!.assignedTo) {
      throw new ServiceError('DeleteConflict', 'MFA device is still in use; deactivate it first.', 409);
    }
    this.change((s) => s.mfaDevices.splice(index, 1));
    this.mfaSeeds.delete(serialNumber);
  }

  private accessKey(principal: Principal, id: string): AccessKey {
    const key = this.accessKeysOf(principal).find((k) => k.id === id);
    if (!key) throw iamError.noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    return key;
  }

  deleteAccessKey(principal: Principal, id: string) {
    this.accessKey(principal, id);
    this.change(() => {
      const keys = this.accessKeysOf(principal);
      keys.splice(keys.findIndex((k) => k.id === id), 1);
    });
  }

  setAccessKeyStatus(principal: Principal, id: string, status: AccessKey['status']) {
    const key = this.accessKey(principal, id);
    this.change(() => (key.status = status));
  }

  /** Root's X.509 signing certificates (the practice account keeps none for IAM users). */
  get rootSigningCertificates(): SigningCertificate[] {
    return this.scenario.root.signingCertificates;
  }

  private rootSigningCertificate(id: string): SigningCertificate {
    const certificate = this.rootSigningCertificates.find((c) => c.id === id);
    if (!certificate) throw iamError.noSuchEntity(`The Certificate with id ${id} cannot be found.`);
    return certificate;
  }

  deleteRootSigningCertificate(id: string) {
    this.rootSigningCertificate(id);
    this.change((s) => (s.root.signingCertificates = s.root.signingCertificates.filter((c) => c.id !== id)));
  }

  setRootSigningCertificateStatus(id: string, status: SigningCertificate['status']) {
    const certificate = this.rootSigningCertificate(id);
    this.change(() => (certificate.status = status));
  }

  /**
   * A console sign-in. A user from a scenario file has a login profile but no password this
   * session knows: any password is accepted for it, and the one chosen becomes its password.
   */
  signIn(userName: string, password: string, newPassword?: string): 'signed-in' | 'new-password-required' {
    const user = this.user(userName);
    if (!user.loginProfile) throw iamError.noSuchEntity(`${user.name} cannot sign in to the console.`);
    const known = this.passwordOf(user.name);
    if (known !== undefined && known !== password) throw new ServiceError('InvalidPassword', 'The password is not right.', 403);
    if (user.loginProfile.passwordResetRequired && newPassword === undefined) return 'new-password-required';
    if (newPassword !== undefined) this.setPassword(user.name, newPassword);
    else if (known === undefined) this.setPassword(user.name, password);
    this.change(() => {
      user.passwordLastUsed = this.timestamp();
      user.loginProfile!.passwordResetRequired = false;
    });
    return 'signed-in';
  }
}
