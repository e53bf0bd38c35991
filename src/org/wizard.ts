import { EXIT } from '../exit-codes.js';
import { style, t } from '../ui/text.js';
import { accountIdSchema, validatorFor } from '../inputs.js';
import {
  iamDelegatedAdministrators,
  readCentralRootAccess,
  registerDelegatedAdministrator,
  registerDelegatedAdministratorCli,
  SWITCHES,
  type CentralRootAccess,
} from './central-root-access.js';
import { Reporting, sinkFor, type OrgContext } from './context.js';
import type { OrgRunContext } from './main.js';
import { settles, type MemberReport } from './member-report.js';
import { accountsOf, unitTree, type Organization } from './organization.js';
import { promptsFor, type Prompts } from './prompts.js';
import { removalsFor } from './removal.js';
import { headerLines } from './report-sinks.js';
import { assumeRootCli } from './root-session.js';
import { sayer, type Say } from './say.js';
import { rootSessionsOff } from './status.js';
import { singleAccountCommand } from './commands.js';
import { choose, survey, type Selection, type Survey } from './survey.js';
import { auditMembers, removeFromMembers, triage, type SweepContext } from './sweep.js';

export interface WizardChoices {
  /** From --accounts or --ou; asked when undefined. */
  selection?: Selection;
  yes: boolean;
  dryRun: boolean;
  /** --delegated-admin: register this account as IAM's delegated administrator. */
  delegatedAdmin?: string;
  /** The flags the single-account wizard gets for the management account (--profile, --region). */
  wizardArgv: string[];
}

/**
 * The org wizard: turn centralized root access on (each switch asked, with its CLI equivalent),
 * optionally register IAM's delegated administrator, choose members, audit their roots, show the
 * plan per account, and remove what remains after one confirmation. Every step reads first, so a
 * re-run (after a failure, Ctrl-C or a kill) does only what is left.
 */
export async function orgWizard(ctx: OrgContext, context: OrgRunContext, choices: WizardChoices): Promise<number> {
  const say = sayer(ctx.io);
  const prompts = await promptsFor(context, choices.yes);
  say(t`${style.bold('aws-root-lockdown org')}${style.gray(" · lock away every member account's root")}`);
  const found = await survey(ctx.clients, ctx.identity, ctx.signal);
  say(headerLines(found.header));
  say(
    found.isManagement
      ? style.gray('  You are in the management account.')
      : style.gray("  You are not in the management account: only it can turn features on; IAM's delegated administrator can audit and remove."),
  );

  const access = await turnOn(ctx, found, prompts, say, choices.dryRun);
  // Delegated administration for IAM rests on trusted access, like the features.
  if (found.isManagement && access.trustedAccess) await offerDelegatedAdmin(ctx, found.organization, prompts, say, choices);

  const selection = choices.selection ?? (await askSelection(ctx, found.organization, prompts));
  const chosen = await choose(ctx.clients, found.organization, selection, ctx.signal);
  const sweep: SweepContext = { ...ctx, managementAccountId: found.organization.managementAccountId };
  if (!access.rootSessions) {
    say(style.yellow(`! ${choices.dryRun ? 'Root sessions are off (a real run turns them on first), so members cannot be audited in a dry run.' : rootSessionsOff()}`));
    return EXIT.open;
  }

  say(t`\n${style.bold(`The root user of each of ${chosen.length} accounts`)}`);
  const audit = new Reporting(sinkFor(ctx.io, 'plain', chosen.length, 'Auditing'), true);
  try {
    audit.start();
    await auditMembers(sweep, triage(sweep, chosen, audit.report), audit.report);
    audit.end();
  } finally {
    audit.sink.close?.();
  }

  const open = audit.reports.filter((r) => r.verdict === 'open');
  let settled = audit.reports.filter((r) => r.verdict !== 'open').every(settles);
  if (open.length > 0) {
    showPlan(ctx, open, access, say);
    if (choices.dryRun) {
      say(t`\nDry run: nothing was changed.`);
      return EXIT.open;
    }
    const go = await prompts.confirm({ key: 'remove', message: `Remove these root credentials from ${open.length} account${open.length === 1 ? '' : 's'}?`, default: false });
    if (!go) {
      say('Nothing removed. Run it again when you are ready.');
      return EXIT.open;
    }
    say(t`\n${style.bold('Removing')}`);
    const removal = new Reporting(sinkFor(ctx.io, 'plain', open.length, 'Removing'), true);
    try {
      removal.start();
      const byId = new Map(chosen.map((m) => [m.id, m]));
      await removeFromMembers(sweep, open.map((r) => byId.get(r.id)!), removal.report);
      removal.end();
    } finally {
      removal.sink.close?.();
    }
    settled = settled && removal.ok;
  } else {
    say(t`\n${style.green('No member chosen has root credentials left to remove.')}`);
  }

  const managementCode = await handOverManagementAccount(found, chosen, prompts, context, say, choices);
  return settled && managementCode === EXIT.ok ? EXIT.ok : EXIT.open;
}

