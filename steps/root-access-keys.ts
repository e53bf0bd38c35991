import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';

export const rootAccessKeys = defineStep('root-access-keys', {
  kind: 'console',
  why:
    'A root access key gives unlimited API access that no policy can narrow, and it never expires. ' +
    'Scripts and tools should use an IAM user or role instead, so root should have no keys at all.',
  waitingFor: 'the root user to have no access keys',
  explain: {
    when: 'Always: root should have no access keys at all. Scripts and tools use an IAM user or a role.',
    gotcha: 'Deactivating is not enough: an inactive key still exists, still counts, and can be switched back on. Delete it.',
    cliCheck: "aws iam get-account-summary --query 'SummaryMap.AccountAccessKeysPresent'   # 0 means none",
  },

  async check({ identity, read }: CheckContext): Promise<CheckResult> {
    if (!identity.hasRootCredentials) {
      return { status: 'not-applicable', detail: `${identity.partition} accounts have no root access keys` };
    }
    const summary = await read.summary();
    return summary.AccountAccessKeysPresent === 0
      ? { status: 'pass', detail: 'root has no access keys' }
      : { status: 'fail', detail: 'root still has an access key (deactivated keys count too)' };
  },

  // The console flow of the IAM User Guide, "Delete access keys for the root user":
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html
  // Quoted words are the console's own control names.
  checklist: ({ identity, console }) => ({
    url: console.rootCredentials,
    items: [
      'Sign in to the AWS console as the root user.',
      'At the top right, open the "Account menu" and choose "Security credentials".',
      'In "Access keys", open the key\'s "Actions" menu and choose "Delete".',
      'In the dialog, choose "Deactivate", type the key\'s ID in "Access key ID", then choose "Delete". Do it for each key: an inactive key still counts.',
      ...(identity.usesRootAccessKey
        ? [
            'This run is signed with a root access key: deleting it ends this session. ' +
              'Afterwards, continue in AWS CloudShell or after "aws login" as your admin user.',
          ]
        : []),
    ],
    tips: ['Root cannot be deleted and you will still need it now and then: lock it away, do not remove it.'],
  }),

  doItForMe: (hands) => hands.deleteRootAccessKeys(),
});
