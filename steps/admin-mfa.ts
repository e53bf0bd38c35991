import { chain, type CheckContext, type CheckResult, type ConsoleWay, type Plan, type StepContext } from '../src/engine/types.js';
import { NOT_VERIFIABLE } from './admin-identity-center-part.js';
import { adminTargets, adminToGuide } from './admin-target.js';
import { defineStep, type InputsFor } from './manifest.js';
import { deviceSerial, enrol, provideDevice } from './mfa-enrolment.js';

type In = InputsFor<'admin-mfa'>;

/** What admin-mfa can say of an admin in IAM Identity Center. */
export const IDENTITY_CENTER_MFA =
  `admins sign in through IAM Identity Center, whose MFA ${NOT_VERIFIABLE}: in its console, Settings, Authentication, ` +
  'Multi-factor authentication should prompt "Every time they sign in"';
type Context = StepContext<In>;

/** For what the terminal cannot do: a passkey, a security key, a hardware token. */
const inTheConsole: ConsoleWay = {
  waitingFor: 'an MFA device on the admin user',
  async checklist(ctx) {
    const user = await adminToGuide(ctx);
    // The console flow of the IAM User Guide, "Assign a passkey or security key" (IAM user, console):
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html
    // (an authenticator app: id_credentials_mfa_enable_virtual.html). Quoted words are the console's control names.
    return {
      url: user ? ctx.console.iamUser(user) : undefined,
      items: [
        `In the IAM console, choose "Users", then ${user ? `"${user}"` : 'your admin user'}, then the "Security credentials" tab.`,
        'In "Multi-factor authentication (MFA)", choose "Assign MFA device".',
        'Type a "Device name", choose "Passkey or security key" (or "Authenticator app", or "Hardware TOTP token"), then "Next".',
        "Follow your browser's prompts: touch your security key, or confirm with your fingerprint, face or screen lock.",
      ],
      tips: ['You can do this signed in as root, or as the admin user itself after its first sign-in.'],
    };
  },
  doItForMe: (hands) => hands.assignAdminMfa(),
};

export const adminMfa = defineStep('admin-mfa', {
  kind: 'automated',
  why:
    'The admin user can do almost everything root can. Its password deserves the same second factor, ' +
    'or an attacker simply goes after it instead of root.',
  explain: {
    when: 'As soon as the admin user can sign in.',
    gotcha: 'An admin without MFA is the easy way in: an attacker goes for the weakest identity that has full rights.',
    cliCheck: 'aws iam list-mfa-devices --user-name NAME',
  },

  async check(ctx: CheckContext): Promise<CheckResult> {
    const targets = await adminTargets(ctx);
    if (targets.length === 0) {
      const { identityCenterRoles } = await ctx.read.admins();
      // Identity Center's MFA settings and its users' devices have no API: say so, and where to look.
      return identityCenterRoles.length > 0 && !ctx.run.adminUser
        ? { status: 'info', detail: IDENTITY_CENTER_MFA }
        : { status: 'fail', detail: 'there is no admin user to protect yet' };
    }
    const devices = await Promise.all(targets.map((user) => ctx.read.mfaDevices(user)));
    const without = targets.filter((_, i) => devices[i]!.length === 0);
    return without.length === 0
      ? { status: 'pass', detail: `MFA is on for ${targets.join(', ')}` }
      : { status: 'fail', detail: `no MFA device on ${without.join(', ')}` };
  },

  async plan(ctx: Context): Promise<Plan<In>> {
    // An app can be enrolled only with a person at the keyboard; without one, the console checklist
    // (--mfa-in terminal with --yes is refused before the first step). A dry run shows what a real
    // run would do: the checklist too, when nobody is there to answer.
    const way = (await ctx.input('mfaIn')) ?? 'console';
    if (way === 'console') return { summary: '', actions: [], inConsole: inTheConsole };
    const user = await userWithoutMfa(ctx);
    return {
      summary: `Set up an authenticator app for ${user}, here in the terminal`,
      actions: chain(
        {
          title: `Create a virtual MFA device for ${user} (or take over one left by an earlier run)`,
          cli: `aws iam create-virtual-mfa-device --virtual-mfa-device-name ${user} --bootstrap-method QRCodePNG --outfile qr.png`,
          run: (c) => provideDevice(c, user),
        },
        {
          title: `Show its QR code, then enable it with two consecutive codes from your app`,
          cli: `aws iam enable-mfa-device --user-name ${user} --serial-number ${deviceSerial(ctx, user)} --authentication-code1 CODE1 --authentication-code2 CODE2`,
          run: (c, device) => enrol(c, user, device),
        },
      ),
      notes: [
        'The QR code holds a secret: it is shown on this screen only, never saved, and cleared once the app is set up.',
        'For a passkey or security key, choose the console instead (run again, or pass --mfa-in console).',
      ],
    };
  },
});

async function userWithoutMfa(ctx: Context): Promise<string> {
  const targets = await adminTargets(ctx);
  const devices = await Promise.all(targets.map((u) => ctx.read.mfaDevices(u)));
  // In a dry run the admin user may only be planned, not created.
  return targets.find((_, i) => devices[i]!.length === 0) ?? ctx.run.adminUser ?? 'ADMIN_USER';
}
