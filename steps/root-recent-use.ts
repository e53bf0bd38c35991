import { defineStep } from './manifest.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';
import { ago } from '../src/wording.js';

/** Scanners flag any root use in recent days; a week is the window this check speaks of. */
const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

const ROOT_ROW = '<root_account>';
const USE_FIELDS = { password_last_used: 'signed in', access_key_1_last_used_date: 'used access key 1', access_key_2_last_used_date: 'used access key 2' };

/** "no_information", "N/A" and empty cells mean never (or not recorded). */
const dateIn = (cell: string | undefined) => (cell && /^\d{4}-/.test(cell) ? new Date(cell) : undefined);

export const rootRecentUse = defineStep('root-recent-use', {
  kind: 'advisory',
  why:
    'Every use of root is a chance for its credentials to leak, and scanners report it. Once an admin user ' +
    'exists, root is for the few tasks only root can do.',
  explain: {
    when: 'On every re-check, weeks after setup.',
    gotcha: 'The credential report is regenerated at most every 4 hours: it cannot confirm a change made minutes ago.',
    cliCheck: 'aws iam generate-credential-report && aws iam get-credential-report',
  },

  // The credential report is hours old by design: it tells when root was last used, never whether a change just made took effect.
  async check({ identity, read }: CheckContext): Promise<CheckResult> {
    if (!identity.hasRootCredentials) return { status: 'not-applicable', detail: `${identity.partition} accounts have no root sign-in` };
    const { report, renewing } = await read.credentialReport();
    if (!report) return { status: 'info', detail: 'AWS had no current credential report; a new one is being made: run this again in a minute' };
    // Ages are wall-clock facts, like the report's own timestamps.
    const now = Date.now();
    const age = `report made ${ago(report.generatedAt.getTime(), now)}${renewing ? '; a newer one is being made' : ''}`;
    const row = report.rows.find((r) => r.user === ROOT_ROW);
    if (!row) return { status: 'info', detail: `the credential report has no root row (${age})` };
    const uses = Object.entries(USE_FIELDS)
      .map(([field, what]) => ({ what, when: dateIn(row[field]) }))
      .filter((u): u is { what: string; when: Date } => u.when !== undefined)
      .sort((a, b) => b.when.getTime() - a.when.getTime());
    const whileRoot = identity.isRoot ? '; this run itself is signed in as root' : '';
    const latest = uses[0];
    if (!latest) return { status: identity.isRoot ? 'info' : 'pass', detail: `root has no recorded use (${age})${whileRoot}` };
    const detail = `root last ${latest.what} ${ago(latest.when.getTime(), now)} (${age})${whileRoot}`;
    return now - latest.when.getTime() < RECENT_DAYS * DAY_MS || identity.isRoot ? { status: 'info', detail } : { status: 'pass', detail };
  },

  advice: () => ({
    heading: 'Keeping root unused',
    items: [
      'Sign in as your admin user for everyday work, this wizard included once the admin user exists.',
      'Keep root for what only root can do: changing the account email or support plan, closing the account, restoring a locked-out admin.',
      'If nobody you know used root, change its password and check CloudTrail for what it did.',
    ],
  }),
});
