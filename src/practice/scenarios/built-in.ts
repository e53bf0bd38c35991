import type { ScenarioName } from './names.js';
import { newAccountScenario, type Scenario } from './scenario.js';

/**
 * Starting points an instructor can hand out by name (--practice-scenario NAME), besides a
 * scenario file of their own (--practice-state FILE). Each is a plain Scenario, made relative to
 * `now` so that "last used" dates read as days ago, not as a fixed year. None holds a secret.
 */

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const DAY = 86_400_000;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Each built-in scenario (names.ts says what it starts from), made as of `now`. */
export const BUILT_IN_SCENARIOS: Record<ScenarioName, (now: Date) => Scenario> = {
  'new-account': (now) => newAccountScenario(now),
  'keys-deleted': (now) => {
    const account = newAccountScenario(now);
    return { ...account, root: { ...account.root, accessKeys: [] } };
  },
  'old-admin-without-mfa': (now) => {
    const account = newAccountScenario(now);
    const created = daysAgo(now, 400);
    return {
      ...account,
      root: { ...account.root, created, accessKeys: [], passwordLastUsed: daysAgo(now, 200) },
      mfaDevices: [{ type: 'virtual', serialNumber: `arn:aws:iam::${account.accountId}:mfa/root-phone`, assignedTo: 'root', created, enabled: created }],
      users: [
        {
          name: 'old-admin',
          id: 'AIDAOLDADMIN00000001',
          created,
          loginProfile: { created, passwordResetRequired: false },
          passwordLastUsed: daysAgo(now, 90),
          policies: [ADMIN_POLICY],
          accessKeys: [],
        },
      ],
    };
  },
  'member-account': (now) => {
    const account = newAccountScenario(now);
    return { ...account, accountId: '444455556666', root: { ...account.root, password: false, accessKeys: [] } };
  },
};
