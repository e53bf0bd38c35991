import { defineStep } from './manifest.js';
import type { PasswordPolicy } from '@aws-sdk/client-iam';
import * as writes from '../src/aws/iam-writes.js';
import type { CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { modelRule } from '../src/rules/field-rule.js';
import type { PasswordRule } from '../src/rules/password-policy.js';

/** CIS AWS Foundations Benchmark 1.8 and 1.9 (Security Hub IAM.15 and IAM.16). */
export const CIS = { MinimumPasswordLength: 14, PasswordReusePrevention: 24 };

const describe = (policy: PasswordPolicy | undefined) =>
  `minimum length ${policy?.MinimumPasswordLength ?? 8}, ` +
  `reuse prevention ${policy?.PasswordReusePrevention ? `the last ${policy.PasswordReusePrevention}` : 'none'}`;

function shortfalls(policy: PasswordPolicy | undefined): string[] {
  const found: string[] = [];
  if ((policy?.MinimumPasswordLength ?? 0) < CIS.MinimumPasswordLength) found.push(`length below ${CIS.MinimumPasswordLength}`);
  if ((policy?.PasswordReusePrevention ?? 0) < CIS.PasswordReusePrevention) found.push(`reuse prevention below ${CIS.PasswordReusePrevention}`);
  return found;
}

/** The CIS values where they are stricter; everything else as it was (a new policy also lets users change their own password). */
export function strengthened(policy: PasswordPolicy | undefined): PasswordPolicy {
  const base: PasswordPolicy = policy ?? { AllowUsersToChangePassword: true };
  return {
    ...base,
    MinimumPasswordLength: Math.max(base.MinimumPasswordLength ?? 0, CIS.MinimumPasswordLength),
    PasswordReusePrevention: Math.max(base.PasswordReusePrevention ?? 0, CIS.PasswordReusePrevention),
  };
}

/**
 * What a first console password must meet whatever the account's policy turns out to be, so
 * --password-stdin is checked before any call: the length this step sets when it runs, else the
 * least any policy allows (minimumPasswordLengthType's minimum). The rest waits for the account.
 */
export function passwordRuleBeforeReading(stepRuns: boolean): PasswordRule {
  return stepRuns
    ? { minLength: CIS.MinimumPasswordLength, required: [], classesNeeded: 0, from: ['the password policy this run sets'] }
    : { minLength: modelRule('iam', 'UpdateAccountPasswordPolicyRequest.MinimumPasswordLength').model.min!, required: [], classesNeeded: 0, from: ['any IAM password policy'] };
}

function cliFor(p: PasswordPolicy): string {
  const flags = [
    `--minimum-password-length ${p.MinimumPasswordLength}`,
    `--password-reuse-prevention ${p.PasswordReusePrevention}`,
    p.RequireSymbols && '--require-symbols',
    p.RequireNumbers && '--require-numbers',
    p.RequireUppercaseCharacters && '--require-uppercase-characters',
    p.RequireLowercaseCharacters && '--require-lowercase-characters',
    p.AllowUsersToChangePassword && '--allow-users-to-change-password',
    p.ExpirePasswords && p.MaxPasswordAge && `--max-password-age ${p.MaxPasswordAge}`,
    p.HardExpiry && '--hard-expiry',
  ];
  return `aws iam update-account-password-policy ${flags.filter(Boolean).join(' ')}`;
}

export const passwordPolicy = defineStep('password-policy', {
  kind: 'automated',
  why:
    'Length is what makes a password hard to guess, and reuse prevention stops a leaked old password from ' +
    'coming back. CIS and Security Hub check for both, for every IAM user including your admin.',
  explain: {
    when: 'Before anyone else gets an IAM user with a password.',
    gotcha: 'The policy applies to IAM users only, never to root: root still needs its own long password and MFA.',
    cliCheck: 'aws iam get-account-password-policy',
  },

  async check({ read }: CheckContext): Promise<CheckResult> {
    const policy = await read.passwordPolicy();
    const missing = shortfalls(policy);
    if (missing.length === 0) return { status: 'pass', detail: describe(policy) };
    return { status: 'fail', detail: `${policy ? describe(policy) : 'no password policy (AWS defaults: length 8, no reuse prevention)'}; CIS: length ${CIS.MinimumPasswordLength}, reuse ${CIS.PasswordReusePrevention}` };
  },

  async plan(ctx: StepContext): Promise<Plan> {
    const current = await ctx.read.passwordPolicy();
    const wanted = strengthened(current);
    return {
      summary: 'Raise the password policy to the CIS recommendation',
      actions: [
        {
          title: `Set the password policy: ${describe(wanted)}`,
          cli: cliFor(wanted),
          // Read again at the moment of writing, so nothing set since the plan is lost.
          run: async (c) => void (await writes.updatePasswordPolicy(c, strengthened(await c.read.passwordPolicy()))),
        },
      ],
      notes: [
        `Now: ${current ? describe(current) : 'no policy'}. CIS: minimum length ${CIS.MinimumPasswordLength}, reuse prevention ${CIS.PasswordReusePrevention}.`,
        'Anything stricter already set (symbols, expiry, a longer length) is kept. Existing passwords stay valid until they are changed.',
      ],
    };
  },
});
