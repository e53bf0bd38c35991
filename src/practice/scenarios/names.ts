/**
 * The built-in practice scenarios by name, with what each starts from in one line (--help, the
 * README). Kept apart from their contents (built-in.ts), so argument parsing loads no scenario code.
 */
export const SCENARIO_SUMMARIES = {
  'new-account': 'root with a password, no MFA, one access key; nobody else',
  'keys-deleted': "root's access keys already deleted",
  'old-admin-without-mfa': 'root done long ago; an old admin user without MFA',
  'member-account': 'an Organizations member account without a root password',
} as const;

export type ScenarioName = keyof typeof SCENARIO_SUMMARIES;
export const SCENARIO_NAMES = Object.keys(SCENARIO_SUMMARIES) as [ScenarioName, ...ScenarioName[]];
