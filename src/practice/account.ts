import { randomInt } from 'node:crypto';
import { passwordProblem, ruleOf, type PasswordRule } from '../rules/password-policy.js';
import { ServiceError } from './protocols/query-protocol.js';
import type { AccessKey, MfaDevice, Scenario, ScenarioGroup, ScenarioUser, SigningCertificate } from './scenarios/scenario.js';
import { areConsecutiveCodes, codeAt, newTotpSecret, timeStep } from '../totp.js';
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
  /**
   * IAM Identity Center, off until enabled in the practice console. It lives for the session: the
   * saved practice account keeps IAM, not Identity Center.
   */
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

  /** The last credential report made: a snapshot, so it lags behind changes as IAM's does; kept with the account. */
  get credentialReport(): { generatedAt: Date; csv: string } | undefined {
    const report = this.scenario.credentialReport;
    return report && { generatedAt: new Date(report.generated), csv: report.csv };
  }

  set credentialReport(report: { generatedAt: Date; csv: string }) {
    this.change((s) => void (s.credentialReport = { generated: report.generatedAt.toISOString(), csv: report.csv }));
  }

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
    this.change((s) => s.mfaDevices.push({ type: 'virtual', serialNumber, created: this.timestamp() }));
    this.mfaSeeds.set(serialNumber, seed);
    return { serialNumber, seed };
  }

  /**
   * A hardware TOTP token this account can check codes of: AWS knows the seed of each token it
   * accepts; the practice console's simulated token tells it here (in memory only).
   */
  registerHardwareToken(serialNumber: string, seed: string) {
    this.mfaSeeds.set(serialNumber, seed);
  }

  private ownerOf(principal: Principal): string {
    const owner = principal === ROOT ? ROOT : this.user(principal).name;
    if (this.mfaDevicesOf(owner).length >= MAX_MFA_DEVICES) throw iamError.limitExceeded(`${owner} already has ${MAX_MFA_DEVICES} MFA devices.`);
    return owner;
  }

  /**
   * As AWS does: two consecutive codes from the device prove it was set up right. The serial
   * number is a virtual device's ARN, or a hardware token's serial (no entity exists before).
   */
  enableMfaDevice(principal: Principal, serialNumber: string, code1: string, code2: string) {
    const owner = this.ownerOf(principal);
    const device = this.scenario.mfaDevices.find((d) => d.serialNumber === serialNumber);
    const seed = this.mfaSeeds.get(serialNumber);
    if (!device && seed === undefined) throw iamError.noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
    if (device?.assignedTo) throw iamError.alreadyExists(`MFA device ${serialNumber} is already in use.`);
    if (!seed || !areConsecutiveCodes(seed, code1, code2, this.now().getTime())) throw iamError.invalidCode();
    const enabled = this.timestamp();
    if (device) this.change(() => Object.assign(device, { assignedTo: owner, enabled }));
    else this.change((s) => s.mfaDevices.push({ type: 'hardware', serialNumber, assignedTo: owner, created: enabled, enabled }));
  }

  /**
   * A passkey or security key registered in the console (the API cannot: WebAuthn needs a
   * browser). `key` is what the browser gave; undefined for the console's stand-in key.
   */
  assignFidoDevice(principal: Principal, deviceName: string, key?: { credentialId: string; publicKey: string; algorithm: number }): string {
    const owner = this.ownerOf(principal);
    const path = owner === ROOT ? 'root' : `user/${owner}`;
    const serialNumber = `arn:aws:iam::${this.scenario.accountId}:u2f/${path}/${deviceName}-${randomId('').slice(0, 12)}`;
    const enabled = this.timestamp();
    this.change((s) => s.mfaDevices.push({ type: 'fido', serialNumber, assignedTo: owner, created: enabled, enabled, ...key }));
    return serialNumber;
  }

  /**
   * A code typed at sign-in: 'ok' when it is the current code (or the one before or after, for a
   * clock a little off) of one of the user's authenticator apps or tokens; 'unchecked' when this
   * session knows none of their seeds (devices from a scenario or an earlier run: seeds are never
   * saved), so any 6 digits pass; else 'wrong'.
   */
  checkSignInCode(user: string, code: string): 'ok' | 'unchecked' | 'wrong' {
    const seeds = this.mfaDevicesOf(user)
      .filter((d) => d.type !== 'fido')
      .map((d) => this.mfaSeeds.get(d.serialNumber))
      .filter((seed) => seed !== undefined);
    if (seeds.length === 0) return /^\d{6}$/.test(code) ? 'unchecked' : 'wrong';
    const step = timeStep(this.now().getTime());
    return seeds.some((seed) => [step - 1, step, step + 1].some((at) => codeAt(seed, at) === code)) ? 'ok' : 'wrong';
  }

  deactivateMfaDevice(principal: Principal, serialNumber: string) {
    const device = this.mfaDevicesOf(principal).find((d) => d.serialNumber === serialNumber);
    if (!device) throw iamError.noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`);
    // Only a virtual device is an entity of its own: it stays, unassigned. The others are gone.
    if (device.type !== 'virtual') return this.change((s) => s.mfaDevices.splice(s.mfaDevices.indexOf(device), 1));
    this.change(() => {
      delete device.assignedTo;
      delete device.enabled;
    });
  }

  deleteVirtualMfaDevice(serialNumber: string) {
    const index = this.scenario.mfaDevices.findIndex((d) => d.serialNumber === serialNumber && d.type === 'virtual');
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
   * The first half of a console sign-in: the user exists, may sign in, and `password` is theirs.
   * A user from a scenario file has a login profile but no password this session knows: any
   * password is accepted for it (the sign-in then keeps the one typed).
   */
  checkPassword(userName: string, password: string): ScenarioUser {
    const user = this.findUser(userName);
    if (!user?.loginProfile) throw new ServiceError('InvalidPassword', 'Your authentication information is incorrect.', 403);
    const known = this.passwordOf(user.name);
    if (known !== undefined && known !== password) throw new ServiceError('InvalidPassword', 'Your authentication information is incorrect.', 403);
    return user;
  }

  /**
   * The end of a console sign-in, after checkPassword (and MFA): the new password when one is
   * required (checked by the account's policy; PasswordPolicyViolation else), and PasswordLastUsed.
   */
  completeSignIn(userName: string, password: string, newPassword?: string) {
    const user = this.checkPassword(userName, password);
    if (user.loginProfile!.passwordResetRequired && newPassword === undefined) {
      throw new ServiceError('PasswordResetRequired', 'A new password is required at first sign-in.', 403);
    }
    if (newPassword !== undefined) this.setPassword(user.name, newPassword);
    else if (this.passwordOf(user.name) === undefined) this.setPassword(user.name, password);
    this.change(() => {
      user.passwordLastUsed = this.timestamp();
      user.loginProfile!.passwordResetRequired = false;
    });
  }
}
