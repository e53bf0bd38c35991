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

/** The root user's ARN: compared whole, never as a substring (a user named "root" must not match). */
export const rootArn = ({ partition, account }: Pick<Identity, 'partition' | 'account'>) => `arn:${partition}:iam::${account}:root`;
