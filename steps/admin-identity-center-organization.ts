import { accountOrganization, createOrganization, type AccountOrganization } from '../src/aws/organization.js';
import type { CheckResult, Plan } from '../src/engine/types.js';
import { launch } from '../src/invocation.js';
import { part, type IdentityCenterRun } from './admin-identity-center-part.js';
import type { InputsFor } from './manifest.js';

type In = InputsFor<'admin-user'>;

/** Where the account stands: the part's check, worded. */
function standing(org: AccountOrganization | undefined, account: string): CheckResult & { reason?: 'member' | 'billing-only' } {
  if (!org) return { status: 'fail', detail: 'this account is in no AWS Organization yet' };
  if (org.managementAccountId !== account) {
    return { status: 'fail', reason: 'member', detail: `this account is a member of organization ${org.id}, managed by account ${org.managementAccountId}` };
  }
  if (org.featureSet !== 'ALL') {
    return { status: 'fail', reason: 'billing-only', detail: `organization ${org.id} has consolidated billing only; Identity Center needs all features` };
  }
  return { status: 'pass', detail: `this account manages organization ${org.id}, with all features` };
}

/** What the plan says where it cannot create an organization, with the way out. */
const CANNOT: Record<'member' | 'billing-only', (org: AccountOrganization) => string> = {
  member: (org) =>
    `This account is a member of organization ${org.id}: its Identity Center is run from the management account ` +
    `(${org.managementAccountId}). Ask that account's administrator to assign you AdministratorAccess in this account there, ` +
    `or set up an IAM user instead: ${launch('--admin-via', 'iam-user')}.`,
  'billing-only': (org) =>
    `Organization ${org.id} has consolidated billing only. Identity Center needs all features: in the AWS Organizations ` +
    'console, Settings, choose "Enable all features" (every member account must accept), then run this again.',
};

/**
 * Part 1: an organization. Identity Center gives access to AWS accounts only from an organization
 * instance, which the management account of an organization with all features holds; a
 * standalone account becomes one (organizations:CreateOrganization, FeatureSet ALL). An account
 * instance (sso-admin:CreateInstance) cannot give access to accounts, and is never made here.
 */
export const organizationPart = (run: Pick<IdentityCenterRun, 'aws' | 'signal'>) =>
  part({
    id: 'identity-center-organization',
    kind: 'automated',
    title: 'An organization managed by this account',
    why: 'Identity Center gives access to AWS accounts only from an organization instance, which lives in the management account of an AWS Organization.',
    explain: {
      when: 'Once, before Identity Center is enabled. An account that already manages an organization with all features has it.',
      gotcha:
        'A standalone account can also enable an "account instance" of Identity Center, but that one cannot give anyone access to AWS accounts: only an organization instance can.',
      cliCheck: 'aws organizations describe-organization',
    },

    async check(ctx) {
      return standing(await accountOrganization(run.aws, run.signal), ctx.identity.account);
    },

    async plan(ctx): Promise<Plan<In>> {
      const org = await accountOrganization(ctx.aws, ctx.signal);
      const { reason } = standing(org, ctx.identity.account);
      if (org && reason) return { summary: '', actions: [], skipped: CANNOT[reason](org) };
      return {
        summary: 'Make this account the management account of a new AWS Organization',
        actions: [
          {
            title: 'Create an organization with all features, managed by this account',
            cli: 'aws organizations create-organization --feature-set ALL',
            run: (c) => createOrganization(c.aws, c.signal),
          },
        ],
        notes: [
          'What changes: this account becomes the management account of an organization with no other account in it. ' +
            'Nothing in the account is moved or removed, and it costs nothing.',
          'From then on it can create or invite other accounts, whose bills it pays (consolidated billing), and limit what ' +
            'they may do with service control policies, which never limit the management account itself.',
          'AWS may email the root address to verify it: that is needed only before inviting other accounts.',
          'While no other account has joined, it can be undone: AWS Organizations console, Settings, "Delete organization".',
        ],
      };
    },
  });
