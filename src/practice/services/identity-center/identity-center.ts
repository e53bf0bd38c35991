import { randomBytes, randomUUID } from 'node:crypto';
import { ServiceError } from '../../protocols/query-protocol.js';
import { areConsecutiveCodes, codeAt, newTotpSecret, timeStep } from '../../../totp.js';

/**
 * The practice account's IAM Identity Center: off until enabled in the practice console (in one
 * region, as an organization instance), then its identity store, permission sets and account
 * assignments, as the wizard's Identity Center way uses them, with AWS's errors. Like the
 * practice organization it lives for the session: a scenario file holds the single account.
 * Its users' passwords and MFA seeds are held in memory only.
 */

export interface PracticeInstance {
  region: string;
  instanceArn: string;
  identityStoreId: string;
  created: string;
}

export interface PracticeIdentityUser {
  id: string;
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
  created: string;
}

export interface PracticePermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration: string;
  created: string;
  policies: string[];
}

export interface PracticeAssignment {
  permissionSetArn: string;
  principalId: string;
  targetId: string;
}

/** An IAM role Identity Center made in the account for a permission set (AWSReservedSSO_<name>_<hash>). */
export interface ReservedRole {
  name: string;
  id: string;
  policies: string[];
}

/** The console's Settings, Authentication, Multi-factor authentication. */
export interface MfaSettings {
  /** "Every time they sign in (always-on)", or "Only when their sign-in context changes (context-aware)". */
  prompt: 'always-on' | 'context-aware';
  /** "If a user does not yet have a registered MFA device". */
  withoutDevice: 'require-registration' | 'allow';
}