/** Each switch of centralized root access that is off: why, the CLI equivalent, a question, the call. Then reads the state again. */
async function turnOn(ctx: OrgContext, found: Survey, prompts: Prompts, say: Say, dryRun: boolean): Promise<CentralRootAccess> {
  say(t`\n${style.bold('Centralized root access')}`);
  const state = { ...found.access };
  let changed = false;
  for (const item of SWITCHES) {
    if (state[item.key]) {
      say(t`  ${style.green('✔')} ${item.title}: on`);
      continue;
    }
    say(t`  ${style.yellow('•')} ${item.title}: off. It ${item.why}.`);
    if (!found.isManagement) {
      say(style.gray('      Only the management account can turn it on.'));
      continue;
    }
    if (item.key !== 'trustedAccess' && !state.trustedAccess) {
      say(style.gray('      It needs trusted access for IAM first.'));
      continue;
    }
    say(style.gray(`      $ ${item.cli}`));
    if (dryRun) continue;
    if (!(await prompts.confirm({ key: item.key, message: `Turn on ${item.title.charAt(0).toLowerCase()}${item.title.slice(1)}?`, default: true }))) {
      say(style.gray('      Left off.'));
      continue;
    }
    await item.turnOn(ctx.clients, ctx.signal);
    state[item.key] = true;
    changed = true;
    say(t`  ${style.green('✔')} ${item.title}: on`);
  }
  // What IAM now reports is what counts, not what was asked for.
  return changed ? readCentralRootAccess(ctx.clients.iam, ctx.signal) : state;
}

/** --delegated-admin, or at a terminal the offer to register one when there is none. */
async function offerDelegatedAdmin(ctx: OrgContext, organization: Organization, prompts: Prompts, say: Say, choices: WizardChoices) {
  const current = await iamDelegatedAdministrators(ctx.clients.organizations, ctx.signal);
  if (current.length > 0) {
    say(t`  ${style.green('✔')} IAM's delegated administrator: ${current.join(', ')}`);
    if (!choices.delegatedAdmin || current.includes(choices.delegatedAdmin)) return;
  }
  let target = choices.delegatedAdmin;
  if (!target) {
    if (choices.yes) return;
    say(style.gray("  (optional) A delegated administrator for IAM, such as a security account, can audit and remove members' root credentials without the management account."));
    const want = await prompts.confirm({ key: 'offer-delegated-admin', message: "Register a delegated administrator for IAM? (optional)", default: false });
    if (!want) return;
    target = await prompts.text({
      key: 'delegated-admin',
      message: 'Account id of the delegated administrator',
      validate: (v) => {
        const valid = validatorFor(accountIdSchema)(v);
        if (valid !== true) return valid;
        if (v === organization.managementAccountId) return 'must be a member account, not the management account';
        return organization.accounts.some((a) => a.id === v) || `not in organization ${organization.id}`;
      },
    });
  } else if (!organization.accounts.some((a) => a.id === target) || target === organization.managementAccountId) {
    say(style.yellow(`  ! --delegated-admin ${target}: not a member account of ${organization.id}; not registered.`));
    return;
  }
  say(style.gray(`      $ ${registerDelegatedAdministratorCli(target)}`));
  if (choices.dryRun) return;
  if (!(await prompts.confirm({ key: 'register', message: `Register ${target} as IAM's delegated administrator?`, default: true }))) return;
  await registerDelegatedAdministrator(ctx.clients.organizations, target, ctx.signal);
  say(t`  ${style.green('✔')} IAM's delegated administrator: ${target}`);
}

