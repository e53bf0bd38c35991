import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';
import { viaIdentityCenter } from './admin-identity-center.js';
import { adminTargets, adminToGuide } from './admin-target.js';
import { ago } from '../src/wording.js';

export const adminSignIn = defineStep('admin-sign-in', {
  kind: 'console',
  why:
    'A password that was never tried is a guess. Signing in now proves the admin user works and sets ' +
    'its own password, before root is put away.',
  waitingFor: 'a first console sign-in by the admin user',
  explain: {
    when: 'Right after the admin user is created, before you sign out of root.',
    gotcha: "IAM users sign in at the account's own sign-in address, not on the root sign-in page with an email address.",
    cliCheck: "aws iam get-user --user-name NAME --query 'User.PasswordLastUsed'",
  },

  async check(ctx: CheckContext): Promise<CheckResult> {
    if (viaIdentityCenter(ctx)) return { status: 'not-applicable', detail: 'the admin is in IAM Identity Center: it signs in at the AWS access portal' };
    const [user] = await adminTargets(ctx);
    if (!user) return { status: 'fail', detail: 'there is no admin user to sign in as yet' };
    const lastUsed = (await ctx.read.user(user))?.PasswordLastUsed;
    return lastUsed
      ? { status: 'pass', detail: `${user} last signed in ${ago(lastUsed.getTime(), Date.now())}` }
      : { status: 'fail', detail: `${user} has never signed in to the console` };
  },

  async checklist(ctx) {
    const user = (await adminToGuide(ctx)) ?? 'your admin user';
    const alias = await ctx.read.accountAlias();
    const url = ctx.console.signIn(alias ?? ctx.identity.account);
    // The AWS Sign-In User Guide, "Sign in to the AWS Management Console as an IAM user":
    // https://docs.aws.amazon.com/signin/latest/userguide/introduction-to-iam-user-sign-in-tutorial.html
    // and, at a first sign-in that requires it, AWS's password change page. Quoted words are the page's field and button names.
    return {
      url,
      items: [
        'Open that page in a private browser window, so root stays signed in elsewhere.',
        `Type ${user} as "IAM username" and the password you saved as "Password", then choose "Sign in".`,
        'AWS asks for a new password and lists its rules: type the "Old password", then a "New password" and "Retype new password", and choose "Confirm password change".',
      ],
      tips: [
        'Bookmark this address: it is how you sign in from now on, instead of as root.',
        'Keep the new password in your password manager. A user who has MFA is also asked for its code, after the password.',
      ],
    };
  },

  doItForMe: (hands) => hands.signInAdmins(),
});