/** What the AWS access portal keeps of a user this session: its password and MFA devices (secrets: memory only). */
interface PortalUser {
  password?: string;
  /** A one-time password from the console's "Reset password"; the user must choose a new one with it. */
  oneTimePassword?: string;
  mfaSeeds: string[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const notFound = (message: string) => new ServiceError('ResourceNotFoundException', message, 400);
const conflict = (message: string) => new ServiceError('ConflictException', message, 400);

export class PracticeIdentityCenter {
  instance: PracticeInstance | undefined;
  readonly users: PracticeIdentityUser[] = [];
  readonly permissionSets: PracticePermissionSet[] = [];
  readonly assignments: PracticeAssignment[] = [];
  readonly roles: ReservedRole[] = [];
  /** AWS's default for an organization instance enabled in the console: MFA asked when the context changes. */
  mfa: MfaSettings = { prompt: 'context-aware', withoutDevice: 'require-registration' };
  /** Assignment requests, and how often each was asked about: the first answer is IN_PROGRESS. */
  private readonly requests = new Map<string, { assignment: PracticeAssignment; created: string; polls: number }>();
  private readonly portal = new Map<string, PortalUser>();

  constructor(
    readonly accountId: string,
    private readonly now: () => string,
  ) {}

  /** The console's "Enable": an organization instance in `region`. Says what it did. */
  enable(region: string): string {
    if (this.instance) return `IAM Identity Center is already enabled in ${this.instance.region}.`;
    this.instance = { region, instanceArn: `arn:aws:sso:::instance/ssoins-${hex(8)}`, identityStoreId: `d-${hex(5)}`, created: this.now() };
    return `Enabled IAM Identity Center in ${region} (identity store ${this.instance.identityStoreId}).`;
  }

  /** The instance, where the call was made in its region; ResourceNotFound elsewhere, as AWS answers. */
  instanceIn(region: string, instanceArn?: string): PracticeInstance {
    const instance = this.instance;
    if (!instance || instance.region !== region || (instanceArn !== undefined && instance.instanceArn !== instanceArn)) {
      throw notFound(`Could not find Identity Center instance ${instanceArn ?? ''} in ${region}.`.replace('  ', ' '));
    }
    return instance;
  }

  storeIn(region: string, identityStoreId: string): PracticeInstance {
    const instance = this.instance;
    if (!instance || instance.region !== region || instance.identityStoreId !== identityStoreId) {
      throw new ServiceError('ResourceNotFoundException', `IDENTITY_STORE ${identityStoreId} not found.`, 400);
    }
    return instance;
  }

  createUser(user: Omit<PracticeIdentityUser, 'id' | 'created'>): PracticeIdentityUser {
    if (this.users.some((u) => u.userName === user.userName)) throw conflict('Duplicate UserName');
    const made = { ...user, id: `${hex(5)}-${randomUUID()}`, created: this.now() };
    this.users.push(made);
    this.portal.set(made.id, { mfaSeeds: [] });
    return made;
  }

  user(id: string): PracticeIdentityUser {
    const user = this.users.find((u) => u.id === id);
    if (!user) throw new ServiceError('ResourceNotFoundException', 'USER not found.', 400);
    return user;
  }

  userNamed = (userName: string) => this.users.find((u) => u.userName === userName);

  createPermissionSet(set: Omit<PracticePermissionSet, 'arn' | 'created' | 'policies'>): PracticePermissionSet {
    if (this.permissionSets.some((p) => p.name === set.name)) throw conflict(`PermissionSet with name ${set.name} already exists.`);
    const instanceId = this.instance!.instanceArn.split('/').pop();
    const made = { ...set, arn: `arn:aws:sso:::permissionSet/${instanceId}/ps-${hex(8)}`, created: this.now(), policies: [] };
    this.permissionSets.push(made);
    return made;
  }

  permissionSet(arn: string): PracticePermissionSet {
    const set = this.permissionSets.find((p) => p.arn === arn);
    if (!set) throw notFound(`Could not find PermissionSet with id ${arn.split('/').pop()}`);
    return set;
  }

  attachManagedPolicy(arn: string, policyArn: string) {
    const set = this.permissionSet(arn);
    if (set.policies.includes(policyArn)) {
      throw conflict(`Permission set with id ${arn.split('/').pop()} already has a typed link attachment to a managed policy with ${policyArn}`);
    }
    set.policies.push(policyArn);
  }

  /** Starts an assignment: AWS answers IN_PROGRESS and makes the role a moment later. */
  createAssignment(assignment: PracticeAssignment): { requestId: string; created: string } {
    this.permissionSet(assignment.permissionSetArn);
    this.user(assignment.principalId);
    if (assignment.targetId !== this.accountId) throw new ServiceError('AccessDeniedException', `The practice organization's Identity Center assigns access to the practice account (${this.accountId}) only.`, 400);
    const requestId = randomUUID();
    const created = this.now();
    this.requests.set(requestId, { assignment, created, polls: 0 });
    return { requestId, created };
  }

  /** The request's status: IN_PROGRESS when first asked, then SUCCEEDED, with the assignment and its role made. */
  assignmentStatus(requestId: string): { status: 'IN_PROGRESS' | 'SUCCEEDED'; assignment: PracticeAssignment; created: string } {
    const request = this.requests.get(requestId);
    if (!request) throw notFound(`Could not find account assignment creation request ${requestId}.`);
    if (request.polls++ === 0) return { status: 'IN_PROGRESS', ...request };
    this.finish(request.assignment);
    return { status: 'SUCCEEDED', ...request };
  }

  private finish(assignment: PracticeAssignment) {
    const same = (a: PracticeAssignment) => a.permissionSetArn === assignment.permissionSetArn && a.principalId === assignment.principalId && a.targetId === assignment.targetId;
    if (!this.assignments.some(same)) this.assignments.push(assignment);
    const set = this.permissionSet(assignment.permissionSetArn);
    const name = `AWSReservedSSO_${set.name}_${set.arn.split('-').pop()!.slice(0, 16).padEnd(16, '0')}`;
    const role = this.roles.find((r) => r.name === name);
    if (role) role.policies = [...set.policies];
    else this.roles.push({ name, id: `AROA${hex(8).toUpperCase()}`, policies: [...set.policies] });
  }

  /** The users given access to this account, with their permission sets' names: what the portal shows them. */
  accessOf(userId: string): string[] {
    return this.assignments.filter((a) => a.principalId === userId).map((a) => this.permissionSet(a.permissionSetArn).name);
  }

  /** The console's "Reset password", "Generate a one-time password": shown once, to be changed at the first sign-in. */
  oneTimePassword(userId: string): string {
    const user = this.user(userId);
    const otp = `${hex(4)}-${hex(4)}-Aa1!`;
    this.portal.set(user.id, { ...this.portal.get(user.id)!, oneTimePassword: otp });
    return otp;
  }

  /**
   * The portal's sign-in, one step at a time: the password (a one-time one wants a new one),
   * then, as the MFA settings ask, an MFA code or the registration of a device.
   */
  signIn(userName: string, password: string, newPassword?: string): 'new-password-required' | 'mfa-required' | 'mfa-registration-required' | 'signed-in' {
    const user = this.userNamed(userName);
    const portal = user && this.portal.get(user.id);
    const wrong = new ServiceError('AuthenticationFailed', 'The user name or password is not right.', 401);
    if (!user || !portal) throw wrong;
    if (portal.oneTimePassword !== undefined && password === portal.oneTimePassword) {
      if (newPassword === undefined) return 'new-password-required';
      if (newPassword.length < 8) throw new ServiceError('InvalidPassword', 'The new password needs at least 8 characters.', 400);
      portal.password = newPassword;
      portal.oneTimePassword = undefined;
    } else if (portal.password === undefined || password !== portal.password) {
      throw wrong;
    }
    if (portal.mfaSeeds.length > 0) return 'mfa-required';
    return this.mfa.withoutDevice === 'require-registration' ? 'mfa-registration-required' : 'signed-in';
  }

  /** A code from one of the user's devices (after the password): this step's, or the one before. */
  checkMfa(userName: string, code: string, nowMs = Date.now()): boolean {
    const user = this.userNamed(userName);
    const step = timeStep(nowMs);
    return Boolean(user && this.portal.get(user.id)?.mfaSeeds.some((seed) => [step - 1, step].some((s) => codeAt(seed, s) === code)));
  }

  /** Registers an authenticator app for a signed-in user: a fresh secret, kept once two consecutive codes prove it. */
  newMfaSecret = () => newTotpSecret();

  registerMfa(userName: string, seed: string, code1: string, code2: string, nowMs = Date.now()) {
    const user = this.userNamed(userName);
    if (!user || !areConsecutiveCodes(seed, code1.trim(), code2.trim(), nowMs)) throw new ServiceError('InvalidCode', 'Those are not two consecutive codes from this secret.', 400);
    this.portal.get(user.id)!.mfaSeeds.push(seed);
  }

  mfaDevicesOf = (userId: string) => this.portal.get(userId)?.mfaSeeds.length ?? 0;
}
