import { ROOT, type PracticeAccount } from '../account.js';
import type { Handler } from './handlers.js';
import { ServiceError } from '../protocols/query-protocol.js';
import type { AccessKey } from '../scenarios/scenario.js';

/**
 * The credential report: a CSV snapshot of every identity's passwords, MFA and access keys, made
 * at most every 4 hours, so a change made since does not show until the next one. Root has its
 * own `<root_account>` row, whose password_enabled is always not_supported.
 */

const REPORT_LIFETIME_MS = 4 * 3_600_000;

const COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

/** The report's own date format: seconds and a +00:00 offset. */
const reportDate = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** The practice account does not know where a key was used: a used key names us-east-1 and IAM. */
function keyCells(key: AccessKey | undefined): string[] {
  if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.lastUsed ? [reportDate(key.lastUsed), 'us-east-1', 'iam'] : ['N/A', 'N/A', 'N/A'];
  return [String(key.status === 'Active'), reportDate(key.created), ...used];
}

/** cert_N_active and cert_N_last_rotated for up to two certificates. */
const certificateCells = (certificates: { status: string; created: string }[]) =>
  [0, 1].flatMap((i) => {
    const c = certificates[i];
    return c ? [String(c.status === 'Active'), reportDate(c.created)] : ['false', 'N/A'];
  });

function rows(a: PracticeAccount): string[][] {
  const { root, users, passwordPolicy, accountId } = a.state;
  const rootRow = [
    '<root_account>', a.rootArn, reportDate(root.created), 'not_supported',
    root.passwordLastUsed ? reportDate(root.passwordLastUsed) : root.password ? 'no_information' : 'N/A',
    'not_supported', 'not_supported', String(a.mfaDevicesOf(ROOT).length > 0),
    ...keyCells(root.accessKeys[0]), ...keyCells(root.accessKeys[1]), ...certificateCells(root.signingCertificates),
  ];
  const userRows = users.map((u) => {
    const profile = u.loginProfile;
    const maxAge = passwordPolicy?.MaxPasswordAge;
    const nextRotation = profile && maxAge ? reportDate(new Date(new Date(profile.created).getTime() + maxAge * 86_400_000).toISOString()) : 'N/A';
    return [
      u.name, `arn:aws:iam::${accountId}:user/${u.name}`, reportDate(u.created), String(Boolean(profile)),
      !profile ? 'N/A' : u.passwordLastUsed ? reportDate(u.passwordLastUsed) : 'no_information',
      profile ? reportDate(profile.created) : 'N/A', nextRotation, String(a.mfaDevicesOf(u.name).length > 0),
      ...keyCells(u.accessKeys[0]), ...keyCells(u.accessKeys[1]), ...certificateCells([]),
    ];
  });
  return [rootRow, ...userRows];
}

const reportAge = (a: PracticeAccount) => (a.credentialReport ? a.now().getTime() - a.credentialReport.generatedAt.getTime() : Infinity);

export const reportHandlers: Record<string, Handler> = {
  /** Made at once (IAM takes seconds): the first call says STARTED, later ones COMPLETE until it is 4 hours old. */
  GenerateCredentialReport(a) {
    if (reportAge(a) < REPORT_LIFETIME_MS) return { State: 'COMPLETE' };
    const csv = [COLUMNS, ...rows(a)].map((cells) => cells.join(',')).join('\n');
    a.credentialReport = { generatedAt: a.now(), csv: `${csv}\n` };
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  },

  GetCredentialReport(a) {
    const report = a.credentialReport;
    if (!report) throw new ServiceError('ReportNotPresent', 'Credential report not present. Call GenerateCredentialReport first.', 410);
    if (reportAge(a) >= REPORT_LIFETIME_MS) {
      throw new ServiceError('ReportExpired', 'The credential report is more than 4 hours old. Call GenerateCredentialReport for a new one.', 410);
    }
    return {
      Content: Buffer.from(report.csv).toString('base64'),
      ReportFormat: 'text/csv',
      GeneratedTime: report.generatedAt.toISOString(),
    };
  },
};
