import type { Admins } from '../src/aws/account-reader.js';
import type { AdminVia, CheckContext, CheckResult, StepContext } from '../src/engine/types.js';
import { IC_DISPLAY_NAME, IC_USER_NAME, USER_NAME } from '../src/rules/fields.js';
import { sameUserName } from './admin-identity-center-part.js';
import type { InputsFor } from './manifest.js';

type In = InputsFor<'admin-user'>;
type Context = StepContext<In>;

/**
 * The choice admin-user offers, and its Identity Center way. The IAM user way is the step's own
 * (steps/admin-user.ts); this way is walked in parts (Plan.parts), each a step of the engine's
 * kinds: an organization (a plan), Identity Center enabled (a console checklist, polled), the
 * user, permission set and assignment (a plan), then the first sign-in and MFA (advice: the API
 * shows neither). The parts, and the Identity Center and Organizations clients they use, are in
 * steps/admin-identity-center-plan.ts, loaded when this way is taken: `status` loads none of them.
 */

/** Who each way suits and what it costs, shown before the question: one paragraph each. */
export const WAYS_EXPLAINED = [
  'Two ways to the admin you use every day instead of root; both are free.',
  'An IAM user in this account: a name, a password and MFA, set up here in a minute. Suits a personal or learning ' +
    'account. Its password lives in this account for good, and each further account needs a user of its own.',
  "A user in IAM Identity Center, AWS's recommended way for people: it signs in at its own portal and gets " +
    'short-lived credentials, for the console and for the CLI (aws configure sso), with no access keys. Suits owners ' +
    'who want the recommended set-up or expect more accounts. It takes more steps (about ten minutes): this account ' +
    'becomes the management account of a new AWS Organization, and you enable Identity Center once in the console.',
];

/**
 * The way this run takes: --admin-via, else IAM user when --admin-user names one, else the
 * person's answer (IAM user without a terminal). Remembered for the steps after (admin-sign-in,
 * admin-mfa).
 */
export async function chooseWay(ctx: Context): Promise<AdminVia> {
  let way = ctx.inputs.adminVia ?? ctx.run.adminVia ?? (ctx.inputs.adminUser ? 'iam-user' : undefined);
  if (!way && ctx.ui.interactive) WAYS_EXPLAINED.forEach((text) => ctx.ui.note({ level: 'info', text }));
  way ??= (await ctx.input('adminVia')) ?? 'iam-user';
  ctx.run.adminVia = way;
  return way;
}

/** The flags of the Identity Center way, which mean nothing to the IAM user way. */
const IDENTITY_CENTER_FLAGS = {
  identityCenterUser: '--identity-center-user',
  givenName: '--given-name',
  familyName: '--family-name',
  displayName: '--display-name',
  workEmail: '--admin-email',
  sessionDuration: '--session-duration',
  identityCenterRegion: '--identity-center-region',
} as const;

/**
 * Flags that do not fit the way (--admin-user is an IAM user's name; --given-name and the like are
 * an Identity Center user's), and a display name made of two names too long for it, refused before
 * any call.
 */
export function wayInputsProblem(inputs: In): string | undefined {
  const forIdentityCenter = (Object.keys(IDENTITY_CENTER_FLAGS) as (keyof typeof IDENTITY_CENTER_FLAGS)[]).filter((key) => inputs[key] !== undefined);
  if (inputs.adminVia !== 'identity-center') {
    if (forIdentityCenter.length) return `${IDENTITY_CENTER_FLAGS[forIdentityCenter[0]!]} goes with --admin-via identity-center`;
    // --reuse-user takes either way's names; once the way is known to be an IAM user's, IAM's rule.
    const iamProblem = inputs.reuseUser !== undefined && (inputs.adminVia === 'iam-user' || inputs.adminUser !== undefined) && USER_NAME.check(inputs.reuseUser);
    return iamProblem ? `--reuse-user: ${iamProblem}` : undefined;
  }
  if (inputs.adminUser !== undefined) return '--admin-user names an IAM user; with --admin-via identity-center, name the admin with --identity-center-user';
  if (inputs.password !== undefined) return '--password-stdin is for an IAM user; an Identity Center user sets its own password at the access portal';
  if (inputs.grant !== undefined) return '--grant is for an IAM user; an Identity Center user gets AdministratorAccess through a permission set';
  if (inputs.reuseUser !== undefined) {
    const problem = IC_USER_NAME.check(inputs.reuseUser);
    if (problem) return `--reuse-user: ${problem}`;
    const named = inputs.identityCenterUser;
    if (named !== undefined && !sameUserName(named, inputs.reuseUser)) {
      return `--reuse-user ${inputs.reuseUser} is not --identity-center-user ${named}: it names the existing user that may become the admin; give both the same name`;
    }
  }
  if (inputs.displayName === undefined && inputs.givenName !== undefined && inputs.familyName !== undefined) {
    const problem = IC_DISPLAY_NAME.check(`${inputs.givenName} ${inputs.familyName}`);
    if (problem) return `--given-name and --family-name: as a display name, the two ${problem}; pass --display-name`;
  }
  return undefined;
}

/** Under --yes, what the Identity Center way needs: the user as CreateUser takes it (the rest has defaults). */
export const IDENTITY_CENTER_NEEDS: readonly (keyof In & string)[] = ['identityCenterUser', 'givenName', 'familyName', 'workEmail'];

/** The role Identity Center makes for a permission set holding AdministratorAccess: the admin exists. */
export function identityCenterAdmin(admins: Admins): CheckResult {
  return admins.identityCenterRoles.length > 0
    ? { status: 'pass', detail: `IAM Identity Center admin role: ${admins.identityCenterRoles.join(', ')}` }
    : { status: 'fail', detail: 'no IAM Identity Center user holds AdministratorAccess in this account yet' };
}

/** For the steps after admin-user: this run's admin is in Identity Center, not IAM. */
export const viaIdentityCenter = (ctx: Pick<CheckContext, 'run'>) => ctx.run.adminVia === 'identity-center';
