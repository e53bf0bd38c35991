import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';
import { rootVirtualDevices } from './root-mfa-devices.js';

export const rootMfaBackup = defineStep('root-mfa-backup', {
  kind: 'advisory',
  why: 'A lost or broken phone should not lock you out of the account: recovering root without MFA takes days and a phone call.',
  explain: {
    when: 'As soon as root has its first MFA device.',
    gotcha: 'Root can hold up to 8 MFA devices; with only one, a lost phone means an account-recovery process with AWS Support.',
    cliCheck: "aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'",
  },

  async check(ctx: CheckContext): Promise<CheckResult> {
    const devices = await rootVirtualDevices(ctx);
    if (!Array.isArray(devices)) return devices;
    if (devices.length >= 2) return { status: 'pass', detail: `root has ${devices.length} authenticator-app devices` };
    return {
      status: 'info',
      detail: `root has MFA${devices.length === 1 ? ' (one authenticator app)' : ''}; AWS cannot show whether a second device, such as a spare security key, is registered`,
    };
  },

  advice: ({ console }) => ({
    heading: 'If you have not yet, register a backup device',
    url: console.rootCredentials,
    items: [
      'Signed in as root, open "Security credentials" and choose "Assign MFA device" again (root can hold up to 8).',
      'Pick a spare security key, or an authenticator app on a second device, and keep it somewhere safe.',
    ],
  }),
});