/** At a terminal: every member, the accounts under an OU (from the tree), or accounts named. */
async function askSelection(ctx: OrgContext, organization: Organization, prompts: Prompts): Promise<Selection> {
  const kind = await prompts.select<'all' | 'ou' | 'accounts'>({
    key: 'accounts',
    message: 'Which member accounts?',
    choices: [
      { value: 'all', name: `All ${accountsOf(organization.accounts.length)}` },
      { value: 'ou', name: 'The accounts under an organizational unit' },
      { value: 'accounts', name: 'Accounts I name' },
    ],
    default: 'all',
  });
  if (kind === 'all') return { kind };
  if (kind === 'ou') {
    const tree = await unitTree(ctx.clients.organizations, ctx.signal);
    const id = await prompts.select({ key: 'ou', message: 'Which organizational unit (its accounts at any depth)?', choices: tree.map((u) => ({ value: u.id, name: `${u.path} (${u.id})` })) });
    return { kind, id };
  }
  const list = await prompts.text({
    key: 'accounts',
    message: 'Account ids, separated by commas',
    validate: (v) => {
      const ids = v.split(',').map((id) => id.trim());
      const bad = ids.find((id) => !organization.accounts.some((a) => a.id === id));
      return bad === undefined || `${bad || '(empty)'} is not an account of ${organization.id}`;
    },
  });
  return { kind, ids: list.split(',').map((id) => id.trim()) };
}

function showPlan(ctx: OrgContext, open: MemberReport[], access: CentralRootAccess, say: Say) {
  say(t`\n${style.bold(`Plan: remove the root credentials of ${open.length} member account${open.length === 1 ? '' : 's'}`)}`);
  say('  For each account, a root session for this task alone, then one call per credential:');
  say(style.gray(`    $ ${assumeRootCli(ctx.partition, 'ACCOUNT', 'IAMDeleteRootUserCredentials')}`));
  say(style.gray('    $ aws iam delete-login-profile · delete-access-key · delete-signing-certificate · deactivate-mfa-device'));
  say(style.gray('      (and delete-virtual-mfa-device), signed with the session\'s credentials: no user name, so each acts on root'));
  for (const r of open) say(`  • ${r.id} ${r.name}: ${removalsFor(r.root!).map((x) => x.what).join(', ')}`);
  if (!access.rootCredentialsManagement) {
    say(style.yellow('  ! Root credentials management is off: a member whose root credentials are removed can still recover a root password by email.'));
  }
}

/** The management account's root cannot be centralized: at a terminal, offer the single-account wizard for it. */
async function handOverManagementAccount(found: Survey, chosen: { id: string }[], prompts: Prompts, context: OrgRunContext, say: Say, choices: WizardChoices): Promise<number> {
  const managementId = found.organization.managementAccountId;
  if (!chosen.some((m) => m.id === managementId)) return EXIT.ok;
  say(t`\n${style.bold(`The management account ${managementId}`)}: its root cannot be managed centrally.`);
  if (!found.isManagement || choices.yes || choices.dryRun || !context.singleAccountWizard || !context.io.canPrompt) {
    say(`  Lock it with the single-account wizard: ${singleAccountCommand()}, signed in to ${managementId}.`);
    return EXIT.ok;
  }
  if (!(await prompts.confirm({ key: 'management', message: "Lock the management account's own root now, with the single-account wizard?", default: true }))) {
    say(`  Later: ${singleAccountCommand()}`);
    return EXIT.ok;
  }
  return context.singleAccountWizard(choices.wizardArgv);
}
