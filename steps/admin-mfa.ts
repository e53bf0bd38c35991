import { iamUserUrl } from '../src/aws/identity.js';
import type { CheckContext, CheckResult, ConsoleStep } from '../src/engine/types.js';
import { adminTargets, adminToGuide } from './admin-target.js';

export const adminMfa: ConsoleStep = {
  id: 'admin-mfa',
  kind: 'console',
  title: 'Turn on MFA for the admin user',
  why:
    'The admin user can do almost everything root can. Its password deserves the same second factor, ' +
    'or an attacker simply goes after it instead of root.',
  required: true,
  needs: ['admin-user'],
  inStatus: true,
  waitingFor: 'an MFA device on the admin user',
  explain: {
    when: 'As soon as the admin user can sign in.',
    gotcha: 'An admin without MFA is the easy way in: an attacker goes for the weakest identity that has full rights.',
    cliCheck: 'aws iam list-mfa-devices --user-name NAME',
  },

  async check(ctx: CheckContext): Promise<CheckResult> {
    const targets = await adminTargets(ctx);
    if (targets.length === 0) {
      const { identityCenterRoles } = await ctx.read.admins();
      return identityCenterRoles.length > 0 && !ctx.adminUser
        ? { status: 'not-applicable', detail: 'admins sign in through IAM Identity Center, which manages their MFA' }
        : { status: 'fail', detail: 'there is no admin user to protect yet' };
    }
    const devices = await Promise.all(targets.map((user) => ctx.read.mfaDevices(user)));
    const without = targets.filter((_, i) => devices[i]!.length === 0);
    return without.length === 0
      ? { status: 'pass', detail: `MFA is on for ${targets.join(', ')}` }
      : { status: 'fail', detail: `no MFA device on ${without.join(', ')}` };
  },

  async checklist(ctx) {
    const user = await adminToGuide(ctx);
    return {
      url: user ? iamUserUrl(ctx.identity, user) : undefined,
      items: [
        `Open the IAM console, choose Users, then ${user ?? 'your admin user'}, then the "Security credentials" tab.`,
        'In "Multi-factor authentication (MFA)", choose "Assign MFA device".',
        'Pick an authenticator app, a passkey or security key, or a hardware token, and follow the prompts.',
      ],
      tips: ['You can do this signed in as root, or as the admin user itself after its first sign-in.'],
    };
  },
};
