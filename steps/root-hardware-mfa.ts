import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';
import { rootVirtualDevices } from './root-mfa-devices.js';

export const rootHardwareMfa = defineStep('root-hardware-mfa', {
  kind: 'advisory',
  why:
    'An authenticator app can be phished: a fake sign-in page can ask for the code. A security key or passkey ' +
    'answers only the real AWS page. CIS asks for hardware MFA on root.',
  explain: {
    when: 'For accounts that matter: a security key or passkey cannot be phished or copied like an app seed.',
    gotcha: 'Security keys, passkeys and hardware tokens look the same through the API: only an authenticator app shows up as a virtual device.',
    cliCheck: 'aws iam list-virtual-mfa-devices --assignment-status Assigned',
  },

  async check(ctx: CheckContext): Promise<CheckResult> {
    const devices = await rootVirtualDevices(ctx);
    if (!Array.isArray(devices)) return devices;
    return devices.length === 0
      ? { status: 'pass', detail: "root's MFA is a passkey, security key or hardware token (not an authenticator app)" }
      : { status: 'info', detail: `root uses an authenticator app (${devices.map((d) => d.serial).join(', ')}); a security key resists phishing` };
  },

  advice: ({ console }) => ({
    heading: 'To move root to a security key',
    url: console.rootCredentials,
    items: [
      'Signed in as root, choose "Assign MFA device", then "Passkey or security key", and follow the prompts.',
      'Sign out and back in with the key. Then keep the app as the backup, or remove it.',
    ],
  }),
});
