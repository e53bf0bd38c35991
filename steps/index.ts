import type { Identity } from '../src/aws/identity.js';
import type { Step } from '../src/engine/types.js';
import { adminMfa } from './admin-mfa.js';
import { adminSignIn } from './admin-sign-in.js';
import { adminUser } from './admin-user.js';
import { rootAccessKeys } from './root-access-keys.js';
import { rootMfa } from './root-mfa.js';

/** The order the wizard walks: root first, as the seed says, then the admin identity. */
export const ALL_STEPS: Step[] = [rootMfa, rootAccessKeys, adminUser, adminSignIn, adminMfa];

/**
 * Signed with a root access key, deleting that key would end the run before an admin exists to
 * continue with; so the admin identity comes first and the root steps last.
 */
export function stepsFor(identity: Identity): Step[] {
  if (!identity.usesRootAccessKey) return ALL_STEPS;
  const rootSteps: Step[] = [rootMfa, rootAccessKeys];
  return [...ALL_STEPS.filter((s) => !rootSteps.includes(s)), ...rootSteps];
}
