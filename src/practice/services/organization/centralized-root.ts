// Centralized root access as AWS documents it, for practice mode and the test proxy: the
// organization's switches, IAM's delegated administrator, each member's root credentials, and
// sts:AssumeRoot sessions whose calls act on the member's root and are limited to the task policy.
// Sources: the IAM and STS API models (botocore), "Perform a privileged task on an AWS Organizations
// member account" and "Centralize root access for member accounts" in the IAM User Guide.
import { randomBytes, randomInt } from 'node:crypto';
import { modelRule, modelViolation, numberViolation } from '../../../rules/field-rule.js';
import { ServiceError, type XmlValue } from '../../protocols/query-protocol.js';

/** The task policies' actions (AWS managed policies under `policy/root-task/`), as documented. */
const AUDIT = ['iam:GetUser', 'iam:GetLoginProfile', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:ListMFADevices', 'iam:ListSigningCertificates'];
export const TASK_ACTIONS: Record<string, readonly string[]> = {
  IAMAuditRootUserCredentials: AUDIT,
  IAMDeleteRootUserCredentials: [
    ...AUDIT,
    'iam:DeleteLoginProfile',
    'iam:DeleteAccessKey',
    'iam:DeactivateMFADevice',
    'iam:DeleteVirtualMFADevice',
    'iam:DeleteSigningCertificate',
  ],
  // The user guide's "Allow password recovery" uses get-login-profile and create-login-profile.
  IAMCreateRootUserPassword: ['iam:GetLoginProfile', 'iam:CreateLoginProfile'],
  S3UnlockBucketPolicy: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  SQSUnlockQueuePolicy: ['sqs:ListQueues', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'],
};

/** A member's root credentials. */
export interface MemberRoot {
  password?: { created: string };
  accessKeys: { id: string; status: 'Active' | 'Inactive'; created: string; lastUsed?: string }[];
  /** MFA devices; a virtual one stays (unassigned) after deactivation until it is deleted. */
  mfaDevices: { serial: string; assigned: boolean }[];
  certificates: { id: string; status: 'Active' | 'Inactive'; uploaded: string }[];
}

export const noRootCredentials = (): MemberRoot => ({ accessKeys: [], mfaDevices: [], certificates: [] });

export interface RootSession {
  account: string;
  task: string;
  secretAccessKey: string;
  sessionToken: string;
  expires: number;
}

/** A caller, as the emulation needs to know it: its account, and whether it is that account's root user. */
export interface Caller {
  account: string;
  isRoot: boolean;
}

const sts = {
  denied: (message: string) => new ServiceError('AccessDenied', message, 403),
  validation: (message: string) => new ServiceError('ValidationError', message, 400),
};
// IAM's model gives these shapes no wire code, so the shape name is the code (status 400 by the API reference).
const iamOrgError = (code: string, message: string) => new ServiceError(`${code}Exception`, message, 400);
const orgsError = (code: string, message: string, status = 400) => new ServiceError(`${code}Exception`, message, status);
const noSuchEntity = (message: string) => new ServiceError('NoSuchEntity', message, 404);

/** AssumeRoot's parameters, checked by the rules of STS's API model, in the words of its validation errors. */
const DURATION = modelRule('sts', 'AssumeRootRequest.DurationSeconds').model;
const TARGET = modelRule('sts', 'AssumeRootRequest.TargetPrincipal').model;
/** "By default, the value is set to 900 seconds" (AssumeRoot, DurationSeconds). */
const DEFAULT_DURATION_SECONDS = 900;
const TASK_POLICY = /^arn:([\w-]+):iam::aws:policy\/root-task\/(\w+)$/;
export const IAM_PRINCIPAL = 'iam.amazonaws.com';

const id = (prefix: string, length = 16) => prefix + Array.from({ length }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('');

export class CentralizedRoot {
  trustedAccess = false;
  readonly features = new Set<'RootCredentialsManagement' | 'RootSessions'>();
  readonly delegatedAdmins: string[] = [];
  /** The organization has all features (else only consolidated billing). */
  allFeatures = true;
  /** Member accounts and their Organizations state (ACTIVE, SUSPENDED, …), the management account not among them. */
  readonly members = new Map<string, string>();
  readonly roots = new Map<string, MemberRoot>();
  /** Members where a service control policy denies root (without exempting aws:AssumedRoot). */
  readonly scpDeniesRoot = new Set<string>();
  readonly sessions = new Map<string, RootSession>();

  constructor(
    public managementAccountId: string,
    readonly organizationId: string,
    readonly partition = 'aws',
    readonly now: () => number = () => Date.now(),
  ) {}

  rootOf(account: string): MemberRoot {
    let root = this.roots.get(account);
    if (!root) this.roots.set(account, (root = noRootCredentials()));
    return root;
  }

  private rootArn = (account: string) => `arn:${this.partition}:iam::${account}:root`;

  private requireAllFeatures() {
    if (!this.allFeatures) throw iamOrgError('OrganizationNotInAllFeaturesMode', 'The organization does not have all features enabled.');
  }

  private requireManagementOrDelegate(caller: Caller) {
    if (caller.account !== this.managementAccountId && !this.delegatedAdmins.includes(caller.account)) {
      throw iamOrgError('AccountNotManagementOrDelegatedAdministrator', 'The account is not the management account or a delegated administrator.');
    }
  }

  // --- IAM: the switches -----------------------------------------------------------------------

  private featuresResult(): Record<string, XmlValue> {
    return { OrganizationId: this.organizationId, EnabledFeatures: [...this.features] };
  }

  listOrganizationsFeatures(caller: Caller): Record<string, XmlValue> {
    this.requireAllFeatures();
    if (!this.trustedAccess) throw iamOrgError('ServiceAccessNotEnabled', 'Trusted access is not enabled for IAM in AWS Organizations.');
    this.requireManagementOrDelegate(caller);
    return this.featuresResult();
  }

  enableFeature(caller: Caller, feature: 'RootCredentialsManagement' | 'RootSessions'): Record<string, XmlValue> {
    this.requireAllFeatures();
    if (!this.trustedAccess) throw iamOrgError('ServiceAccessNotEnabled', 'Trusted access is not enabled for IAM in AWS Organizations.');
    if (caller.account !== this.managementAccountId) {
      throw iamOrgError('CallerIsNotManagementAccount', 'The caller is not the management account of the organization.');
    }
    this.features.add(feature);
    return this.featuresResult();
  }

  // --- Organizations: trusted access and the delegated administrator for IAM ---------------

  private requireManagement(caller: Caller) {
    if (caller.account !== this.managementAccountId) {
      throw orgsError('AccessDenied', "This operation can be called only from the organization's management account.", 400);
    }
  }

  enableServiceAccess(caller: Caller): void {
    this.requireManagement(caller);
    this.trustedAccess = true;
  }

  registerDelegatedAdministrator(caller: Caller, accountId: string): void {
    this.requireManagement(caller);
    if (accountId === this.managementAccountId) {
      throw orgsError('ConstraintViolation', 'You cannot register the management account as a delegated administrator.');
    }
    if (!this.members.has(accountId)) throw orgsError('AccountNotFound', "You specified an account that doesn't exist.");
    if (this.delegatedAdmins.includes(accountId)) throw orgsError('AccountAlreadyRegistered', 'The account is already registered as a delegated administrator.');
    this.delegatedAdmins.push(accountId);
  }

  // --- STS: AssumeRoot ---------------------------------------------------------------------

  /**
   * sts:AssumeRoot. What AWS answers when root sessions are off, or for an account outside the
   * organization, is not documented: AccessDenied here, which a caller reports and moves past.
   */
  assumeRoot(caller: Caller, params: Record<string, string>): { credentials: { accessKeyId: string } & Record<string, XmlValue>; task: string; target: string } {
    const target = (params.TargetPrincipal ?? '').replace(/^arn:[\w-]+:iam::(\d{12}):root$/, '$1');
    const taskArn = params['TaskPolicyArn.arn'] ?? '';
    const duration = params.DurationSeconds === undefined ? DEFAULT_DURATION_SECONDS : Number(params.DurationSeconds);
    if (params.TargetPrincipal === undefined) throw sts.validation("1 validation error detected: Value null at 'targetPrincipal' failed to satisfy constraint: Member must not be null");
    const invalid = (name: string, value: unknown, violation: string | undefined) => {
      if (violation) throw sts.validation(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: ${violation}`);
    };
    invalid('targetPrincipal', params.TargetPrincipal, modelViolation(TARGET, params.TargetPrincipal));
    invalid('durationSeconds', params.DurationSeconds, numberViolation(DURATION, duration));
    const task = TASK_POLICY.exec(taskArn)?.[2];
    if (!task || !TASK_ACTIONS[task]) throw sts.validation(`The task policy ARN ${taskArn} is not a root task policy.`);
    const notAuthorized = (why: string) => sts.denied(`User is not authorized to perform: sts:AssumeRoot on resource: ${this.rootArn(target)}: ${why}`);
    if (caller.isRoot) throw notAuthorized('the root user cannot call AssumeRoot');
    this.requireManagementOrDelegate(caller);
    if (!this.features.has('RootSessions')) throw notAuthorized('root sessions are not enabled for the organization');
    if (target === this.managementAccountId || !this.members.has(target)) throw notAuthorized('the target is not a member account of the organization');
    if (this.members.get(target) !== 'ACTIVE') throw notAuthorized(`the account is ${this.members.get(target)}`);
    const accessKeyId = id('ASIA');
    const session: RootSession = {
      account: target,
      task,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(60).toString('base64'),
      expires: this.now() + duration * 1000,
    };
    this.sessions.set(accessKeyId, session);
    const credentials = {
      accessKeyId,
      AccessKeyId: accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expires).toISOString(),
    };
    return { credentials, task, target };
  }

  // --- Calls made with a root session's credentials ------------------------------------------

  /** The session a request was signed with, if it is one of ours. */
  session(accessKeyId: string | undefined): RootSession | undefined {
    return accessKeyId ? this.sessions.get(accessKeyId) : undefined;
  }

  /**
   * A call signed with a root session: it expires, is limited to the task policy's actions on root
   * (a UserName names someone else: denied), meets the member's SCPs, and acts on the member's root.
   */
  inSession(session: RootSession, action: string, params: Record<string, string>): Record<string, XmlValue> | undefined {
    if (this.now() > session.expires) throw new ServiceError('ExpiredToken', 'The security token included in the request is expired', 403);
    const principal = `arn:${this.partition}:sts::${session.account}:root`;
    const resource = params.UserName ? `arn:${this.partition}:iam::${session.account}:user/${params.UserName}` : this.rootArn(session.account);
    const denied = (why: string) => sts.denied(`User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
    if (action === 'sts:GetCallerIdentity') return { UserId: session.account, Account: session.account, Arn: principal };
    if (!TASK_ACTIONS[session.task]!.includes(action) || params.UserName !== undefined) {
      throw denied(`because no session policy allows the ${action} action`);
    }
    if (this.scpDeniesRoot.has(session.account)) throw denied('with an explicit deny in a service control policy');
    return this.onRoot(session.account, action.split(':')[1]!, params);
  }

  private onRoot(account: string, action: string, params: Record<string, string>): Record<string, XmlValue> | undefined {
    const root = this.rootOf(account);
    const userName = account; // AWS's wording for root in these answers is not documented; nothing reads it.
    switch (action) {
      case 'GetUser':
        return { User: { Path: '/', UserName: userName, UserId: account, Arn: this.rootArn(account), CreateDate: '2020-01-01T00:00:00Z' } };
      case 'GetLoginProfile':
        if (!root.password) throw noSuchEntity(`Login Profile for User root cannot be found.`);
        return { LoginProfile: { UserName: userName, CreateDate: root.password.created, PasswordResetRequired: false } };
      case 'CreateLoginProfile':
        if (params.Password !== undefined) throw sts.validation('The Password parameter must be omitted in a root session.');
        if (root.password) throw new ServiceError('EntityAlreadyExists', 'Login Profile for user root already exists.', 409);
        root.password = { created: new Date(this.now()).toISOString() };
        return { LoginProfile: { UserName: userName, CreateDate: root.password.created, PasswordResetRequired: false } };
      case 'DeleteLoginProfile':
        if (!root.password) throw noSuchEntity('Login Profile for User root cannot be found.');
        delete root.password;
        return undefined;
      case 'ListAccessKeys':
        return {
          AccessKeyMetadata: root.accessKeys.map((k) => ({ UserName: userName, AccessKeyId: k.id, Status: k.status, CreateDate: k.created })),
          IsTruncated: false,
        };
      case 'GetAccessKeyLastUsed': {
        const key = root.accessKeys.find((k) => k.id === params.AccessKeyId);
        if (!key) throw sts.denied(`User is not authorized to perform iam:GetAccessKeyLastUsed on access key ${params.AccessKeyId}`);
        return {
          UserName: userName,
          AccessKeyLastUsed: key.lastUsed ? { LastUsedDate: key.lastUsed, ServiceName: 'iam', Region: 'us-east-1' } : { ServiceName: 'N/A', Region: 'N/A' },
        };
      }
      case 'DeleteAccessKey': {
        const index = root.accessKeys.findIndex((k) => k.id === params.AccessKeyId);
        if (index < 0) throw noSuchEntity(`The Access Key with id ${params.AccessKeyId} cannot be found.`);
        root.accessKeys.splice(index, 1);
        return undefined;
      }
      case 'ListMFADevices':
        return { MFADevices: root.mfaDevices.filter((d) => d.assigned).map((d) => ({ UserName: userName, SerialNumber: d.serial, EnableDate: '2024-01-01T00:00:00Z' })), IsTruncated: false };
      case 'DeactivateMFADevice': {
        const device = root.mfaDevices.find((d) => d.serial === params.SerialNumber && d.assigned);
        if (!device) throw noSuchEntity(`MFA Device with serial number ${params.SerialNumber} does not exist.`);
        if (/:mfa\//.test(device.serial)) device.assigned = false;
        else root.mfaDevices.splice(root.mfaDevices.indexOf(device), 1);
        return undefined;
      }
      case 'DeleteVirtualMFADevice': {
        const device = root.mfaDevices.find((d) => d.serial === params.SerialNumber);
        if (!device) throw noSuchEntity(`VirtualMFADevice with serial number ${params.SerialNumber} doesn't exist.`);
        if (device.assigned) throw new ServiceError('DeleteConflict', 'MFA device is still in use.', 409);
        root.mfaDevices.splice(root.mfaDevices.indexOf(device), 1);
        return undefined;
      }
      case 'ListSigningCertificates':
        return {
          Certificates: root.certificates.map((c) => ({ UserName: userName, CertificateId: c.id, CertificateBody: '-----BEGIN CERTIFICATE-----', Status: c.status, UploadDate: c.uploaded })),
          IsTruncated: false,
        };
      case 'DeleteSigningCertificate': {
        const index = root.certificates.findIndex((c) => c.id === params.CertificateId);
        if (index < 0) throw noSuchEntity(`The Certificate with id ${params.CertificateId} cannot be found.`);
        root.certificates.splice(index, 1);
        return undefined;
      }
      default:
        throw new ServiceError('InvalidAction', `${action} is not simulated in a root session.`, 400);
    }
  }
}

/** Root credentials for a scenario, in words: what tests and practice mode set up. */
export interface RootSpec {
  password?: boolean;
  /** Access keys: 'active' or 'inactive', with the date last used (ISO) or never. */
  keys?: { status?: 'active' | 'inactive'; lastUsed?: string }[];
  /** MFA devices: 'virtual' (an authenticator app) or 'hardware'. */
  mfa?: ('virtual' | 'hardware')[];
  certificates?: number;
}

export function rootFromSpec(account: string, spec: RootSpec, partition = 'aws'): MemberRoot {
  return {
    ...(spec.password ? { password: { created: '2023-02-01T00:00:00Z' } } : {}),
    accessKeys: (spec.keys ?? []).map((k) => ({ id: id('AKIA'), status: k.status === 'inactive' ? 'Inactive' : 'Active', created: '2019-05-01T00:00:00Z', ...(k.lastUsed ? { lastUsed: k.lastUsed } : {}) })),
    mfaDevices: (spec.mfa ?? []).map((kind, i) => ({ serial: kind === 'virtual' ? `arn:${partition}:iam::${account}:mfa/root-device-${i}` : `GAHT${String(10000000 + i)}`, assigned: true })),
    certificates: Array.from({ length: spec.certificates ?? 0 }, () => ({ id: id('', 32), status: 'Active' as const, uploaded: '2018-01-01T00:00:00Z' })),
  };
}
