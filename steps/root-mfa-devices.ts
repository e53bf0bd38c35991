import type { VirtualMfaDevice } from '../src/aws/account-reader.js';
import { rootArn } from '../src/aws/identity.js';
import type { CheckContext, CheckResult } from '../src/engine/types.js';

/**
 * Root's authenticator-app (virtual) devices, the only root MFA devices the API lists: security keys,
 * passkeys and hardware tokens stay invisible. A result instead when there is nothing to look at.
 */
export async function rootVirtualDevices({ identity, read }: CheckContext): Promise<VirtualMfaDevice[] | CheckResult> {
  if (!identity.hasRootCredentials) return { status: 'not-applicable', detail: `${identity.partition} accounts have no root sign-in` };
  const summary = await read.summary();
  if (summary.AccountPasswordPresent === 0) return { status: 'not-applicable', detail: 'root has no password, so no MFA either' };
  if (summary.AccountMFAEnabled !== 1) return { status: 'not-applicable', detail: 'root has no MFA yet (see root-mfa)' };
  const arn = rootArn(identity);
  return (await read.virtualMfaDevices()).filter((d) => d.userArn === arn);
}
