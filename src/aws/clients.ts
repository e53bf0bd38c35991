import { AccountClient } from '@aws-sdk/client-account';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { credentialProvider, type MfaCodeProvider } from './credentials.js';
import { serviceRegion } from './endpoints.js';
import { reportRetries, type RetryListener } from './retries.js';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  InitializeHandlerOptions,
  InitializeMiddleware,
  MetadataBearer,
  StandardRetryBackoffStrategy,
} from '@smithy/types';

export interface AwsClients {
  iam: IAMClient;
  sts: STSClient;
  budgets: BudgetsClient;
  account: AccountClient;
}

export interface ClientOptions {
  profile?: string;
  region?: string;
  /** A fixed endpoint and credentials (practice mode): the credential chain is then never consulted. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Told when a call is tried again; read at each retry, so it can be set after the clients exist. */
  onRetry?: () => RetryListener | undefined;
  /** Asks for the code of a role profile's `mfa_serial` (at a terminal); without it such a profile fails. */
  mfaCodeProvider?: MfaCodeProvider;
  /**
   * How long to wait before each retry, in place of the SDK's jittered exponential backoff (50 ms
   * base, 1 s for throttling, up to 20 s). Only tests set it (to wait 0 ms): the attempts, their
   * number and the errors retried stay the SDK's own.
   */
  retryBackoff?: StandardRetryBackoffStrategy;
}

/**
 * Without timeouts a connection that goes silent hangs the run forever. AWS answers IAM calls in
 * well under a second; 15 s without an answer is a dead connection, and the SDK retries it.
 * AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS shortens it for the tests that stall on purpose.
 */
const CONNECTION_TIMEOUT_MS = 5_000;
const requestTimeoutMs = () => Number(process.env.AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS) || 15_000;

/**
 * IAM throttles per account at a few requests a second, and a write that fails half-way is safe to
 * repeat (every write converges): five attempts with the SDK's backoff ride out a burst of
 * throttling or a brief outage, and a longer one ends the run with one line naming the call.
 */
const MAX_ATTEMPTS = 5;

/** IAM is global: any region of the partition signs correctly, so a missing region is not an error. */
const FALLBACK_REGION = 'us-east-1';

/**
 * Builds the SDK clients once, all in the partition's service region (endpoints.ts), whatever
 * region is configured. The credentials: a named profile alone, or the default chain (environment
 * keys, the default profile with SSO and `aws login`, CloudShell's container credentials);
 * AWS_ENDPOINT_URL (and the per-service variants) are honoured by the SDK itself, which is how
 * tests reach the emulator.
 */
export async function createClients(options: ClientOptions): Promise<AwsClients> {
  const credentials = options.credentials ?? credentialProvider({ profile: options.profile, mfaCodeProvider: options.mfaCodeProvider });
  const region = serviceRegion(options.region ?? (await configuredRegion(options.profile)));
  const config = {
    region,
    credentials,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: requestTimeoutMs(), throwOnRequestTimeout: true },
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  // A retry strategy keeps count of its retries, so each client gets its own.
  const retries = () => (options.retryBackoff ? { retryStrategy: new StandardRetryStrategy({ maxAttempts: MAX_ATTEMPTS, backoff: options.retryBackoff }) } : {});
  const clients = {
    iam: new IAMClient({ ...config, ...retries() }),
    sts: new STSClient({ ...config, ...retries() }),
    budgets: new BudgetsClient({ ...config, ...retries() }),
    account: new AccountClient({ ...config, ...retries() }),
  };
  for (const [service, client] of Object.entries(clients)) {
    tagErrorsWithAction(client, service);
    reportRetries(client, (command) => permissionFor(service, command), () => options.onRetry?.());
  }
  return clients;
}

/** The region from AWS_REGION or the profile, as the SDK resolves it; the fallback otherwise. */
async function configuredRegion(profile: string | undefined): Promise<string> {
  const probe = new STSClient(profile ? { profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}

interface WithMiddleware {
  // Each client types its stack by its own commands; this middleware handles any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { add(middleware: InitializeMiddleware<any, MetadataBearer>, options: InitializeHandlerOptions): void };
}

/**
 * IAM permissions are named after the API operation, except where a service groups operations
 * under one permission: Budgets reads need `budgets:ViewBudget`, its writes `budgets:ModifyBudget`.
 */
const PERMISSION_OF_OPERATION: Record<string, string> = {
  'budgets:DescribeBudgets': 'budgets:ViewBudget',
  'budgets:DescribeNotificationsForBudget': 'budgets:ViewBudget',
  'budgets:CreateBudget': 'budgets:ModifyBudget',
  'budgets:CreateNotification': 'budgets:ModifyBudget',
};

/** The IAM permission an operation needs, e.g. `iam:CreateUser` for CreateUserCommand. */
export function permissionFor(service: string, commandName: string): string {
  const operation = `${service}:${commandName.replace(/Command$/, '')}`;
  return PERMISSION_OF_OPERATION[operation] ?? operation;
}

/** Every error leaves the client carrying the permission it needed, e.g. `iam:CreateUser`. */
export function tagErrorsWithAction(client: WithMiddleware, service: string) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === 'object' && error !== null && context.commandName) {
          Object.assign(error, { action: permissionFor(service, context.commandName) });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'tagErrorsWithAction' },
  );
}
