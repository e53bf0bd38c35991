import type { LoginProfile, UserHoldings } from '../src/aws/account-reader.js';
import { adminPolicyArn } from '../src/aws/identity.js';
import * as writes from '../src/aws/iam-writes.js';
import type { Action, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { describeRule, firstPasswordRule, passwordProblem } from '../src/rules/password-policy.js';
import { describeHoldings, madeThen, notGranted, risksOf, surprises, type MadeByThisRun, type Surprise } from './admin-holdings.js';
import { chooseWay, IDENTITY_CENTER_NEEDS, identityCenterAdmin, wayInputsProblem } from './admin-identity-center.js';
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
    // The Identity Center way's parts and clients are loaded when it is taken (status loads none).
    if ((await chooseWay(ctx)) === 'identity-center') return (await import('./admin-identity-center-plan.js')).identityCenterPlan(ctx);
    const { name, seen } = await chooseUser(ctx);
    ctx.run.adminUser = name;
    const actions: Action<In>[] = [];
    const notes: string[] = [];
    // What this run makes, filled in as its actions run: checked again before any grant.
    const made: MadeByThisRun = {};

    if (!seen) actions.push(createUserAction(name, made));

    if (seen?.loginProfile) {
      notes.push(`${name} already has a console password; it is left as it is.`);
    } else {
      actions.push(await consoleAccessAction(ctx, name, made));
    }

    const admins = await ctx.read.admins();
    if (admins.users.includes(name)) {
      notes.push(`${name} already holds AdministratorAccess.`);
    } else {
      const grants = await grantActions(ctx, name, notes);
      actions.push(...grants.map((grant, i) => (i === 0 ? holdsOnlyWhatWasSeen(grant, name, seen, made) : grant)));
    }

    return {
      summary: actions.length ? `Set up ${name} as an administrator` : `${name} is already set up`,
      actions,
      notes,
    };
  },
});

interface Chosen {
  name: string;
  /** What an existing user held when the person agreed to reuse it; undefined for a user to create. */
  seen?: UserHoldings;
}

/**
 * Asks for a name until it is valid and either new or an existing user the person chose to reuse,
 * after seeing what it holds. Under --yes, a user holding access keys or other permissions is
 * reused only when --reuse-user names it.
 */
async function chooseUser(ctx: Context): Promise<Chosen> {
  const named = ctx.inputs.adminUser;
  for (let wanted = named ?? (await ctx.input('adminUser')) ?? noNameGiven(ctx); ; ) {
    const existing = await ctx.read.findUserName(wanted);
    const seen = existing === undefined ? undefined : await ctx.read.userHoldings(existing);
    if (!seen) return { name: wanted };
    const risks = risksOf(seen, adminPolicyArn(ctx.identity.partition));
    const sameName = seen.name === wanted ? '' : ` (IAM names ignore case: ${wanted} is this user)`;
    ctx.ui.note({ level: risks.length ? 'warn' : 'info', text: `An IAM user "${seen.name}" already exists${sameName}. What it holds becomes an admin's:` });
    for (const line of describeHoldings(seen)) ctx.ui.note({ level: 'info', text: line });
    if (risks.length && !ctx.ui.interactive && !ctx.dryRun && ctx.inputs.reuseUser?.toLowerCase() !== seen.name.toLowerCase()) {
      throw new UsageError(
        `--admin-user ${wanted}: the existing user ${seen.name} holds ${risks.join(' and ')}, which would become an admin's; ` +
          `look at it first, then pass --reuse-user ${seen.name} to reuse it as it is, or name a new user`,
      );
    }
    const reuse = await ctx.ui.confirm({
      key: 'reuse-user',
      message: risks.length
        ? `Make "${seen.name}" an admin, with ${risks.join(' and ')}? Nothing it has is removed or overwritten.`
        : `Use "${seen.name}" as the admin? Nothing it has is removed or overwritten.`,
      default: risks.length === 0,
    });
    if (reuse) return { name: seen.name, seen };
    if (named) throw new UsageError(`--admin-user ${wanted}: that user exists; pick another name`);
    wanted = (await ctx.askAgain('adminUser', 'Name for the admin user')) ?? noNameGiven(ctx);
  }
}

