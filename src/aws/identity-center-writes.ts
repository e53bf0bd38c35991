import { CreateUserCommand } from '@aws-sdk/client-identitystore';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  type AccountAssignmentOperationStatus,
} from '@aws-sdk/client-sso-admin';
import type { Clock } from '../clock.js';
import { isConflict } from './aws-error.js';
import { earlierAttemptSentAt } from './retries.js';
import { isAssigned, permissionSetNamed, userIdOf, type IdentityCenterClients, type IdentityCenterInstance } from './identity-center.js';

/**
 * IAM Identity Center's writes, each converging like the IAM ones (iam-writes.ts): run twice, or
 * after a crash half-way, they leave what one run leaves. "Already there" (ConflictException for a
 * name in use, an assignment that exists) is success, and nothing existing is changed.
 */
export interface IdentityCenterWriter {
  ic: IdentityCenterClients;
  instance: IdentityCenterInstance;
  clock: Clock;
  signal: AbortSignal;
}

const options = (w: IdentityCenterWriter) => ({ abortSignal: w.signal });

/** What identitystore:CreateUser is given for the admin: the fields the Identity Center console asks for. */
export interface IdentityCenterUserDetails {
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  /** The primary work email: where Identity Center sends the password set-up email and one-time codes. */
  email: string;
}

/**
 * Who made the user in place: `created` (AWS answered with its UserId), `created-answer-lost`
 * (ConflictException answered a retry after an earlier attempt may have landed unanswered,
 * retries.ts: most likely this call's own), or `existed` (there before this call, or made by
 * someone else meanwhile). As iam-writes.ts Creation.
 */
export interface UserCreation {
  kind: 'created' | 'created-answer-lost' | 'existed';
  userId: string;
}

/** Creates the user, or finds the one that has the name already, saying which (UserCreation). */
export async function createUser(w: IdentityCenterWriter, user: IdentityCenterUserDetails): Promise<UserCreation> {
  const IdentityStoreId = w.instance.identityStoreId;
  const existing = await userIdOf(w.ic, IdentityStoreId, user.userName, w.signal);
  if (existing) return { kind: 'existed', userId: existing };
  try {
    const answer = await w.ic.identityStore.send(
      new CreateUserCommand({
        IdentityStoreId,
        UserName: user.userName,
        DisplayName: user.displayName,
        Name: { GivenName: user.givenName, FamilyName: user.familyName },
        Emails: [{ Value: user.email, Type: 'work', Primary: true }],
      }),
      options(w),
    );
    return { kind: 'created', userId: answer.UserId! };
  } catch (error) {
    const made = isConflict(error) ? await userIdOf(w.ic, IdentityStoreId, user.userName, w.signal) : undefined;
    if (made) return { kind: earlierAttemptSentAt(error) ? 'created-answer-lost' : 'existed', userId: made };
    throw error;
  }
}

/** Creates the permission set, or finds the one of that name (names are unique in an instance); returns its ARN. */
export async function createPermissionSet(w: IdentityCenterWriter, name: string, sessionDuration: string, description: string): Promise<string> {
  const InstanceArn = w.instance.instanceArn;
  const existing = await permissionSetNamed(w.ic, InstanceArn, name, w.signal);
  if (existing) return existing;
  try {
    const answer = await w.ic.ssoAdmin.send(
      new CreatePermissionSetCommand({ InstanceArn, Name: name, SessionDuration: sessionDuration, Description: description }),
      options(w),
    );
    return answer.PermissionSet!.PermissionSetArn!;
  } catch (error) {
    const made = isConflict(error) ? await permissionSetNamed(w.ic, InstanceArn, name, w.signal) : undefined;
    if (made) return made;
    throw error;
  }
}

/** Attaches an AWS managed policy; already attached (ConflictException) is success. */
export async function attachManagedPolicy(w: IdentityCenterWriter, permissionSetArn: string, policyArn: string): Promise<void> {
  try {
    await w.ic.ssoAdmin.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: w.instance.instanceArn, PermissionSetArn: permissionSetArn, ManagedPolicyArn: policyArn }),
      options(w),
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** How long an assignment may take before the run stops and says to run again: Identity Center makes an IAM role meanwhile. */
const ASSIGNMENT_WAIT_MS = 120_000;
const ASSIGNMENT_DELAYS_MS = [1000, 2000, 4000, 8000];

/** An assignment Identity Center could not finish, with its reason, reported as a failed call (exit 3). */
class AssignmentFailed extends Error {
  override name = 'AssignmentFailed';
  readonly action = 'sso:CreateAccountAssignment';
}

/**
 * Assigns `permissionSetArn` to the user in `account` (unless it is already), and waits for
 * Identity Center to finish: CreateAccountAssignment only starts the work (creating the
 * AWSReservedSSO_ role in the account), DescribeAccountAssignmentCreationStatus says when it is
 * done. FAILED, or not done within two minutes, stops the run with AWS's reason.
 */
export async function assignToAccount(w: IdentityCenterWriter, account: string, permissionSetArn: string, userId: string): Promise<void> {
  const InstanceArn = w.instance.instanceArn;
  if (await isAssigned(w.ic, InstanceArn, account, permissionSetArn, userId)) return;
  const started = await w.ic.ssoAdmin.send(
    new CreateAccountAssignmentCommand({ InstanceArn, TargetId: account, TargetType: 'AWS_ACCOUNT', PermissionSetArn: permissionSetArn, PrincipalType: 'USER', PrincipalId: userId }),
    options(w),
  );
  let status = started.AccountAssignmentCreationStatus;
  const deadline = w.clock.now() + ASSIGNMENT_WAIT_MS;
  for (let attempt = 0; status?.Status === 'IN_PROGRESS'; attempt++) {
    if (w.clock.now() >= deadline) {
      throw new AssignmentFailed('Identity Center has not finished the assignment after two minutes; run again later: it is checked first, not made twice');
    }
    await w.clock.sleep(ASSIGNMENT_DELAYS_MS[Math.min(attempt, ASSIGNMENT_DELAYS_MS.length - 1)]!, w.signal);
    const answer = await w.ic.ssoAdmin.send(
      new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn, AccountAssignmentCreationRequestId: status.RequestId }),
      options(w),
    );
    status = answer.AccountAssignmentCreationStatus;
  }
  if (status?.Status !== 'SUCCEEDED') throw new AssignmentFailed(failureText(status));
}

const failureText = (status: AccountAssignmentOperationStatus | undefined) =>
  `Identity Center could not finish the assignment (${status?.Status ?? 'no status'})${status?.FailureReason ? `: ${status.FailureReason}` : ''}`;
