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
  const retries = () => retryStrategy(options.retryBackoff);
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
  regionalSettings.set(clients, { onRetry: () => options.onRetry?.(), retryBackoff: options.retryBackoff });
  return clients;
}

/** A retry strategy keeps count of its retries, so each client gets its own (with a test's backoff only). */
const retryStrategy = (backoff: StandardRetryBackoffStrategy | undefined) =>
  backoff ? { retryStrategy: new StandardRetryStrategy({ maxAttempts: MAX_ATTEMPTS, backoff }) } : {};

/** Each set of clients' retry listener and backoff, for the regional clients made from it later. */
const regionalSettings = new WeakMap<object, { onRetry: () => RetryListener | undefined; retryBackoff?: StandardRetryBackoffStrategy }>();

/** What a regional client is made from: the caller's clients' settings, and its own region. */
export interface RegionalConfig {
  region: string | (() => Promise<string>);
  credentials: AwsCredentialIdentityProvider;
  requestHandler: unknown;
  maxAttempts: unknown;
  endpoint?: unknown;
  /** Only with a test's backoff (ClientOptions.retryBackoff). */
  retryStrategy?: StandardRetryStrategy;
}

/**
 * A client of a regional service (IAM Identity Center lives in the one region where it was
 * enabled), made like the others: the same credentials, timeouts, retries, endpoint
 * (AWS_ENDPOINT_URL, practice mode) and connection pool, its errors tagged with their permission
 * (`service` is the permissions prefix, e.g. `sso`) and its retries reported, but signed for
 * `region` (or, for a global service such as Organizations, the clients' own region provider).
 * It shares the pool, so it is never destroyed on its own: `aws` owns the pool.
 */
export function regionalClient<C extends WithMiddleware & Parameters<typeof reportRetries>[0]>(
  aws: Pick<AwsClients, 'iam'>,
  service: string,
  region: RegionalConfig['region'],
  make: (config: RegionalConfig) => C,
): C {
  const { config } = aws.iam;
  const settings = regionalSettings.get(aws);
  const client = make({
    ...retryStrategy(settings?.retryBackoff),
    region,
    credentials: config.credentials,
    requestHandler: config.requestHandler,
    maxAttempts: config.maxAttempts,
    ...(config.isCustomEndpoint ? { endpoint: config.endpoint } : {}),
  });
  tagErrorsWithAction(client, service);
  reportRetries(client, (command) => permissionFor(service, command), () => settings?.onRetry());
  return client;
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
