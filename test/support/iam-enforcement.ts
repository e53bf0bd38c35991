// moto's IAM enforcement (POST /moto-api/reset-auth): after a given number of requests, every call
// must be signed with an access key of a moto IAM user and allowed by that user's policies.
// It is process-wide in moto, so a test file that uses it needs a moto of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountClient } from '@aws-sdk/client-account';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@smithy/types';
import { ROOT } from './cli-path.js';

export interface PolicyDocument {
  Version: string;
  Statement: { Sid?: string; Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string }[];
}

/** A policy shipped in policies/, and every action it allows. */
export function shippedPolicy(file: 'status-policy.json' | 'wizard-policy.json'): { document: PolicyDocument; actions: string[] } {
  const document = JSON.parse(readFileSync(join(ROOT, 'policies', file), 'utf8')) as PolicyDocument;
  return { document, actions: document.Statement.flatMap((s) => s.Action) };
}

/**
 * moto checks a call against the API operation's name, while AWS (and the shipped policies) name
 * some permissions differently: a Budgets permission covers several operations.
 */
const MOTO_OPERATIONS: Record<string, string[]> = {
  'budgets:ViewBudget': ['budgets:DescribeBudgets', 'budgets:DescribeNotificationsForBudget'],
  'budgets:ModifyBudget': ['budgets:CreateBudget', 'budgets:CreateNotification'],
};

const asMotoPolicy = (actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions.flatMap((a) => MOTO_OPERATIONS[a] ?? [a]), Resource: '*' }],
  });

export interface EnforcedAccount {
  /** Clients signed by a moto user holding AdministratorAccess: for setting up and reading back. */
  admin: { iam: IAMClient; budgets: BudgetsClient; account: AccountClient };
  /** A new IAM user allowed exactly `actions` (IAM names, as in the shipped policies), and its key. */
  userWith(name: string, actions: string[]): Promise<AwsCredentialIdentity>;
  close(): void;
}

const clientsAt = (endpoint: string, credentials: AwsCredentialIdentity) => {
  const config = { endpoint, region: 'us-east-1', credentials };
  return { iam: new IAMClient(config), budgets: new BudgetsClient(config), account: new AccountClient(config) };
};

/**
 * Turns enforcement on for a freshly reset moto at `motoUrl`: the first three requests (which make
 * the administrator and its key) go unchecked, every later one is checked.
 */
export async function enforceIam(motoUrl: string): Promise<EnforcedAccount> {
  const setUp = await fetch(`${motoUrl}/moto-api/reset-auth`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '3' });
  if (!setUp.ok) throw new Error(`moto reset-auth failed: HTTP ${setUp.status} ${await setUp.text()}`);
  const unchecked = new IAMClient({ endpoint: motoUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
  await unchecked.send(new CreateUserCommand({ UserName: 'test-administrator' }));
  await unchecked.send(new AttachUserPolicyCommand({ UserName: 'test-administrator', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  const key = (await unchecked.send(new CreateAccessKeyCommand({ UserName: 'test-administrator' }))).AccessKey!;
  unchecked.destroy();
  const admin = clientsAt(motoUrl, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });

  return {
    admin,
    async userWith(name, actions) {
      await admin.iam.send(new CreateUserCommand({ UserName: name }));
      await admin.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'under-test', PolicyDocument: asMotoPolicy(actions) }));
      const access = (await admin.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return { accessKeyId: access.AccessKeyId!, secretAccessKey: access.SecretAccessKey! };
    },
    close() {
      Object.values(admin).forEach((c) => c.destroy());
    },
  };
}
