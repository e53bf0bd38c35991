import { ownInstance, type IdentityCenterInstance } from '../src/aws/identity-center.js';
import type { CheckResult } from '../src/engine/types.js';
import { part, type IdentityCenterRun } from './admin-identity-center-part.js';

/** Identity Center in the run's region, owned by this account and ACTIVE, or why not. */
export async function enabledInstance(run: IdentityCenterRun, account: string): Promise<{ instance?: IdentityCenterInstance; result: CheckResult }> {
  const instance = await ownInstance(run.ic, account);
  if (!instance) return { result: { status: 'fail', detail: `IAM Identity Center is not enabled in ${run.region}` } };
  if (instance.status !== 'ACTIVE') return { result: { status: 'fail', detail: `IAM Identity Center in ${run.region} is ${instance.status}, not ACTIVE yet` } };
  return { instance, result: { status: 'pass', detail: `IAM Identity Center is enabled in ${run.region} (identity store ${instance.identityStoreId})` } };
}

/**
 * Part 2: Identity Center enabled, in the console: AWS offers no API to enable an organization
 * instance (sso-admin:CreateInstance makes account instances only). The wizard polls
 * sso-admin:ListInstances in the chosen region until an instance this account owns is ACTIVE.
 */
export const enablePart = (run: IdentityCenterRun) =>
  part({
    id: 'identity-center-enable',
    kind: 'console',
    title: `IAM Identity Center enabled in ${run.region}`,
    why: 'Enabling it makes the directory its users live in and the AWS access portal they sign in at; AWS allows this only in the console.',
    waitingFor: `IAM Identity Center to be enabled in ${run.region}`,
    explain: {
      when: 'Once per organization, in its management account.',
      gotcha:
        'Identity Center lives in the one region it is enabled in: enabled in another region than this run looks in, it is not found here, ' +
        'and moving it means deleting it (its users, permission sets and portal address go with it).',
      cliCheck: `aws sso-admin list-instances --region ${run.region}`,
    },

    async check(ctx) {
      return (await enabledInstance(run, ctx.identity.account)).result;
    },

    checklist(ctx) {
      return {
        url: ctx.console.identityCenter(run.region),
        items: [
          'Open the IAM Identity Center console, signed in to this account (as root or an administrator).',
          `In the region menu at the top right, choose ${run.region}: Identity Center lives in the region it is enabled in, and this run looks for it there.`,
          'Choose "Enable". Where it offers two kinds, choose the one with AWS Organizations (an organization instance): an account instance cannot give access to AWS accounts.',
          'Wait for the dashboard, which shows the "AWS access portal URL": Identity Center is on.',
        ],
        tips: [
          'Enabling it is free. Its users live in its own directory (the "Identity Center directory") unless you connect another one.',
          `Enabled in another region already? Stop (Ctrl-C) and run again with --identity-center-region and that region.`,
        ],
      };
    },

    doItForMe: (hands) => hands.enableIdentityCenter(run.region),
  });
