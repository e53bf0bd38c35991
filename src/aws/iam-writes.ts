import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Clock } from '../engine/clock.js';
import { isAlreadyExists, isNoSuchEntity } from './aws-error.js';

/**
 * The wizard's writes. Each one converges: run twice, or after a crash half-way, it leaves the
 * same state as run once. "Already exists" is success; nothing existing is ever overwritten.
 */
export interface Writer {
  aws: { iam: IAMClient };
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

const opts = (w: Writer) => ({ abortSignal: w.signal });

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
