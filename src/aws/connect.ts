import { isInvalidCredentials } from './aws-error.js';
import { createClients, type AwsClients, type ClientOptions } from './clients.js';
import { credentialProvider } from './credentials.js';
import { PARTITION_SERVICE_REGIONS, serviceRegion } from './endpoints.js';
import { whoAmI, type Identity } from './identity.js';

/** The clients that know the credentials, and who they say is calling. */
export interface Connection {
  aws: AwsClients;
  identity: Identity;
}

/** The refusals that mean "not these credentials in this partition", not "expired". */
const refusedHere = (error: unknown) =>
  isInvalidCredentials(error) && ['InvalidClientTokenId', 'UnrecognizedClientException'].includes((error as Error).name);

/** `options` with one credential provider for every attempt, so a profile's MFA code or credential_process runs once. */
export const withCredentials = (options: ClientOptions): ClientOptions => ({
  ...options,
  credentials: options.credentials ?? credentialProvider({ profile: options.profile, mfaCodeProvider: options.mfaCodeProvider }),
});

/** Builds the clients and asks STS who is calling: `identify` on new clients. */
export async function connect(options: ClientOptions, signal?: AbortSignal): Promise<Connection> {
  const shared = withCredentials(options);
  return identify(await createClients(shared), shared, signal);
}

/**
 * Asks STS who is calling on `aws`, clients made from `options` (with `withCredentials`). They
 * are signed for the configured region's partition (endpoints.ts); when that partition refuses
 * the credentials with InvalidClientTokenId (a region of another partition is configured:
 * `cn-north-1` with credentials of `aws`), the other partitions are asked in turn with the same
 * credentials, and the clients of the one that knows them are returned (`aws` is then
 * destroyed). Only when none does are the credentials at fault. Practice mode (a fixed endpoint)
 * is never moved.
 */
export async function identify(aws: AwsClients, options: ClientOptions, signal?: AbortSignal): Promise<Connection> {
  try {
    return { aws, identity: await whoAmI(aws, signal) };
  } catch (error) {
    if (options.endpoint || !refusedHere(error)) throw error;
    const tried = serviceRegion(await aws.sts.config.region());
    for (const region of PARTITION_SERVICE_REGIONS.filter((r) => r !== tried)) {
      const other = await createClients({ ...options, region });
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
