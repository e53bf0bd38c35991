import { adminPolicyArn } from '../src/aws/identity.js';
import {
  ADMIN_PERMISSION_SET,
  describeUser,
  isAssigned,
  managedPolicyArns,
  permissionSetNamed,
  provisionedAccounts,
  reservedRolePrefix,
  userIdOf,
  type IdentityCenterInstance,
} from '../src/aws/identity-center.js';
import {
  assignToAccount,
  attachManagedPolicy,
  createPermissionSet,
  createUser,
  type IdentityCenterUserDetails,
  type IdentityCenterWriter,
} from '../src/aws/identity-center-writes.js';
import type { Action, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { NotGranted, UsageError } from '../src/errors.js';
import { IC_DISPLAY_NAME } from '../src/rules/fields.js';
import { shellArg } from '../src/shell.js';
import { enabledInstance } from './admin-identity-center-enable.js';
import { part, sameUserName, type IdentityCenterRun } from './admin-identity-center-part.js';
import type { InputsFor } from './manifest.js';

type In = InputsFor<'admin-user'>;
type Context = StepContext<In>;

/** Said of the permission set this way makes, in the console and in `aws sso-admin describe-permission-set`. */
const DESCRIPTION = 'Full access to this account for its daily admin (made by aws-root-lockdown)';

/** What the plan learnt and the actions made, for the actions after them. */
interface Made {
  userId?: string;
  permissionSetArn?: string;
}

/**
 * Part 3: the admin itself, through the API, behind one confirmation: the user in the identity
 * store, the AdministratorAccess permission set with the partition's AdministratorAccess policy,
 * and its assignment to this account, after which Identity Center makes the
 * AWSReservedSSO_AdministratorAccess_* role in IAM; the check confirms that role is there.
 */
export const assignmentPart = (run: IdentityCenterRun) => {
  const chosen: Made = {};
  return part({
    id: 'identity-center-admin',
    kind: 'automated',
    title: 'The admin user, its permission set and its access to this account',
    why: 'A user gets into an account through a permission set assigned to it there; Identity Center turns the assignment into an IAM role.',
    explain: {
      when: 'Once Identity Center is enabled.',
      gotcha:
        'A user without an assignment can sign in to the portal and see no account at all. And the assignment is not instant: ' +
        'Identity Center makes the role in the account a few seconds later.',
      cliCheck: `aws sso-admin list-account-assignments --region ${run.region} --instance-arn ARN --account-id ACCOUNT --permission-set-arn PERMISSION_SET_ARN`,
    },

    async check(ctx) {
      const { instance, result } = await enabledInstance(run, ctx.identity.account);
      if (!instance) return result;
      // Before the plan asks who the admin is, there is none this run knows of.
      if (!run.admin.userName) return { status: 'fail', detail: 'no admin in IAM Identity Center yet' };
      return adminStanding(ctx, run, instance, run.admin.userName);
    },

    async plan(ctx): Promise<Plan<In>> {
      const { instance, result } = await enabledInstance(run, ctx.identity.account);
      if (!instance) return { summary: '', actions: [], skipped: `${result.detail}: run this again once it is.` };
      const policyArn = adminPolicyArn(ctx.identity.partition);
      chosen.permissionSetArn = await permissionSetNamed(run.ic, instance.instanceArn, ADMIN_PERMISSION_SET, ctx.signal);
      const policies = chosen.permissionSetArn ? await managedPolicyArns(run.ic, instance.instanceArn, chosen.permissionSetArn) : [];
      const adminSet = policies.includes(policyArn) ? chosen.permissionSetArn : undefined;
      const { userName, userId } = await chooseUser(ctx, run, instance, adminSet);
      run.admin.userName = userName;
      chosen.userId = userId;
      // Where the existing permission set reaches already: the policy attached to it reaches there too.
      const provisioned = chosen.permissionSetArn && !adminSet ? await provisionedAccounts(run.ic, instance.instanceArn, chosen.permissionSetArn) : [];
      if (provisioned.length && !(await widenPermissionSet(ctx, run, instance, chosen.permissionSetArn!, policies, provisioned))) {
        return { summary: '', actions: [], skipped: `the permission set ${ADMIN_PERMISSION_SET} was left as it is, and nothing was made: run this again once it holds AdministratorAccess or is gone.` };
      }
      const notes: string[] = [];
      const actions: Action<In>[] = [];
      const writer = (c: Context): IdentityCenterWriter => ({ ic: run.ic, instance, clock: c.clock, signal: c.signal });
      const at = `--region ${run.region}`;

      if (!chosen.userId) {
        const user = await userDetails(ctx, userName);
        actions.push({
          title: `Create the user ${userName} (${user.displayName}, ${user.email}) in Identity Center`,
          cli:
            `aws identitystore create-user ${at} --identity-store-id ${instance.identityStoreId} --user-name ${shellArg(userName)} ` +
            `--display-name ${shellArg(user.displayName)} --name ${shellArg(JSON.stringify({ GivenName: user.givenName, FamilyName: user.familyName }))} ` +
            `--emails ${shellArg(JSON.stringify([{ Value: user.email, Type: 'work', Primary: true }]))}`,
          async run(c) {
            const creation = await createUser(writer(c), user);
            // The plan found no such user: one there now was made by someone else, and is not made an admin.
            if (creation.kind === 'existed') throw notGranted(userName, 'a user of that name was made in Identity Center after the plan was shown', lookAtUser(run, instance, creation.userId));
            if (creation.kind === 'created-answer-lost') c.ui.note({ level: 'info', text: `AWS's answer to creating ${userName} was lost; the user found was made by this run's request.` });
            chosen.userId = creation.userId;
          },
        });
      }

      if (adminSet) {
        notes.push(`The permission set ${ADMIN_PERMISSION_SET} exists already and holds the AdministratorAccess policy; it is used as it is.`);
      } else if (chosen.permissionSetArn && !provisioned.length) {
        notes.push(`The permission set ${ADMIN_PERMISSION_SET} exists already, without the AdministratorAccess policy, and is provisioned to no account: the policy is attached to it, which reaches nobody else.`);
      } else if (!chosen.permissionSetArn) {
        const duration = (await ctx.input('sessionDuration')) ?? 'PT1H';
        actions.push({
          title: `Create the permission set ${ADMIN_PERMISSION_SET} (a session lasts ${duration.replace(/^PT(\d+)H$/, '$1 h')})`,
          cli:
            `aws sso-admin create-permission-set ${at} --instance-arn ${instance.instanceArn} --name ${ADMIN_PERMISSION_SET} ` +
            `--session-duration ${duration} --description ${shellArg(DESCRIPTION)}`,
          run: async (c) => void (chosen.permissionSetArn = await createPermissionSet(writer(c), ADMIN_PERMISSION_SET, duration, DESCRIPTION)),
        });
      }

      if (!policies.includes(policyArn)) {
        actions.push({
          title: `Attach the AWS managed policy AdministratorAccess to ${ADMIN_PERMISSION_SET}`,
          cli: `aws sso-admin attach-managed-policy-to-permission-set ${at} --instance-arn ${instance.instanceArn} --permission-set-arn ${chosen.permissionSetArn ?? 'PERMISSION_SET_ARN'} --managed-policy-arn ${policyArn}`,
          async run(c) {
            // Just before: it reaches no account but those the person saw (none, unless they agreed).
            const now = await provisionedAccounts(run.ic, instance.instanceArn, chosen.permissionSetArn!);
            const since = now.filter((a) => !provisioned.includes(a));
            if (since.length) {
              throw notGranted(userName, `the permission set ${ADMIN_PERMISSION_SET} was provisioned to ${since.join(', ')} after the plan was shown, and the policy would reach whoever is assigned it there`, `aws sso-admin list-account-assignments ${at} --instance-arn ${instance.instanceArn} --account-id ${since[0]} --permission-set-arn ${chosen.permissionSetArn}`);
            }
            await attachManagedPolicy(writer(c), chosen.permissionSetArn!, policyArn);
          },
        });
      }

      const assigned = chosen.userId && chosen.permissionSetArn && (await isAssigned(run.ic, instance.instanceArn, ctx.identity.account, chosen.permissionSetArn, chosen.userId));
      if (!assigned) {
        actions.push({
          title: `Give ${userName} ${ADMIN_PERMISSION_SET} in this account (${ctx.identity.account}), and wait while Identity Center makes its IAM role`,
          cli:
            `aws sso-admin create-account-assignment ${at} --instance-arn ${instance.instanceArn} --target-id ${ctx.identity.account} --target-type AWS_ACCOUNT ` +
            `--permission-set-arn ${chosen.permissionSetArn ?? 'PERMISSION_SET_ARN'} --principal-type USER --principal-id ${chosen.userId ?? 'USER_ID'}`,
          async run(c) {
            // Just before the grant: the name still belongs to the user seen or made (not deleted and made again).
            const now = await userIdOf(run.ic, instance.identityStoreId, userName, c.signal);
            if (now !== chosen.userId) {
              throw notGranted(userName, now ? `${userName} is not the user ${userId ? 'you saw' : 'this run made'} (it was deleted and made again)` : `the user ${userName} is gone`, now ? lookAtUser(run, instance, now) : `aws identitystore list-users ${at} --identity-store-id ${instance.identityStoreId}`);
            }
            await assignToAccount(writer(c), c.identity.account, chosen.permissionSetArn!, chosen.userId!);
          },
        });
      }
      return { summary: `Set up ${userName} as this account's admin in IAM Identity Center (${run.region})`, actions, notes };
    },
  });
};

/** The run's admin, from the user to the role in IAM: the first thing missing, or all there. */
async function adminStanding(ctx: CheckContext, run: IdentityCenterRun, instance: IdentityCenterInstance, userName: string): Promise<CheckResult> {
  const fail = (detail: string): CheckResult => ({ status: 'fail', detail });
  const userId = await userIdOf(run.ic, instance.identityStoreId, userName, run.signal);
  if (!userId) return fail(`there is no user ${userName} in IAM Identity Center yet`);
  const permissionSetArn = await permissionSetNamed(run.ic, instance.instanceArn, ADMIN_PERMISSION_SET, run.signal);
  if (!permissionSetArn) return fail(`there is no permission set ${ADMIN_PERMISSION_SET} yet`);
  if (!(await managedPolicyArns(run.ic, instance.instanceArn, permissionSetArn)).includes(adminPolicyArn(ctx.identity.partition))) {
    return fail(`the permission set ${ADMIN_PERMISSION_SET} does not hold the AdministratorAccess policy yet`);
  }
  if (!(await isAssigned(run.ic, instance.instanceArn, ctx.identity.account, permissionSetArn, userId))) {
    return fail(`${userName} is not given ${ADMIN_PERMISSION_SET} in this account yet`);
  }
  const role = (await ctx.read.admins()).identityCenterRoles.find((r) => r.startsWith(reservedRolePrefix(ADMIN_PERMISSION_SET)));
  if (!role) return fail(`${userName} is given ${ADMIN_PERMISSION_SET}, but IAM has no ${reservedRolePrefix(ADMIN_PERMISSION_SET)}* role holding AdministratorAccess yet`);
  return { status: 'pass', detail: `${userName} is an admin of this account through IAM Identity Center (role ${role})` };
}

/** The name chosen, and the id of the existing user the person chose to reuse (undefined for a user to create). */
interface ChosenUser {
  userName: string;
  userId?: string;
}

/**
 * Asks for a user name until it is new, or an existing user the person chose to make the admin
 * after seeing it. What the API cannot show (its password, MFA devices, sign-ins) is said to be
 * unknown, so under --yes an existing user is made the admin only when --reuse-user names it, or
 * when it is the admin already (given `adminSet`, the permission set holding AdministratorAccess,
 * in this account): nothing more is granted then. A user an earlier run made is no exception:
 * nothing read through the API tells it from one someone else made or has signed in as since.
 */
async function chooseUser(ctx: Context, run: IdentityCenterRun, instance: IdentityCenterInstance, adminSet: string | undefined): Promise<ChosenUser> {
  const named = ctx.inputs.identityCenterUser;
  for (let wanted = named ?? (await ctx.input('identityCenterUser')) ?? noTerminal(ctx, '--identity-center-user', 'admin'); ; ) {
    const userId = await userIdOf(run.ic, instance.identityStoreId, wanted, ctx.signal);
    if (!userId) return { userName: wanted };
    const user = await describeUser(run.ic, instance.identityStoreId, userId, ctx.signal);
    const name = user.UserName ?? wanted;
    const admin = adminSet !== undefined && (await isAssigned(run.ic, instance.instanceArn, ctx.identity.account, adminSet, userId));
    const emails = (user.Emails ?? []).map((e) => `${e.Value ?? ''}${e.Primary ? ' (primary)' : ''}`);
    ctx.ui.note({ level: admin ? 'info' : 'warn', text: `A user "${name}" already exists in Identity Center (user id ${userId}).${admin ? ` It holds ${ADMIN_PERMISSION_SET} in this account already.` : ''}` });
    ctx.ui.note({ level: 'info', text: `Display name: ${user.DisplayName ?? 'none'}. Emails: ${emails.length ? emails.join(', ') : 'none'}.` });
    ctx.ui.note({ level: 'info', text: UNREADABLE(name) });
    if (!admin && !ctx.ui.interactive && !(ctx.inputs.reuseUser !== undefined && sameUserName(ctx.inputs.reuseUser, name))) {
      const refusal =
        `--identity-center-user ${wanted}: the user ${name} exists in Identity Center and would be given ${ADMIN_PERMISSION_SET}; its password and MFA ` +
        'cannot be read through the API, so this run cannot tell whether an earlier run made it or someone else did (or has signed in as it). ' +
        `Look at it in the Identity Center console, then pass --reuse-user ${name} to make it the admin, or choose another name`;
      if (!ctx.dryRun) throw new UsageError(refusal);
      ctx.ui.note({ level: 'warn', text: `With --yes the run would stop here: ${refusal}.` });
    }
    // A dry run without a terminal plans with the user as named: it writes nothing, and the line above says what --yes needs.
    if (ctx.dryRun && !ctx.ui.interactive) return { userName: wanted, userId };
    const who = [user.DisplayName, user.Emails?.find((e) => e.Primary)?.Value ?? user.Emails?.[0]?.Value].filter((t): t is string => Boolean(t));
    const reuse = await ctx.ui.confirm({
      key: 'reuse-identity-center-user',
      message: `A user ${wanted}${who.length ? ` (${who.join(', ')})` : ''} already exists in Identity Center. Make it the admin? Nothing it has is changed.`,
      default: admin,
    });
    if (reuse) return { userName: wanted, userId };
    if (named) throw new UsageError(`--identity-center-user ${wanted}: that user exists; pick another name`);
    wanted = (await ctx.askAgain('identityCenterUser', 'User name in Identity Center')) ?? noTerminal(ctx, '--identity-center-user', 'admin');
  }
}

/** What the person cannot be shown of an existing user, and where to look instead. */
const UNREADABLE = (name: string) =>
  `Its password, MFA devices and sign-ins cannot be read through the API: whoever can sign in as ${name} now becomes an admin. ` +
  `Look in the Identity Center console (Users, then ${name}) if you did not make it yourself.`;

/**
 * An existing permission set of the admin's name that lacks AdministratorAccess and is
 * provisioned to accounts: attaching the policy makes whoever is assigned it there an admin too.
 * Shown with what it holds; at a terminal the person decides (not the default), under --yes the
 * run stops before any write (exit 2). True to go on.
 */
async function widenPermissionSet(ctx: Context, run: IdentityCenterRun, instance: IdentityCenterInstance, arn: string, policies: string[], accounts: string[]): Promise<boolean> {
  const look = `aws sso-admin list-account-assignments --region ${run.region} --instance-arn ${instance.instanceArn} --account-id ${accounts[0]} --permission-set-arn ${arn}`;
  const holds = policies.length ? policies.map((p) => p.split('/').pop()).join(', ') : 'no AWS managed policy';
  const risk = `the permission set ${ADMIN_PERMISSION_SET} exists without the AdministratorAccess policy (it holds ${holds}) and is provisioned to ${accounts.join(', ')}: attaching the policy would make whoever is assigned it there an admin too`;
  ctx.ui.note({ level: 'warn', text: `${risk[0]!.toUpperCase()}${risk.slice(1)}. See who: ${look}` });
  if (!ctx.ui.interactive && !ctx.dryRun) {
    throw new UsageError(`${risk}; nothing was changed. Look at who is assigned it (${look}), then attach the policy yourself or delete the permission set, and run this again`);
  }
  return ctx.ui.confirm({ key: 'widen-permission-set', message: `Attach AdministratorAccess to ${ADMIN_PERMISSION_SET} anyway, for everyone assigned it in ${accounts.join(', ')}?`, default: false });
}

/** Stops before the grant, saying what changed since the plan and how to look at it. */
const notGranted = (userName: string, what: string, look: string) =>
  new NotGranted(`Stopped before making ${userName} an admin: ${what}. Nothing was granted. Look at it (${look}), then run this again, and it is shown.`);

const lookAtUser = (run: IdentityCenterRun, instance: IdentityCenterInstance, userId: string) =>
  `aws identitystore describe-user --region ${run.region} --identity-store-id ${instance.identityStoreId} --user-id ${userId}`;

/** The new user's names and email: flags, else questions; the display name is the two names unless given. */
async function userDetails(ctx: Context, userName: string): Promise<IdentityCenterUserDetails> {
  const givenName = ctx.inputs.givenName ?? (await ctx.input('givenName')) ?? noTerminal(ctx, '--given-name', 'GIVEN_NAME');
  const familyName = ctx.inputs.familyName ?? (await ctx.input('familyName')) ?? noTerminal(ctx, '--family-name', 'FAMILY_NAME');
  const email = ctx.inputs.workEmail ?? (await ctx.input('workEmail')) ?? noTerminal(ctx, '--admin-email', 'EMAIL');
  const displayName = ctx.inputs.displayName ?? `${givenName} ${familyName}`;
  const problem = IC_DISPLAY_NAME.check(displayName);
  if (problem) throw new UsageError(`the display name made of the first and last name ${problem}: pass --display-name`);
  return { userName, givenName, familyName, displayName, email };
}

/** Nobody to ask: a dry run writes nothing, so a placeholder stands in; a real run needs the flag. */
function noTerminal(ctx: Context, flag: string, placeholder: string): string {
  if (ctx.dryRun) return placeholder;
  throw new UsageError(`no terminal to ask for the Identity Center admin: pass ${flag}`);
}
