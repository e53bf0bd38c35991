import type { CheckContext, CheckResult } from '../src/engine/types.js';
import { defineStep } from './manifest.js';

export const rootSigningCertificates = defineStep('root-signing-certificates', {
  kind: 'console',
  why:
    'An X.509 signing certificate is a root credential as much as an access key is: whoever holds its private key ' +
    'can sign requests as root, with no password and no MFA. Root should have none.',
  waitingFor: 'the root user to have no signing certificates',
  explain: {
    when: 'Always: root needs no signing certificate. A tool that signs with one can have an IAM user of its own.',
    gotcha:
      'They sit on the same console page as root\'s access keys and are easy to overlook. Deactivating one is not ' +
      'enough: it still exists and can be switched back on. Delete it.',
    cliCheck: "aws iam get-account-summary --query 'SummaryMap.AccountSigningCertificatesPresent'   # 0 means none",
  },

  async check({ identity, read }: CheckContext): Promise<CheckResult> {
    if (!identity.hasRootCredentials) {
      return { status: 'not-applicable', detail: `${identity.partition} accounts have no root signing certificates` };
    }
    const summary = await read.summary();
    return summary.AccountSigningCertificatesPresent === 0
      ? { status: 'pass', detail: 'root has no signing certificates' }
      : { status: 'fail', detail: 'root still has an X.509 signing certificate' };
  },

  // The same page and the same kind of delete as root's access keys (IAM User Guide, "Delete access
  // keys for the root user", id_root-user_manage_delete-key.html); AWS documents no console procedure
  // of its own for root's X.509 certificates. Quoted words are the console's own control names.
  checklist: ({ console }) => ({
    url: console.rootCredentials,
    items: [
      'Sign in to the AWS console as the root user.',
      'At the top right, open the "Account menu" and choose "Security credentials".',
      'In "X.509 certificates", open the certificate\'s "Actions" menu and choose "Delete".',
      'In the dialog, choose "Deactivate", type the certificate\'s ID in "Certificate ID", then choose "Delete". Do it for each certificate: an inactive one can be switched back on.',
    ],
    tips: ['If a tool still signs requests with one, give the tool an IAM user or role of its own first.'],
  }),

  doItForMe: (hands) => hands.deleteRootSigningCertificates(),
});
