import { adminPolicyArn } from '../src/aws/identity.js';
import * as writes from '../src/aws/iam-writes.js';
import type { Action, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { describeRule, firstPasswordRule, passwordProblem } from '../src/rules/password-policy.js';
import { chooseWay, IDENTITY_CENTER_NEEDS, identityCenterAdmin, identityCenterPlan, wayInputsProblem } from './admin-identity-center.js';
import { obtainPassword } from './admin-password.js';
import { ADMIN_GROUP, defineStep, type InputsFor } from './manifest.js';
import { passwordRuleBeforeReading, strengthened } from './password-policy.js';

type In = InputsFor<'admin-user'>;
type Context = StepContext<In>;

export const adminUser = defineStep('admin-user', {
  kind: 'automated',
  why:
    'Root should stay locked away. Day-to-day work, even full-admin work, belongs to an admin (an IAM user, or a user ' +
    'in IAM Identity Center) that can be limited, watched and, if it leaks, switched off without losing the account.',
  explain: {
    when: 'Once per account, right after root is protected: this is the identity for every day from now on.',
    gotcha:
      'Do not try to delete root instead: it cannot be deleted, and a few tasks (closing the account, changing ' +
      'the support plan) still need it. Lock it away and stop using it.',
    cliCheck: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
  },

  async check({ read, run }: CheckContext): Promise<CheckResult> {
    const admins = await read.admins();
    if (run.adminVia === 'identity-center') return identityCenterAdmin(admins);
    const target = run.adminUser;
    if (target) {
      const name = admins.users.find((u) => u.toLowerCase() === target.toLowerCase());
      if (!name) return { status: 'fail', detail: `${target} does not hold AdministratorAccess yet` };
      return admins.consoleUsers.includes(name)
        ? { status: 'pass', detail: `${name} is an admin with console access` }
        : { status: 'fail', detail: `${name} is an admin but cannot sign in to the console yet` };
    }
    if (admins.consoleUsers.length > 0) {
      return { status: 'pass', detail: `admin with console access: ${admins.consoleUsers.join(', ')}` };
    }
    if (admins.identityCenterRoles.length > 0) {
      return { status: 'pass', detail: `IAM Identity Center admin role: ${admins.identityCenterRoles.join(', ')}` };
    }
    return admins.users.length > 0
      ? { status: 'fail', detail: `admins without console access: ${admins.users.join(', ')}` }
      : { status: 'fail', detail: 'no IAM user holds AdministratorAccess' };
  },

  /** A name to create, or one whose user has no console password yet, needs a password under --yes. */
  async inputsNeeded({ read, run }: CheckContext) {
    if (run.adminVia === 'identity-center') return IDENTITY_CENTER_NEEDS;
    if (!run.adminUser) return ['adminUser', 'password'];
    const existing = await read.findUserName(run.adminUser);
    return existing && (await read.hasConsoleAccess(existing)) ? [] : ['password'];
  },

  /** --password-stdin is checked before any call against what is known then (the policy this run sets, else any policy's least). */
  checkInputs(inputs, willRun) {
    const { password } = inputs;
    const way = wayInputsProblem(inputs);
    if (way || password === undefined) return way;
    const rule = passwordRuleBeforeReading(willRun('password-policy'));
    const problem = passwordProblem(password, rule);
    return problem && `--password-stdin: the password ${problem}; it needs ${describeRule(rule)}`;
  },

  async plan(ctx: Context): Promise<Plan<In>> {
    if ((await chooseWay(ctx)) === 'identity-center') return identityCenterPlan(ctx);
    const name = await chooseUser(ctx);
    ctx.run.adminUser = name;
    const existing = await ctx.read.user(name);
    const actions: Action<In>[] = [];
    const notes: string[] = [];

    if (!existing) {
      actions.push({
        title: `Create the IAM user ${name}`,
        cli: `aws iam create-user --user-name ${name}`,
        run: (c) => writes.createUser(c, name),
      });
    }

    if (await ctx.read.hasConsoleAccess(name)) {
      notes.push(`${name} already has a console password; it is left as it is.`);
    } else {
      actions.push(await consoleAccessAction(ctx, name));
    }

    const admins = await ctx.read.admins();
    if (admins.users.includes(name)) {
      notes.push(`${name} already holds AdministratorAccess.`);
    } else {
      actions.push(...(await grantActions(ctx, name, notes)));
    }

    return {
      summary: actions.length ? `Set up ${name} as an administrator` : `${name} is already set up`,
      actions,
      notes,
    };
  },
});

/** Asks for a name until it is valid and either new or an existing user the person chose to reuse. */
async function chooseUser(ctx: Context): Promise<string> {
  const named = ctx.inputs.adminUser;
  for (let wanted = named ?? (await ctx.input('adminUser')) ?? noNameGiven(ctx); ; ) {
    const existing = await ctx.read.findUserName(wanted);
    if (!existing) return wanted;
    const reuse = await ctx.ui.confirm({
      key: 'reuse-user',
      message: `An IAM user "${existing}" already exists (names ignore case). Use it? Nothing it has is removed or overwritten.`,
      default: true,
    });
    if (reuse) return existing;
    if (named) throw new UsageError(`--admin-user ${wanted}: that user exists; pick another name`);
    wanted = (await ctx.askAgain('adminUser', 'Name for the admin user')) ?? noNameGiven(ctx);
  }
}

/** Nobody to ask: a dry run writes nothing, so the usual name is a fair answer; a real run needs the flag. */
function noNameGiven(ctx: Context): string {
  if (ctx.dryRun) return 'admin';
  throw new UsageError('no terminal to ask "Name for the admin user": pass --admin-user');
}

const PASSWORD_PLACEHOLDER = { given: 'from standard input', type: 'typed by you', generate: 'shown once' } as const;

async function consoleAccessAction(ctx: Context, name: string): Promise<Action<In>> {
  // Under --yes, --password-stdin was required before the first step (inputsNeeded above).
  // The password must meet the policy in force now and the one the password-policy step sets
  // later in this run: the admin meets that one at the first sign-in, when the password is changed.
  const current = await ctx.read.passwordPolicy();
  const rule = firstPasswordRule(current, ctx.willRun('password-policy') ? strengthened(current) : undefined);
  if (ctx.inputs.password) {
    const problem = passwordProblem(ctx.inputs.password, rule);
    if (problem) throw new UsageError(`--password-stdin: the password ${problem}; it needs ${describeRule(rule)}`);
  }
  const source = ctx.inputs.password
    ? 'given'
    : await ctx.ui.select({
        key: 'password-source',
        message: `How should ${name}'s first console password be made?`,
        choices: [
          { value: 'generate', name: 'Generate a strong one and show it to me once (recommended)' },
          { value: 'type', name: 'I will type one (hidden as I type)' },
        ],
        default: 'generate',
      });
  return {
    title: `Let ${name} sign in to the console (a new password is required at first sign-in)`,
    cli: `aws iam create-login-profile --user-name ${name} --password-reset-required --password '<${PASSWORD_PLACEHOLDER[source]}>'`,
    async run(c) {
      if (await c.read.hasConsoleAccess(name)) return;
      const password = await obtainPassword(c, name, source, rule);
      const created = await writes.createLoginProfile(c, name, password);
      if (!created) c.ui.note({ level: 'warn', text: `${name} already had a console password; it was left as it was.` });
    },
  };
}

async function grantActions(ctx: Context, name: string, notes: string[]): Promise<Action<In>[]> {
  const arn = adminPolicyArn(ctx.identity.partition);
  ctx.ui.note({
    level: 'info',
    text:
      'Security scanners flag any identity with AdministratorAccess, whichever way it is given; that is expected for ' +
      'your one admin. A group is still the better way: it passes the CIS "permissions through groups" check and ' +
      'makes adding or removing an admin a one-line change.',
  });
  const how = (await ctx.input('grant')) ?? 'group';
  if (how === 'direct') {
    return [
      {
        title: `Attach AdministratorAccess to ${name}`,
        cli: `aws iam attach-user-policy --user-name ${name} --policy-arn ${arn}`,
        run: (c) => writes.attachUserPolicy(c, name, arn),
      },
    ];
  }
  const groupPolicies = await ctx.read.groupPolicies(ADMIN_GROUP);
  const actions: Action<In>[] = [];
  if (groupPolicies === undefined) {
    actions.push({
      title: `Create the group ${ADMIN_GROUP}`,
      cli: `aws iam create-group --group-name ${ADMIN_GROUP}`,
      run: (c) => writes.createGroup(c, ADMIN_GROUP),
    });
  }
  if (!groupPolicies?.includes(arn)) {
    const members = groupPolicies ? await ctx.read.groupMembers(ADMIN_GROUP) : [];
    if (members.length) notes.push(`${ADMIN_GROUP} already has members who become admins too: ${members.join(', ')}.`);
    actions.push({
      title: `Attach AdministratorAccess to the group ${ADMIN_GROUP}`,
      cli: `aws iam attach-group-policy --group-name ${ADMIN_GROUP} --policy-arn ${arn}`,
      run: (c) => writes.attachGroupPolicy(c, ADMIN_GROUP, arn),
    });
  }
  actions.push({
    title: `Add ${name} to ${ADMIN_GROUP}`,
    cli: `aws iam add-user-to-group --group-name ${ADMIN_GROUP} --user-name ${name}`,
    run: (c) => writes.addUserToGroup(c, name, ADMIN_GROUP),
  });
  return actions;
}
