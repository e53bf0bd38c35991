import type { PasswordPolicy } from '@aws-sdk/client-iam';
import type { StepContext } from '../src/engine/types.js';
import type { InputsFor } from './manifest.js';
import { generatePassword, passwordProblem } from '../src/password.js';

export type PasswordSource = 'given' | 'generate' | 'type';

/**
 * The admin's first console password, obtained only when it is about to be set, so a generated
 * one is on the person's screen (and confirmed saved) before AWS holds it. Never stored or logged.
 */
export async function obtainPassword(
  ctx: StepContext<InputsFor<'admin-user'>>,
  userName: string,
  source: PasswordSource,
  policy: PasswordPolicy | undefined,
): Promise<string> {
  // Checked against the policy when the plan was made.
  if (source === 'given') return ctx.inputs.password ?? '';
  if (source === 'type') return typePassword(ctx, userName, policy);

  const password = generatePassword(policy);
  ctx.ui.showSecret(`First console password for ${userName}`, password);
  while (
    !(await ctx.ui.confirm({
      key: 'password-saved',
      message: 'Saved it in a password manager? It is not shown again.',
      default: false,
    }))
  ) {
    ctx.ui.note({ level: 'warn', text: 'Please save it first: nothing is created until you do.' });
  }
  ctx.ui.forgetSecret();
  return password;
}

async function typePassword(ctx: StepContext<InputsFor<'admin-user'>>, userName: string, policy: PasswordPolicy | undefined): Promise<string> {
  for (;;) {
    const first = await ctx.ui.secret({
      key: 'password',
      message: `First console password for ${userName}`,
      validate: (value) => {
        const problem = passwordProblem(value, policy);
        return problem ? `The password ${problem}` : true;
      },
    });
    const again = await ctx.ui.secret({ key: 'password-again', message: 'Type it again' });
    if (first === again) return first;
    ctx.ui.note({ level: 'warn', text: 'The two did not match; once more.' });
  }
}
