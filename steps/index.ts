import type { Identity } from '../src/aws/identity.js';
import type { Step } from '../src/engine/types.js';
import { accountAlias } from './account-alias.js';
import { adminMfa } from './admin-mfa.js';
import { adminSignIn } from './admin-sign-in.js';
import { adminUser } from './admin-user.js';
import { billingAlert } from './billing-alert.js';
import { passwordPolicy } from './password-policy.js';
import { rootAccessKeys } from './root-access-keys.js';
import { rootHardwareMfa } from './root-hardware-mfa.js';
import { rootMfaBackup } from './root-mfa-backup.js';
import { rootMfa } from './root-mfa.js';
import { rootRecentUse } from './root-recent-use.js';
import { securityContact } from './security-contact.js';

/**
 * The order the wizard walks: root first, as the seed says; then the admin user, the first step
 * that may need an answer, so a run without a terminal that lacks a flag stops before any write
 * (the password policy after it still binds the admin: the first password must be changed at
 * first sign-in, under the policy then in force); the alias before the first sign-in, so the
 * address to bookmark is the memorable one; then the account-wide settings.
 */
export const ALL_STEPS: Step[] = [
  rootMfa,
  rootMfaBackup,
  rootHardwareMfa,
  rootAccessKeys,
  rootRecentUse,
  adminUser,
  passwordPolicy,
  accountAlias,
  adminSignIn,
  adminMfa,
  securityContact,
  billingAlert,
];

const ROOT_STEPS = new Set<Step>([rootMfa, rootMfaBackup, rootHardwareMfa, rootAccessKeys, rootRecentUse]);

/**
 * Signed with a root access key, deleting that key would end the run before an admin exists to
 * continue with; so the admin identity comes first and the root steps last.
 */
export function stepsFor(identity: Identity): Step[] {
  if (!identity.usesRootAccessKey) return ALL_STEPS;
  return [...ALL_STEPS.filter((s) => !ROOT_STEPS.has(s)), ...ALL_STEPS.filter((s) => ROOT_STEPS.has(s))];
}
