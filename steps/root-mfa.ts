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

  checklist: ({ console }) => ({
    url: console.rootCredentials,
    items: [
      'Sign in to the AWS console as the root user (the email address you signed up with).',
      'Open the account menu at the top right and choose "Security credentials".',
      'In "Multi-factor authentication (MFA)", choose "Assign MFA device".',
      'Pick a type: an authenticator app, a passkey or security key, or a hardware TOTP token.',
      'Follow the prompts: for an app, scan the QR code and type two codes in a row.',
    ],
    tips: [
      'Root can hold up to 8 MFA devices. Register a second one (a spare key, or an app on another device) so a lost phone never locks you out.',
      'AWS offers no API to do this for root: the console is the only way, on purpose.',
    ],
  }),

  doItForMe: (hands) => hands.assignRootMfa(),
});
