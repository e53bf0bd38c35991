import { ADMIN_PERMISSION_SET } from '../src/aws/identity-center.js';
import type { Checklist } from '../src/engine/types.js';
import { launch } from '../src/invocation.js';
import { enabledInstance } from './admin-identity-center-enable.js';
import { NOT_VERIFIABLE, part, type IdentityCenterRun } from './admin-identity-center-part.js';

/**
 * Part 4: the first sign-in, and MFA. Advice, for the API shows neither: a user made through the
 * identity store's API has no password and gets no email by itself (the console's "Reset password"
 * sends one, or makes a one-time password); Identity Center's MFA settings have no API (they live
 * in the console's Settings, Authentication); nor does a user's last sign-in or MFA device.
 * What the API does show (the user, its assignment, the role) part 3 has verified.
 */
export const signInPart = (run: IdentityCenterRun) =>
  part({
    id: 'identity-center-sign-in',
    kind: 'advisory',
    title: 'A first sign-in at the AWS access portal, with MFA',
    why: 'The admin has no password until one is set up, and MFA is what keeps a leaked one from being enough.',
    explain: {
      when: 'Right after the admin is made, before you sign out of root.',
      gotcha:
        'A user made through the API is sent no email: until you send the password set-up email (or a one-time password) from the console, nobody can sign in as it.',
      cliCheck: `aws sso-admin list-instances --region ${run.region}`,
    },

    async check() {
      const who = run.admin.userName ?? 'the admin';
      return { status: 'info', detail: `${who}'s first sign-in and Identity Center's MFA settings ${NOT_VERIFIABLE}` };
    },

    async advice(ctx): Promise<Checklist> {
      const { instance } = await enabledInstance(run, ctx.identity.account);
      const portal = instance && ctx.console.accessPortal(instance.identityStoreId);
      const portalText = portal ?? 'the "AWS access portal URL" on the Identity Center dashboard';
      const who = run.admin.userName ?? 'the admin';
      return {
        heading: `In the IAM Identity Center console (${run.region})`,
        url: ctx.console.identityCenter(run.region),
        items: [
          `Users, then ${who}, then "Reset password": choose "Send an email to the user with instructions to reset the password" ` +
            '(to the work email), or "Generate a one-time password" and keep it for the first sign-in.',
          'Settings, Authentication, Multi-factor authentication, "Configure": choose "Every time they sign in (always-on)" and, ' +
            `for a user without a device, "Require them to register an MFA device at sign in". (These settings ${NOT_VERIFIABLE}.)`,
          `Open ${portalText} in a private window, sign in as ${who}, choose a new password, and register an MFA device ` +
            '(a passkey or security key, or an authenticator app).',
          `In the portal, choose this account (${ctx.identity.account}), then ${ADMIN_PERMISSION_SET}, then "Management console": you are in as the admin.`,
        ],
        tips: [
          `Then work as ${who}, not root. For this program and the AWS CLI: "aws configure sso" (start URL ${portalText}, ` +
            `SSO region ${run.region}, account ${ctx.identity.account}, role ${ADMIN_PERMISSION_SET}), give the profile a name, ` +
            `then: ${launch('status', '--profile', 'NAME')}`,
        ],
      };
    },
  });