/** Creates the user; one that appears between the plan and this moment was made by someone else, and is not made an admin. */
function createUserAction(name: string, made: MadeByThisRun): Action<In> {
  return {
    title: `Create the IAM user ${name}`,
    cli: `aws iam create-user --user-name ${name}`,
    async run(c) {
      const creation = await writes.createUser(c, name);
      if (creation.kind === 'existed') throw notGranted(name, [{ what: 'a user of that name made since the plan was shown', reset: `aws iam get-user --user-name ${name}` }]);
      if (creation.kind === 'created-answer-lost') {
        c.ui.note({ level: 'info', text: `AWS's answer to creating ${name} was lost; the user found was made by this run's request.` });
        made.user = { since: creation.sentAt };
      } else {
        made.user = { userId: creation.answer.User?.UserId ?? '' };
      }
    },
  };
}

/**
 * Before the first grant: the user holds nothing but what the person saw and this run made. Read
 * again with IAM's lag in mind: what this run just made may take a few seconds to show.
 */
function holdsOnlyWhatWasSeen(grant: Action<In>, name: string, seen: UserHoldings | undefined, made: MadeByThisRun): Action<In> {
  return {
    ...grant,
    async run(c, previous) {
      let found: Surprise[] = [];
      for (const delay of [0, 1000, 2000, 4000]) {
        if (delay) await c.clock.sleep(delay, c.signal);
        const now = await c.newReader().userHoldings(name);
        found = surprises(name, now, seen, made, adminPolicyArn(c.identity.partition));
        // A user this run made that IAM does not show yet is lag; anything else will not go away.
        if (now !== undefined || made.user === undefined) break;
      }
      if (found.length) throw notGranted(name, found);
      return grant.run(c, previous);
    },
  };
}

/** Nobody to ask: a dry run writes nothing, so the usual name is a fair answer; a real run needs the flag. */
function noNameGiven(ctx: Context): string {
  if (ctx.dryRun) return 'admin';
  throw new UsageError('no terminal to ask "Name for the admin user": pass --admin-user');
}

const PASSWORD_PLACEHOLDER = { given: 'from standard input', type: 'typed by you', generate: 'shown once' } as const;

async function consoleAccessAction(ctx: Context, name: string, made: MadeByThisRun): Promise<Action<In>> {
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
  const appeared = (profile: LoginProfile | undefined) =>
    notGranted(name, [{ what: `a console password this run did not set (made ${profile?.created?.toISOString() ?? 'just now'})`, reset: `aws iam delete-login-profile --user-name ${name}` }]);
  return {
    title: `Let ${name} sign in to the console (a new password is required at first sign-in)`,
    cli: `aws iam create-login-profile --user-name ${name} --password-reset-required --password '<${PASSWORD_PLACEHOLDER[source]}>'`,
    async run(c) {
      // The plan found none: one there now was set by someone else, and the user is not made an admin.
      const before = await c.read.loginProfile(name);
      if (before) throw appeared(before);
      const password = await obtainPassword(c, name, source, rule);
      const creation = await writes.createLoginProfile(c, name, password);
      if (creation.kind === 'existed') throw appeared(await c.newReader().loginProfile(name));
      if (creation.kind === 'created') {
        made.loginProfile = { created: creation.answer.LoginProfile?.CreateDate };
        return;
      }
      // The first attempt's answer was lost: the password in place is this run's if it was made after that attempt was sent.
      made.loginProfile = { since: creation.sentAt };
      const found = await c.newReader().loginProfile(name);
      if (!madeThen(made.loginProfile, found?.created)) throw appeared(found);
      c.ui.note({ level: 'info', text: `AWS's answer to setting ${name}'s console password was lost; the password in place is the one this run sent.` });
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
