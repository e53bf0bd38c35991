import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './clients.js';

export interface Identity {
  account: string;
  partition: string;
  arn: string;
  isRoot: boolean;
  /** Root signing with a long-term root access key: deleting that key ends this very session. */
  usesRootAccessKey: boolean;
  /** China and GovCloud accounts have no root user credentials to protect. */
  hasRootCredentials: boolean;
  /** Where this account's console pages are, when not AWS's own: the practice console. */
  consoleUrl?: string;
}

const PARTITIONS_WITHOUT_ROOT_CREDENTIALS = new Set(['aws-cn', 'aws-us-gov']);

/** GetCallerIdentity needs no permission and works even under an explicit deny. */
export async function whoAmI(aws: AwsClients, signal?: AbortSignal): Promise<Identity> {
  const answer = await aws.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  const arn = answer.Arn ?? '';
  const account = answer.Account ?? '';
  const partition = arn.split(':')[1] || 'aws';
  const isRoot = arn === `arn:${partition}:iam::${account}:root`;
  const { accessKeyId } = await aws.sts.config.credentials();
  return {
    account,
    partition,
    arn,
    isRoot,
    usesRootAccessKey: isRoot && accessKeyId.startsWith('AKIA'),
    hasRootCredentials: !PARTITIONS_WITHOUT_ROOT_CREDENTIALS.has(partition),
  };
}

export const adminPolicyArn = (partition: string) => `arn:${partition}:iam::aws:policy/AdministratorAccess`;

const CONSOLE_DOMAINS: Record<string, string> = {
  aws: 'aws.amazon.com',
  'aws-cn': 'amazonaws.cn',
  'aws-us-gov': 'amazonaws-us-gov.com',
};

const consoleDomain = (partition: string) => CONSOLE_DOMAINS[partition] ?? CONSOLE_DOMAINS.aws!;

type ConsoleOf = Pick<Identity, 'partition' | 'consoleUrl'>;

/** The page where root manages its MFA devices and access keys. */
export const rootCredentialsUrl = ({ partition, consoleUrl }: ConsoleOf) =>
  consoleUrl ? `${consoleUrl}/security_credentials` : `https://console.${consoleDomain(partition)}/iam/home#/security_credentials`;

/** Where IAM users sign in: by account id, or by the account alias when there is one. */
export const signInUrl = ({ partition, consoleUrl }: ConsoleOf, accountOrAlias: string) =>
  consoleUrl
    ? `${consoleUrl}/signin/${accountOrAlias}`
    : partition === 'aws'
      ? `https://${accountOrAlias}.signin.aws.amazon.com/console`
      : `https://${accountOrAlias}.signin.${consoleDomain(partition)}/console`;

export const iamUserUrl = ({ partition, consoleUrl }: ConsoleOf, userName: string) =>
  consoleUrl
    ? `${consoleUrl}/users/${encodeURIComponent(userName)}`
    : `https://console.${consoleDomain(partition)}/iam/home#/users/details/${encodeURIComponent(userName)}?section=security_credentials`;

/** The root user's ARN: compared whole, never as a substring (a user named "root" must not match). */
export const rootArn = ({ partition, account }: Pick<Identity, 'partition' | 'account'>) => `arn:${partition}:iam::${account}:root`;
