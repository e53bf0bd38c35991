import { isInvalidCredentials } from './aws-error.js';
import { createClients, type AwsClients, type ClientOptions } from './clients.js';
import { credentialProvider } from './credentials.js';
import { PARTITION_SERVICE_REGIONS, serviceRegion } from './endpoints.js';
import { whoAmI, type Identity } from './identity.js';

/** The refusals that mean "not these credentials in this partition", not "expired". */
const refusedHere = (error: unknown) =>
  isInvalidCredentials(error) && ['InvalidClientTokenId', 'UnrecognizedClientException'].includes((error as Error).name);

/**
 * Builds the clients and asks STS who is calling. The clients are signed for the configured
 * region's partition (endpoints.ts); when that partition refuses the credentials with
 * InvalidClientTokenId (a region of another partition is configured: `cn-north-1` with
 * credentials of `aws`), the other partitions are asked in turn with the same credentials, and
 * the one that knows them is used. Only when none does are the credentials at fault. Practice
 * mode (a fixed endpoint) is never moved.
 */
export async function connect(options: ClientOptions, signal?: AbortSignal): Promise<{ aws: AwsClients; identity: Identity }> {
  // One provider for every attempt, so a profile's MFA code or credential_process runs once.
  const credentials = options.credentials ?? credentialProvider({ profile: options.profile, mfaCodeProvider: options.mfaCodeProvider });
  const aws = await createClients({ ...options, credentials });
  try {
    return { aws, identity: await whoAmI(aws, signal) };
  } catch (error) {
    if (options.endpoint || !refusedHere(error)) throw error;
    const tried = serviceRegion(await aws.sts.config.region());
    for (const region of PARTITION_SERVICE_REGIONS.filter((r) => r !== tried)) {
      const other = await createClients({ ...options, credentials, region });
      try {
        const identity = await whoAmI(other, signal);
        destroy(aws);
        return { aws: other, identity };
      } catch (otherError) {
        destroy(other);
        if (!refusedHere(otherError)) throw error;
      }
    }
    throw error;
  }
}

const destroy = (aws: AwsClients) => Object.values(aws).forEach((client) => client.destroy());
