/**
 * The built-in practice scenarios by name, with what each starts from in one line (--help, the
 * README). Kept apart from their contents (built-in.ts), so argument parsing loads no scenario code.
 */
export const SCENARIO_SUMMARIES = {
  'new-account': 'a brand-new account: root with a password, no MFA, one active root access key, nobody else',
  'keys-deleted': "root's access keys already deleted; root MFA and the admin user still to do",
  'old-admin-without-mfa': 'root done long ago, and an old admin user with a console password and no MFA',
  'member-account': 'a member account of an AWS Organization whose root password the organization removed',
} as const;

export type ScenarioName = keyof typeof SCENARIO_SUMMARIES;
export const SCENARIO_NAMES = Object.keys(SCENARIO_SUMMARIES) as [ScenarioName, ...ScenarioName[]];
