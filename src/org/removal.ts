import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  DeleteVirtualMFADeviceCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { isNoSuchEntity } from '../aws/aws-error.js';
import { readRootCredentials, type RootCredentials } from './root-credentials.js';

/** One change to a member's root, made in a root session opened with IAMDeleteRootUserCredentials. */
export interface Removal {
  /** In a few words: "the root password". */
  what: string;
  /** The equivalent AWS CLI command, run with the root session's credentials. */
  cli: string;
  apply(iam: IAMClient, signal: AbortSignal): Promise<unknown>;
}

/**
 * What removing root's credentials takes, in order: the password first (it is what a person signs
 * in with), then access keys, signing certificates, and the MFA devices (deactivated, and a virtual
 * one deleted too). No UserName anywhere: in a root session each call acts on root.
 */
export function removalsFor(c: RootCredentials): Removal[] {
  const removals: Removal[] = [];
  if (c.password) {
    removals.push({ what: 'the root password', cli: 'aws iam delete-login-profile', apply: (iam, signal) => iam.send(new DeleteLoginProfileCommand({}), { abortSignal: signal }) });
  }
  for (const key of c.accessKeys) {
    removals.push({
      what: `access key ${key.id}`,
      cli: `aws iam delete-access-key --access-key-id ${key.id}`,
      apply: (iam, signal) => iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.id }), { abortSignal: signal }),
    });
  }
  for (const certificate of c.signingCertificates) {
    removals.push({
      what: `signing certificate ${certificate.id}`,
      cli: `aws iam delete-signing-certificate --certificate-id ${certificate.id}`,
      apply: (iam, signal) => iam.send(new DeleteSigningCertificateCommand({ CertificateId: certificate.id }), { abortSignal: signal }),
    });
  }
  for (const device of c.mfaDevices) {
    removals.push({
      what: `MFA device ${device.serial}`,
      cli: `aws iam deactivate-mfa-device --serial-number ${device.serial}${device.virtual ? ` && aws iam delete-virtual-mfa-device --serial-number ${device.serial}` : ''}`,
      apply: async (iam, signal) => {
        await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: device.serial }), { abortSignal: signal });
        if (device.virtual) await gone(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: device.serial }), { abortSignal: signal }));
      },
    });
  }
  return removals;
}

/** A credential already gone is what a removal wants: a re-run after an interruption converges. */
async function gone(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
  }
}

export interface RemovalResult {
  /** What was removed, in the words of Removal.what. */
  removed: string[];
  /** Root's credentials read again afterwards: what proves the account locked. */
  after: RootCredentials;
}

/**
 * Reads root's credentials afresh in the session (the delete task policy holds the reads), removes
 * each one, and reads again. Idempotent: what an earlier, interrupted run removed is simply not
 * found, and a credential that vanishes between the read and the delete (NoSuchEntity) counts as done.
 */
export async function removeRootCredentials(iam: IAMClient, signal: AbortSignal): Promise<RemovalResult> {
  const removed: string[] = [];
  for (const removal of removalsFor(await readRootCredentials(iam, signal))) {
    await gone(removal.apply(iam, signal));
    removed.push(removal.what);
  }
  return { removed, after: await readRootCredentials(iam, signal) };
}
