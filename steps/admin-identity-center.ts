import type { Admins } from '../src/aws/account-reader.js';
import { partitionOf } from '../src/aws/endpoints.js';
import { identityCenterClients, ownInstance } from '../src/aws/identity-center.js';
import type { AdminVia, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { regionSchema, validatorFor } from '../src/inputs.js';
import { IC_DISPLAY_NAME, IC_USER_NAME, USER_NAME } from '../src/rules/fields.js';
import { assignmentPart } from './admin-identity-center-assignment.js';
import { enablePart } from './admin-identity-center-enable.js';
import { organizationPart } from './admin-identity-center-organization.js';
import { sameUserName } from './admin-identity-center-part.js';
import { signInPart } from './admin-identity-center-sign-in.js';
import type { InputsFor } from './manifest.js';

type In = InputsFor<'admin-user'>;
type Context = StepContext<In>;

/**
 * The choice admin-user offers, and its Identity Center way. The IAM user way is the step's own
 * (steps/admin-user.ts); this way is walked in parts (Plan.parts), each a step of the engine's
 * kinds: an organization (a plan), Identity Center enabled (a console checklist, polled), the
 * user, permission set and assignment (a plan), then the first sign-in and MFA (advice: the API
 * shows neither).
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

/** The Identity Center way, as parts the engine walks. */
export async function identityCenterPlan(ctx: Context): Promise<Plan<In>> {
  const region = await identityCenterRegion(ctx);
  const run = { aws: ctx.aws, signal: ctx.signal, region, ic: identityCenterClients(ctx.aws, region), admin: {} };
  const parts = [organizationPart(run), enablePart(run), assignmentPart(run), signInPart(run)];
  ctx.ui.note({
    level: 'info',
    text: `The Identity Center way, in ${parts.length} parts (each is checked first; what is done is kept): ${parts.map((p, i) => `${i + 1}. ${p.title}`).join('; ')}.`,
  });
  return { summary: 'Set up an admin in IAM Identity Center', actions: [], parts };
}

/**
 * The region Identity Center lives in. --identity-center-region, else the partition's main region
 * when Identity Center is already enabled there, else the person's answer (that region by default).
 * Every other call of this program goes to the partition's main region; Identity Center's go here.
 */
async function identityCenterRegion(ctx: Context): Promise<string> {
  const home = await ctx.aws.iam.config.region();
  const inPartition = (region: string) =>
    partitionOf(region) === ctx.identity.partition ? true : `${region} is not a region of this account's partition (${ctx.identity.partition})`;
  const given = ctx.inputs.identityCenterRegion;
  if (given) {
    const problem = inPartition(given);
    if (problem !== true) throw new UsageError(`--identity-center-region ${given}: ${problem}`);
    return given;
  }
  if (!ctx.ui.interactive || (await ownInstance(identityCenterClients(ctx.aws, home), ctx.identity.account))) return home;
  ctx.ui.note({
    level: 'info',
    text:
      'IAM Identity Center lives in one AWS region, chosen when it is enabled; moving it later means deleting it and ' +
      'starting over. Pick one near its users that you keep enabled (any region works for signing in to the account).',
  });
  const checkRule = validatorFor(regionSchema);
  return ctx.ui.text({
    key: 'identity-center-region',
    message: 'Region for IAM Identity Center',
    default: home,
    validate: (value) => {
      const rule = checkRule(value);
      return rule === true ? inPartition(value) : rule;
    },
  });
}

/** For the steps after admin-user: this run's admin is in Identity Center, not IAM. */
export const viaIdentityCenter = (ctx: Pick<CheckContext, 'run'>) => ctx.run.adminVia === 'identity-center';
