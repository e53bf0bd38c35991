import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';

export const rootMfa = defineStep('root-mfa', {
  kind: 'console',
  why:
    'With MFA, a leaked root password is not enough: signing in also takes a code from a device you hold. ' +
    'Nothing else you do protects the account as much.',
  waitingFor: 'an MFA device on the root user',
  explain: {
    when: 'Always, and first: before anything else is done with a new account.',
    gotcha:
      'No API or CLI command can turn it on for root: only the console can, on purpose. ' +
      'Add a second device as well, so a lost phone does not lock you out.',
    cliCheck: "aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'   # 1 means on",
  },

  async check({ identity, read }: CheckContext): Promise<CheckResult> {
    if (!identity.hasRootCredentials) {
      return { status: 'not-applicable', detail: `${identity.partition} accounts have no root user sign-in` };
    }
    const summary = await read.summary();
    if (summary.AccountPasswordPresent === 0) {
      return { status: 'not-applicable', detail: 'root has no password, so nobody can sign in as root' };
    }
    return summary.AccountMFAEnabled === 1
      ? { status: 'pass', detail: 'root has at least one MFA device' }
      : { status: 'fail', detail: 'root can sign in with a password alone' };
  },

  // The console flow of the IAM User Guide, "Enable a virtual MFA device for your AWS account root
  // user (console)": https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html
  // (a passkey or security key: enable-fido-mfa-for-root.html; a hardware token: enable-hw-mfa-for-root.html).
  // Quoted words are the console's own control names; a name in brackets is an alternative.
  checklist: ({ console }) => ({
    url: console.rootCredentials,
    items: [
      'Sign in to the AWS console as the root user, with the email address you signed up with.',
      'At the top right, open the "Account menu" (it shows your account name) and choose "Security credentials".',
      'In "Multi-factor authentication (MFA)", choose "Assign MFA device".',
      'Type a "Device name", choose "Authenticator app" (or "Passkey or security key", or "Hardware TOTP token", and follow its prompts), then "Next".',
      'Choose "Show QR code" and scan it with the app, or "Show secret key" and type the key into the app.',
      'Type the code the app shows in "MFA code 1", wait for the next one and type it in "MFA code 2", then choose "Add MFA".',
    ],
    tips: [
      'Root can hold up to 8 MFA devices. Register a second one (a spare key, or an app on another device) so a lost phone never locks you out.',
      'AWS offers no API to do this for root: the console is the only way, on purpose.',
    ],
  }),

  doItForMe: (hands) => hands.assignRootMfa(),
});
