import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { permissionFor, tagErrorsWithAction, type AwsClients } from '../aws/clients.js';
import { reportRetries, type RetryListener } from '../aws/retries.js';

/** The clients an org run needs: the caller's IAM and STS, Organizations, and one IAM client per root session. */
export interface OrgClients {
  organizations: OrganizationsClient;
  iam: IAMClient;
  /** Regional by construction (the SDK's default): AssumeRoot refuses STS's global endpoint. */
  sts: STSClient;
  /** IAM signed with a root session's credentials: each call without a UserName acts on that member's root. */
  rootSession(credentials: AwsCredentialIdentity): IAMClient;
}

/**
 * Builds the org clients on top of the caller's clients: the same credentials, region, timeouts,
 * retries and endpoint (the emulator's or practice mode's, when set), and one shared connection pool,
 * so a thousand root sessions open no thousand connections. The session clients are never
 * destroyed one by one: destroying one would close the shared pool; the caller's clients own it.
 */
export function orgClients(aws: AwsClients, options: { endpoint?: string; onRetry?: () => RetryListener | undefined } = {}): OrgClients {
  const shared = {
    region: aws.iam.config.region,
    requestHandler: aws.iam.config.requestHandler,
    maxAttempts: aws.iam.config.maxAttempts,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  const instrument = <C extends Parameters<typeof tagErrorsWithAction>[0]>(client: C, service: string): C => {
    tagErrorsWithAction(client, service);
    reportRetries(client as never, (command) => permissionFor(service, command), () => options.onRetry?.());
    return client;
  };
  return {
    organizations: instrument(new OrganizationsClient({ ...shared, credentials: aws.iam.config.credentials }), 'organizations'),
    iam: aws.iam,
    sts: aws.sts,
    rootSession: (credentials) => instrument(new IAMClient({ ...shared, credentials }), 'iam'),
  };
}
