import { isAlreadyExists } from '../src/aws/aws-error.js';
import * as writes from '../src/aws/iam-writes.js';
import { defineStep, type InputsFor } from './manifest.js';
import type { CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { missingFlags } from './missing-flags.js';

type Context = StepContext<InputsFor<'account-alias'>>;

export const accountAlias = defineStep('account-alias', {
  kind: 'automated',
  why:
    'IAM users sign in at an address made of the 12-digit account id. An alias (a name of your choosing) makes it ' +
    'one you can remember and tell apart from a phishing page.',
  explain: {
    when: 'When the account id is hard to remember, or several people sign in.',
    gotcha: 'An alias is global across all of AWS and is visible in the sign-in address: pick something recognisable but not secret.',
    cliCheck: 'aws iam list-account-aliases',
  },

  async check({ identity, read, console }: CheckContext): Promise<CheckResult> {
    const alias = await read.accountAlias();
    return alias
      ? { status: 'pass', detail: `IAM users sign in at ${console.signIn(alias)}` }
      : { status: 'fail', detail: `no alias; IAM users sign in at ${console.signIn(identity.account)}` };
  },

  async plan(ctx: Context): Promise<Plan<InputsFor<'account-alias'>>> {
    const alias = await ctx.input('accountAlias');
    if (!alias && !ctx.dryRun) return missingFlags('account-alias');
    const shown = alias ?? 'ALIAS';
    return {
      summary: `Sign-in address ${ctx.console.signIn(shown)}`,
      actions: [
        {
          title: `Create the account alias ${shown}`,
          cli: `aws iam create-account-alias --account-alias ${shown}`,
          run: (c) => createAlias(c, shown),
        },
      ],
      notes: ['Aliases are unique across all of AWS: if this one is taken, you can pick another. The account-id address keeps working.'],
    };
  },
});

/** A taken alias is the person's to fix: asked again in a terminal, a usage error otherwise. */
async function createAlias(ctx: Context, first: string): Promise<void> {
  for (let alias = first; ; ) {
    try {
      await writes.createAccountAlias(ctx, alias);
      return;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      ctx.ui.note({ level: 'warn', text: `"${alias}" is taken by another AWS account.` });
      const another = await ctx.askAgain('accountAlias', 'Another alias');
      if (!another) throw new UsageError(`--account-alias ${alias}: another AWS account has that alias; run again with another --account-alias`);
      alias = another;
    }
  }
}
