import { isAlreadyExists } from '../src/aws/aws-error.js';
import * as writes from '../src/aws/iam-writes.js';
import { signInUrl } from '../src/aws/identity.js';
import type { AutomatedStep, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { UsageError } from '../src/errors.js';
import { accountAliasSchema, validatorFor } from '../src/inputs.js';
import { missingFlags, valueOrAsk } from './ask.js';

const aliasQuestion = (message: string) => ({ key: 'account-alias', message, validate: validatorFor(accountAliasSchema) });

export const accountAlias: AutomatedStep = {
  id: 'account-alias',
  kind: 'automated',
  title: 'Give the account a memorable sign-in address',
  why:
    'IAM users sign in at an address made of the 12-digit account id. An alias (a name of your choosing) makes it ' +
    'one you can remember and tell apart from a phishing page.',
  required: false,
  inStatus: true,
  explain: {
    when: 'When the account id is hard to remember, or several people sign in.',
    gotcha: 'An alias is global across all of AWS and is visible in the sign-in address: pick something recognisable but not secret.',
    cliCheck: 'aws iam list-account-aliases',
  },

  async check({ identity, read }: CheckContext): Promise<CheckResult> {
    const alias = await read.accountAlias();
    return alias
      ? { status: 'pass', detail: `IAM users sign in at ${signInUrl(identity, alias)}` }
      : { status: 'fail', detail: `no alias; IAM users sign in at ${signInUrl(identity, identity.account)}` };
  },

  async plan(ctx: StepContext): Promise<Plan> {
    const alias = await valueOrAsk(ctx, ctx.inputs.accountAlias, aliasQuestion('Alias for the sign-in address (3-63 of a-z, 0-9, -; unique across AWS)'));
    if (!alias && !ctx.dryRun) return missingFlags('account-alias', ['--account-alias']);
    const shown = alias ?? 'ALIAS';
    return {
      summary: `Sign-in address ${signInUrl(ctx.identity, shown)}`,
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
};

/** A taken alias is the person's to fix: ask again in a terminal, a usage error otherwise. */
async function createAlias(ctx: StepContext, first: string): Promise<void> {
  for (let alias = first; ; ) {
    try {
      await writes.createAccountAlias(ctx, alias);
      return;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      if (!ctx.ui.interactive) throw new UsageError(`--account-alias ${alias}: another AWS account has that alias; run again with another --account-alias`);
      ctx.ui.note({ level: 'warn', text: `"${alias}" is taken by another AWS account.` });
      alias = await ctx.ui.text(aliasQuestion('Another alias'));
    }
  }
}
