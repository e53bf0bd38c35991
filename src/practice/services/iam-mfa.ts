import QRCode from 'qrcode';
import { ROOT, type PracticeAccount } from '../account.js';
import { userXml } from './iam-identities.js';
import type { Handler } from './handlers.js';
import { optional, required, userNameParam } from '../protocols/params.js';
import type { MfaDevice } from '../scenarios/scenario.js';

/** Virtual MFA devices. Root gets one only through the practice console, as on AWS. */

/** What an authenticator app scans: the same URI AWS puts in its QR code. */
export const otpauthUri = (a: PracticeAccount, deviceName: string, seed: string) =>
  `otpauth://totp/${encodeURIComponent(`Amazon Web Services (practice):${deviceName}@${a.state.accountId}`)}` +
  `?secret=${seed}&issuer=${encodeURIComponent('Amazon Web Services (practice)')}`;

const ownerXml = (a: PracticeAccount, owner: string) =>
  owner === ROOT ? { UserId: a.state.accountId, Arn: a.rootArn, CreateDate: a.state.root.created } : userXml(a, a.user(owner));

const deviceXml = (a: PracticeAccount, d: MfaDevice) => ({
  SerialNumber: d.serialNumber,
  User: d.assignedTo ? ownerXml(a, d.assignedTo) : undefined,
  EnableDate: d.enabled,
});

export const mfaHandlers: Record<string, Handler> = {
  async CreateVirtualMFADevice(a, p) {
    const name = required(p, 'CreateVirtualMFADevice.VirtualMFADeviceName');
    optional(p, 'CreateVirtualMFADevice.Path');
    const { serialNumber, seed } = a.createVirtualMfaDevice(name);
    const png = await QRCode.toBuffer(otpauthUri(a, name, seed));
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        // Blobs travel base64-encoded; the blob here is the base32 text an app accepts.
        Base32StringSeed: Buffer.from(seed).toString('base64'),
        QRCodePNG: png.toString('base64'),
      },
    };
  },

  EnableMFADevice(a, p) {
    const user = a.user(userNameParam(p, 'EnableMFADevice')).name;
    const serial = required(p, 'EnableMFADevice.SerialNumber');
    a.enableMfaDevice(user, serial, required(p, 'EnableMFADevice.AuthenticationCode1'), required(p, 'EnableMFADevice.AuthenticationCode2'));
    return undefined;
  },

  DeactivateMFADevice(a, p) {
    const name = optional(p, 'DeactivateMFADevice.UserName');
    const owner = name === undefined ? ROOT : a.user(name).name;
    a.deactivateMfaDevice(owner, required(p, 'DeactivateMFADevice.SerialNumber'));
    return undefined;
  },

  DeleteVirtualMFADevice(a, p) {
    a.deleteVirtualMfaDevice(required(p, 'DeleteVirtualMFADevice.SerialNumber'));
    return undefined;
  },

  ListMFADevices(a, p) {
    const name = optional(p, 'ListMFADevices.UserName');
    const owner = name === undefined ? ROOT : a.user(name).name;
    const devices = a.mfaDevicesOf(owner).map((d) => ({
      UserName: owner === ROOT ? undefined : owner,
      SerialNumber: d.serialNumber,
      EnableDate: d.enabled,
    }));
    return { MFADevices: devices, IsTruncated: false };
  },

  ListVirtualMFADevices(a, p) {
    const status = optional(p, 'ListVirtualMFADevices.AssignmentStatus') ?? 'Any';
    // Only authenticator apps are virtual devices: security keys and hardware tokens are not listed here.
    const shown = a.state.mfaDevices.filter((d) => d.type === 'virtual' && (status === 'Any' || (status === 'Assigned') === Boolean(d.assignedTo)));
    return { VirtualMFADevices: shown.map((d) => deviceXml(a, d)), IsTruncated: false };
  },
};
