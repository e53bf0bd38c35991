import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateAccountAliasCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  UpdateAccountPasswordPolicyCommand,
  type PasswordPolicy,
} from '@aws-sdk/client-iam';
import type { Clock } from '../clock.js';
import { isAlreadyExists, isNoSuchEntity } from './aws-error.js';
import type { AwsClients } from './clients.js';

/**
 * The wizard's writes. Each one converges: run twice, or after a crash half-way, it leaves the
 * same state as run once. "Already exists" is success; nothing existing is ever overwritten.
 */
export interface Writer {
  aws: Pick<AwsClients, 'iam' | 'budgets' | 'account'>;
  clock: Clock;
  signal: AbortSignal;
}

/** Returns false when the thing already existed. */
async function createOnce(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/**
 * IAM is eventually consistent: a user or group created a moment ago can still be unknown to the
 * next call. Retry NoSuchEntity with backoff (about 15 s in all) before believing it.
 */
async function despiteLag<T>(w: Writer, send: () => Promise<T>): Promise<T> {
  const delays = [500, 1000, 2000, 4000, 8000];
  for (const delay of delays) {
    try {
      return await send();
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
      await w.clock.sleep(delay, w.signal);
    }
  }
  return send();
}

export const opts = (w: Writer) => ({ abortSignal: w.signal });

export const createUser = (w: Writer, userName: string) =>
  createOnce(() => w.aws.iam.send(new CreateUserCommand({ UserName: userName }), opts(w)));

export const createGroup = (w: Writer, groupName: string) =>
  createOnce(() => w.aws.iam.send(new CreateGroupCommand({ GroupName: groupName }), opts(w)));

/** PasswordResetRequired: the person picks their own password at first sign-in. */
export const createLoginProfile = (w: Writer, userName: string, password: string) =>
  despiteLag(w, () =>
    createOnce(() =>
      w.aws.iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: true }), opts(w)),
    ),
  );

// Attaching a policy or adding a member twice is not an error in IAM: these are idempotent as they are.
export const attachUserPolicy = (w: Writer, userName: string, policyArn: string) =>
  despiteLag(w, () => w.aws.iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn }), opts(w)));

export const attachGroupPolicy = (w: Writer, groupName: string, policyArn: string) =>
  despiteLag(w, () => w.aws.iam.send(new AttachGroupPolicyCommand({ GroupName: groupName, PolicyArn: policyArn }), opts(w)));

export const addUserToGroup = (w: Writer, userName: string, groupName: string) =>
  despiteLag(w, () => w.aws.iam.send(new AddUserToGroupCommand({ UserName: userName, GroupName: groupName }), opts(w)));

/**
 * The seed comes back once, here, and nowhere else: it lives in memory until enrolment is over.
 * Not idempotent by itself: the admin-mfa step looks for a device left by an earlier run first.
 */
export async function createVirtualMfaDevice(w: Writer, deviceName: string): Promise<{ serial: string; seed: string }> {
  const answer = await w.aws.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }), opts(w));
  const device = answer.VirtualMFADevice;
  return { serial: device?.SerialNumber ?? '', seed: new TextDecoder().decode(device?.Base32StringSeed) };
}

/** Gone already is fine: the goal is that it does not exist. */
export const deleteVirtualMfaDevice = async (w: Writer, serial: string) => {
  try {
    await w.aws.iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }), opts(w));
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
  }
};

export const enableMfaDevice = (w: Writer, userName: string, serial: string, code1: string, code2: string) =>
  despiteLag(w, () =>
    w.aws.iam.send(
      new EnableMFADeviceCommand({ UserName: userName, SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }),
      opts(w),
    ),
  );

/** Replaces the whole policy: the caller passes every field it wants to keep. */
export const updatePasswordPolicy = (w: Writer, policy: PasswordPolicy) =>
  w.aws.iam.send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: policy.MinimumPasswordLength,
      RequireSymbols: policy.RequireSymbols,
      RequireNumbers: policy.RequireNumbers,
      RequireUppercaseCharacters: policy.RequireUppercaseCharacters,
      RequireLowercaseCharacters: policy.RequireLowercaseCharacters,
      AllowUsersToChangePassword: policy.AllowUsersToChangePassword,
      // AWS refuses MaxPasswordAge 0: absent means passwords never expire.
      MaxPasswordAge: policy.ExpirePasswords ? policy.MaxPasswordAge : undefined,
      PasswordReusePrevention: policy.PasswordReusePrevention,
      HardExpiry: policy.HardExpiry,
    }),
    opts(w),
  );

/** Setting the alias the account already has is a no-op in IAM. */
export const createAccountAlias = (w: Writer, alias: string) =>
  w.aws.iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }), opts(w));
