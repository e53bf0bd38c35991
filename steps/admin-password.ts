import type { StepContext } from '../src/engine/types.js';
import { generatePassword } from '../src/password.js';
import { describeRule, passwordProblem, type PasswordRule } from '../src/rules/password-policy.js';
import type { InputsFor } from './manifest.js';

export type PasswordSource = 'given' | 'generate' | 'type';

/**
 * The admin's first console password, obtained only when it is about to be set, so a generated
 * one is on the person's screen (and confirmed saved) before AWS holds it. Never stored or logged.
 */
export async function obtainPassword(
  ctx: StepContext<InputsFor<'admin-user'>>,
  userName: string,
  source: PasswordSource,
  rule: PasswordRule,
): Promise<string> {
  // Checked against the policy when the plan was made.
  if (source === 'given') return ctx.inputs.password ?? '';
  if (source === 'type') return typePassword(ctx, userName, rule);

  const password = generatePassword(rule);
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

async function typePassword(ctx: StepContext<InputsFor<'admin-user'>>, userName: string, rule: PasswordRule): Promise<string> {
  ctx.ui.note({ level: 'info', text: `The password needs ${describeRule(rule)}.` });
  for (;;) {
    const first = await ctx.ui.secret({
      key: 'password',
      message: `First console password for ${userName}`,
      validate: (value) => {
        const problem = passwordProblem(value, rule);
        return problem ? `The password ${problem}` : true;
      },
    });
    const again = await ctx.ui.secret({ key: 'password-again', message: 'Type it again' });
    if (first === again) return first;
    ctx.ui.note({ level: 'warn', text: 'The two did not match; once more.' });
  }
}
