import { isAlreadyExists, isInvalidAuthenticationCode, isLimitExceeded } from '../src/aws/aws-error.js';
import { earlierAttemptSentAt } from '../src/aws/retries.js';
import * as writes from '../src/aws/iam-writes.js';
import type { StepContext } from '../src/engine/types.js';
import { MFA_CODE } from '../src/rules/fields.js';
import { explainRejectedCodes } from '../src/totp.js';

/** A virtual device ready for codes; the seed is known only for a device created in this run. */
export interface PendingDevice {
  serial: string;
  seed?: string;
}

/** A device per try (user, user-2, ...) so a name held by someone else's device never blocks us. */
const MAX_NAMES = 8;
const deviceNames = (user: string) => Array.from({ length: MAX_NAMES }, (_, i) => (i === 0 ? user : `${user}-${i + 1}`));

export const deviceSerial = (ctx: StepContext, name: string) => `arn:${ctx.identity.partition}:iam::${ctx.identity.account}:mfa/${name}`;

/**
 * A device to enrol: a new one, or the unassigned one an earlier, interrupted run left behind,
 * reused (its entry is already in the app) or deleted and made again. Never a second leftover.
 */
export async function provideDevice(ctx: StepContext, user: string): Promise<PendingDevice> {
  const devices = await ctx.read.virtualMfaDevices();
  for (const name of deviceNames(user)) {
    const serial = deviceSerial(ctx, name);
    const found = devices.find((d) => d.serial === serial);
    if (!found) return createDevice(ctx, name);
    if (found.userArn) continue;
    const choice = await ctx.ui.select({
      key: 'mfa-leftover',
      message: `An unfinished MFA device "${name}" is left from an earlier run. What should happen to it?`,
      choices: [
        { value: 'replace', name: 'Delete it and show a new QR code (recommended)' },
        { value: 'reuse', name: 'Keep it: I scanned it before and will type codes from that entry' },
      ],
      default: 'replace',
    });
    if (choice === 'reuse') return { serial };
    await writes.deleteVirtualMfaDevice(ctx, serial);
    return createDevice(ctx, name);
  }
  throw new Error(`every MFA device name from ${user} to ${user}-${MAX_NAMES} is taken by another user's device`);
}

async function createDevice(ctx: StepContext, name: string): Promise<PendingDevice> {
  try {
    return await writes.createVirtualMfaDevice(ctx, name);
  } catch (error) {
    // This run's first attempt made the device, but its answer (the only copy of the seed) was
    // lost: the device is this run's own, unassigned and useless; it is made again.
    if (isAlreadyExists(error) && earlierAttemptSentAt(error)) {
      ctx.ui.note({ level: 'info', text: `AWS made the MFA device "${name}" but its answer, with the secret, was lost; it is made again.` });
      await writes.deleteVirtualMfaDevice(ctx, deviceSerial(ctx, name));
      return writes.createVirtualMfaDevice(ctx, name);
    }
    if (isLimitExceeded(error)) {
      throw Object.assign(error as Error, {
        message: 'the account holds as many virtual MFA devices as IAM allows; delete unused ones (aws iam list-virtual-mfa-devices --assignment-status Unassigned)',
      });
    }
    throw error;
  }
}


/**
 * Shows the QR code and the seed, asks for two consecutive codes until AWS accepts them, and
 * clears the screen at the end, whatever the end is. The seed lives in this call's memory only.
 */
export async function enrol(ctx: StepContext, user: string, device: PendingDevice): Promise<void> {
  if (device.seed) {
    const label = `AWS:${user}@${ctx.identity.account}`;
    // The Key URI format lets the label's "AWS:" name the issuer (its : and @ need no escaping in a
    // path); the issuer parameter would repeat it and cost the QR code a size, 4 rows on a terminal.
    const uri = `otpauth://totp/${encodeURI(label)}?secret=${device.seed}`;
    await ctx.ui.showQrCode(`Scan this with your authenticator app (it appears as ${label})`, uri, device.seed);
  }
  try {
    for (;;) {
      const code1 = await ctx.ui.text({ key: 'mfa-code-1', message: 'First 6-digit code from the app', validate: (v) => MFA_CODE.check(v) ?? true });
      const code2 = await ctx.ui.text({
        key: 'mfa-code-2',
        message: 'Wait for the code to change, then type the next one',
        validate: (v) => MFA_CODE.check(v) ?? (v === code1 ? 'wait for the next code: the two must differ' : true),
      });
      try {
        await writes.enableMfaDevice(ctx, user, device.serial, code1, code2);
        return;
      } catch (error) {
        if (isInvalidAuthenticationCode(error)) {
          // TOTP codes belong to wall-clock time, not to the run's clock.
          const why = device.seed ? explainRejectedCodes(device.seed, code1, code2, Date.now()) : 'AWS did not accept those codes.';
          ctx.ui.note({ level: 'warn', text: `${why} Try again (Ctrl-C to stop; the next run offers to replace this device).` });
          continue;
        }
        if (isLimitExceeded(error)) {
          // Do not leave an unassigned device behind for nothing.
          await writes.deleteVirtualMfaDevice(ctx, device.serial);
          throw Object.assign(error as Error, { message: `${user} already has 8 MFA devices, the most IAM allows; remove one in the console first` });
        }
        throw error;
      }
    }
  } finally {
    ctx.ui.forgetSecret();
  }
}
