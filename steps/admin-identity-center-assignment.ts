import { adminPolicyArn } from '../src/aws/identity.js';
import {
  ADMIN_PERMISSION_SET,
  describeUser,
  isAssigned,
  managedPolicyArns,
  permissionSetNamed,
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
import { UsageError } from '../src/errors.js';
import { IC_DISPLAY_NAME } from '../src/rules/fields.js';
import { shellArg } from '../src/shell.js';
import { enabledInstance } from './admin-identity-center-enable.js';
import { part, type IdentityCenterRun } from './admin-identity-center-part.js';
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
      const userName = await chooseUser(ctx, run, instance);
      run.admin.userName = userName;
      chosen.userId = await userIdOf(run.ic, instance.identityStoreId, userName, ctx.signal);
      chosen.permissionSetArn = await permissionSetNamed(run.ic, instance.instanceArn, ADMIN_PERMISSION_SET, ctx.signal);
      const policyArn = adminPolicyArn(ctx.identity.partition);
      const policies = chosen.permissionSetArn ? await managedPolicyArns(run.ic, instance.instanceArn, chosen.permissionSetArn) : [];
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
          run: async (c) => void (chosen.userId = await createUser(writer(c), user)),
        });
      }

      if (chosen.permissionSetArn) {
        notes.push(`The permission set ${ADMIN_PERMISSION_SET} exists already; it is used as it is.`);
      } else {
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
          run: (c) => attachManagedPolicy(writer(c), chosen.permissionSetArn!, policyArn),
        });
      }

      const assigned = chosen.userId && chosen.permissionSetArn && (await isAssigned(run.ic, instance.instanceArn, ctx.identity.account, chosen.permissionSetArn, chosen.userId));
      if (!assigned) {
        actions.push({
          title: `Give ${userName} ${ADMIN_PERMISSION_SET} in this account (${ctx.identity.account}), and wait while Identity Center makes its IAM role`,
          cli:
            `aws sso-admin create-account-assignment ${at} --instance-arn ${instance.instanceArn} --target-id ${ctx.identity.account} --target-type AWS_ACCOUNT ` +
            `--permission-set-arn ${chosen.permissionSetArn ?? 'PERMISSION_SET_ARN'} --principal-type USER --principal-id ${chosen.userId ?? 'USER_ID'}`,
          run: (c) => assignToAccount(writer(c), c.identity.account, chosen.permissionSetArn!, chosen.userId!),
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

/** Asks for a user name until it is new, or an existing user the person chose to make the admin. */
async function chooseUser(ctx: Context, run: IdentityCenterRun, instance: IdentityCenterInstance): Promise<string> {
  const named = ctx.inputs.identityCenterUser;
  for (let wanted = named ?? (await ctx.input('identityCenterUser')) ?? noTerminal(ctx, '--identity-center-user', 'admin'); ; ) {
    const userId = await userIdOf(run.ic, instance.identityStoreId, wanted, ctx.signal);
    if (!userId) return wanted;
    const user = await describeUser(run.ic, instance.identityStoreId, userId, ctx.signal);
    const who = [user.DisplayName, user.Emails?.find((e) => e.Primary)?.Value ?? user.Emails?.[0]?.Value].filter((t): t is string => Boolean(t));
    const reuse = await ctx.ui.confirm({
      key: 'reuse-identity-center-user',
      message: `A user ${wanted}${who.length ? ` (${who.join(', ')})` : ''} already exists in Identity Center. Make it the admin? Nothing it has is changed.`,
      default: true,
    });
    if (reuse) return wanted;
    if (named) throw new UsageError(`--identity-center-user ${wanted}: that user exists; pick another name`);
    wanted = (await ctx.askAgain('identityCenterUser', 'User name in Identity Center')) ?? noTerminal(ctx, '--identity-center-user', 'admin');
  }
}

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
