import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { isNoSuchEntity } from '../aws/aws-error.js';

export interface RootAccessKey {
  id: string;
  /** Active or Inactive: an inactive key is still a credential (it can be turned back on). */
  status: string;
  /** ISO date of the last use, undefined when never used. */
  lastUsed?: string;
}

export interface RootMfaDevice {
  serial: string;
  /** A virtual (authenticator app) device: its serial is an ARN with `:mfa/`, and it is deleted after deactivation. */
  virtual: boolean;
}

export interface RootCertificate {
  id: string;
  status: string;
}

/** What a member's root holds, read in a root session (every call without a UserName acts on root). */
export interface RootCredentials {
  password: boolean;
  accessKeys: RootAccessKey[];
  mfaDevices: RootMfaDevice[];
  signingCertificates: RootCertificate[];
}

const isVirtualSerial = (serial: string) => /^arn:[^:]+:iam::\d{12}:mfa\//.test(serial);

/** Follows IAM's Marker/IsTruncated paging to the end. */
async function allPages<T>(fetch: (marker: string | undefined) => Promise<{ items: T[]; marker?: string; truncated?: boolean }>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    all.push(...page.items);
    marker = page.truncated ? page.marker : undefined;
  } while (marker);
  return all;
}

/**
 * Reads root's credentials with the calls of the IAMAuditRootUserCredentials task policy, one at a
 * time: GetLoginProfile (NoSuchEntity: no password), ListAccessKeys and GetAccessKeyLastUsed for
 * each key, ListMFADevices, ListSigningCertificates. Whether ListMFADevices shows root's passkeys
 * is not documented: a device it does not show cannot be removed here, and without a password it
 * cannot be used to sign in either.
 */
export async function readRootCredentials(iam: IAMClient, signal: AbortSignal): Promise<RootCredentials> {
  let password = true;
  try {
    await iam.send(new GetLoginProfileCommand({}), { abortSignal: signal });
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
    password = false;
  }
  const keys = await allPages(async (Marker) => {
    const page = await iam.send(new ListAccessKeysCommand({ Marker }), { abortSignal: signal });
    return { items: page.AccessKeyMetadata ?? [], marker: page.Marker, truncated: page.IsTruncated };
  });
  const accessKeys: RootAccessKey[] = [];
  for (const key of keys) {
    const id = key.AccessKeyId ?? '';
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), { abortSignal: signal });
    accessKeys.push({ id, status: key.Status ?? 'Active', lastUsed: used.AccessKeyLastUsed?.LastUsedDate?.toISOString().slice(0, 10) });
  }
  const mfaDevices = await allPages(async (Marker) => {
    const page = await iam.send(new ListMFADevicesCommand({ Marker }), { abortSignal: signal });
    const items = (page.MFADevices ?? []).map((d) => ({ serial: d.SerialNumber ?? '', virtual: isVirtualSerial(d.SerialNumber ?? '') }));
    return { items, marker: page.Marker, truncated: page.IsTruncated };
  });
  const signingCertificates = await allPages(async (Marker) => {
    const page = await iam.send(new ListSigningCertificatesCommand({ Marker }), { abortSignal: signal });
    return { items: (page.Certificates ?? []).map((c) => ({ id: c.CertificateId ?? '', status: c.Status ?? 'Active' })), marker: page.Marker, truncated: page.IsTruncated };
  });
  return { password, accessKeys, mfaDevices, signingCertificates };
}

/** Locked: root holds no credential at all, so nobody can sign in or sign a request as it. */
export const isLocked = (c: RootCredentials) =>
  !c.password && c.accessKeys.length === 0 && c.mfaDevices.length === 0 && c.signingCertificates.length === 0;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What root still holds, in a few words: "password without MFA, 1 access key (active, last used 2025-03-02)". */
export function remaining(c: RootCredentials): string {
  const parts: string[] = [];
  if (c.password) parts.push(c.mfaDevices.length > 0 ? 'password' : 'password without MFA');
  for (const key of c.accessKeys) {
    parts.push(`access key ${key.id} (${key.status.toLowerCase()}, ${key.lastUsed ? `last used ${key.lastUsed}` : 'never used'})`);
  }
  if (c.mfaDevices.length > 0) parts.push(count(c.mfaDevices.length, 'MFA device'));
  if (c.signingCertificates.length > 0) parts.push(count(c.signingCertificates.length, 'signing certificate'));
  return parts.join(', ');
}
