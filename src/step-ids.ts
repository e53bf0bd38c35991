/**
 * The step ids, in the wizard's order: part of the interface (status JSON, --skip, docs). Kept
 * apart from the steps so parsing arguments loads no AWS code; a test holds the two in step.
 */
export const STEP_IDS = [
  'root-mfa',
  'root-mfa-backup',
  'root-hardware-mfa',
  'root-access-keys',
  'root-recent-use',
  'admin-user',
  'password-policy',
  'account-alias',
  'admin-sign-in',
  'admin-mfa',
  'security-contact',
  'billing-alert',
] as const;

export type StepId = (typeof STEP_IDS)[number];
