import { CreateLoginProfileCommand } from '@aws-sdk/client-iam';
import { isAlreadyExists } from '../aws/aws-error.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { style } from '../ui/text.js';
import type { OrgContext } from './context.js';
import type { OrgRunContext } from './main.js';
import { OrgStateError } from './org-errors.js';
import { promptsFor } from './prompts.js';
import { assumeRootCli, openRootSession } from './root-session.js';
import { sayer } from './say.js';
import { rootSessionsOff } from './status.js';
import { orgCommand } from './commands.js';
import { survey } from './survey.js';

/**
 * `org break-glass --account ID`: for the rare task only root can do, re-enable password recovery
 * for one member's root. In a root session scoped by IAMCreateRootUserPassword, CreateLoginProfile
 * is sent without a password: AWS sets none, it lets whoever reads the account's root mailbox set one
 * with "Forgot password?". AWS offers it only while the member's root has no credentials at all,
 * so a root that still has a password is left as it is. Removing it again is the org wizard's job.
 */
export async function breakGlass(ctx: OrgContext, context: OrgRunContext, accountId: string, yes: boolean): Promise<number> {
  const say = sayer(ctx.io);
  const { organization, access } = await survey(ctx.clients, ctx.identity, ctx.signal);
  const member = organization.accounts.find((a) => a.id === accountId);
  if (!member) throw new UsageError(`--account: ${accountId} is not in organization ${organization.id}`);
  if (member.id === organization.managementAccountId) {
    throw new UsageError("--account: that is the management account, whose root is not managed centrally: sign in to it as root in the console to recover its password");
  }
  if (!access.rootSessions) throw new OrgStateError(rootSessionsOff());

  say(style.bold(`Break glass: let the root user of ${member.id} (${member.name}) recover its password`));
  say(
    `  A few tasks only root can do (closing the account, changing its root email address, some support plans). This lets whoever reads ${member.email || "the account's root email address"} set a root password with "Forgot password?". No password is set or shown here. Remove it again when the task is done.`,
  );
  say(style.gray(`    $ ${assumeRootCli(ctx.partition, member.id, 'IAMCreateRootUserPassword')}`));
  say(style.gray('    $ aws iam create-login-profile   (with the session\'s credentials, and no password)'));
  const prompts = await promptsFor(context, yes);
  const go = await prompts.confirm({ key: 'break-glass', message: `Let the root user of ${member.id} recover its password by email?`, default: false });
  if (!go) {
    say('Nothing changed.');
    return EXIT.open;
  }
  const iam = await openRootSession(ctx.clients, ctx.partition, member.id, 'IAMCreateRootUserPassword', ctx.signal);
  try {
    await iam.send(new CreateLoginProfileCommand({}), { abortSignal: ctx.signal });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    say(`The root user of ${member.id} already has a password: nothing changed. Remove it with: ${orgCommand('--accounts', member.id)}`);
    return EXIT.open;
  }
  say(style.green(`✔ The root user of ${member.id} can now recover its password.`));
  say('  Next:');
  say(`    1. At https://console.aws.amazon.com/ choose "Root user", enter ${member.email || 'the root email address'}, then "Forgot password?".`);
  say('    2. Follow the email, sign in as root, and do the task.');
  say(`    3. Lock it away again: ${orgCommand('--accounts', member.id)}`);
  return EXIT.ok;
}
