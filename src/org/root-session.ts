import type { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import type { OrgClients } from './clients.js';

/**
 * The AWS managed task policies this program opens root sessions with. Each limits the session to
 * one task: reading root's credentials, removing them, or re-enabling password recovery.
 */
export type RootTask = 'IAMAuditRootUserCredentials' | 'IAMDeleteRootUserCredentials' | 'IAMCreateRootUserPassword';

/** `arn:<partition>:iam::aws:policy/root-task/<task>`, the TaskPolicyArn of sts:AssumeRoot. */
export const taskPolicyArn = (partition: string, task: RootTask) => `arn:${partition}:iam::aws:policy/root-task/${task}`;

/**
 * How long a root session lasts, in seconds (AssumeRoot allows 0 to 900). One account's calls take
 * a second or two, and five minutes cover their retries: a shorter life means less to lose if the
 * credentials leaked from memory. A session that runs out mid-account fails that account alone,
 * with ExpiredToken, and the next run picks it up.
 */
export const ROOT_SESSION_SECONDS = 300;

/** The equivalent AWS CLI command, shown in plans. */
export const assumeRootCli = (partition: string, accountId: string, task: RootTask) =>
  `aws sts assume-root --target-principal ${accountId} --task-policy-arn arn=${taskPolicyArn(partition, task)} --duration-seconds ${ROOT_SESSION_SECONDS}`;

/**
 * sts:AssumeRoot into `accountId` for `task`, on the regional STS endpoint (the SDK's default; the
 * global endpoint refuses AssumeRoot). Returns IAM signed with the session: each call made without
 * a UserName acts on the member's root. The credentials stay in memory, in that client only.
 * Errors: RegionDisabledException, ExpiredTokenException (the caller's own session), AccessDenied
 * (no sts:AssumeRoot for this task, an SCP, or root sessions turned off), throttling.
 */
export async function openRootSession(
  clients: Pick<OrgClients, 'sts' | 'rootSession'>,
  partition: string,
  accountId: string,
  task: RootTask,
  signal: AbortSignal,
): Promise<IAMClient> {
  const answer = await clients.sts.send(
    new AssumeRootCommand({ TargetPrincipal: accountId, TaskPolicyArn: { arn: taskPolicyArn(partition, task) }, DurationSeconds: ROOT_SESSION_SECONDS }),
    { abortSignal: signal },
  );
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error(`sts:AssumeRoot into ${accountId} returned no credentials`);
  return clients.rootSession({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration });
}
