// IAM enforcement for the org tests: moto judges the calls it answers (Organizations), the proxy's
// extension judges the ones it answers (AssumeRoot, the OrganizationsFeatures calls, trusted access
// and delegated administration for IAM), both by the same user's policies, conditions included.
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@smithy/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli-path.js';
import type { PolicyDocument, PolicyStatement } from './policy-evaluator.js';
import type { TestOrg } from './test-org.js';

export type ShippedPolicy = { Version: string; Statement: (PolicyStatement & { Sid: string; Action: string | string[] })[] };

export function orgPolicy(file: 'org-status-policy.json' | 'org-wizard-policy.json'): ShippedPolicy {
  return JSON.parse(readFileSync(join(ROOT, 'policies', file), 'utf8'));
}

const setAuth = async (motoUrl: string, count: string) => {
  const res = await fetch(`${motoUrl}/moto-api/reset-auth`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: count });
  if (!res.ok) throw new Error(`moto reset-auth failed: HTTP ${res.status}`);
};

/** Turns enforcement off again (moto keeps it across resets), so the next organization can be made. */
export const stopEnforcing = (t: TestOrg) => {
  t.extension.stopEnforcing();
  return setAuth(t.moto.url, 'inf');
};

/**
 * Turns enforcement on for the organization as it stands: an administrator (inline "*": this moto
 * has no managed policies) is made in the three unchecked requests, then every call is checked.
 * Returns the key of a user holding exactly `document`, for the program to sign with.
 */
export async function enforcedUser(t: TestOrg, name: string, document: PolicyDocument): Promise<AwsCredentialIdentity> {
  await setAuth(t.moto.url, '3');
  const unchecked = new IAMClient({ endpoint: t.moto.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
  await unchecked.send(new CreateUserCommand({ UserName: 'org-test-administrator' }));
  await unchecked.send(
    new PutUserPolicyCommand({
      UserName: 'org-test-administrator',
      PolicyName: 'everything',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    }),
  );
  const adminKey = (await unchecked.send(new CreateAccessKeyCommand({ UserName: 'org-test-administrator' }))).AccessKey!;
  unchecked.destroy();
  const iam = new IAMClient({ endpoint: t.moto.url, region: 'us-east-1', credentials: { accessKeyId: adminKey.AccessKeyId!, secretAccessKey: adminKey.SecretAccessKey! } });
  try {
    const user = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'under-test', PolicyDocument: JSON.stringify(forMoto(document)) }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    t.extension.enforce({ [key.AccessKeyId!]: { arn: user.Arn!, documents: [document] } });
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  } finally {
    iam.destroy();
  }
}

/**
 * moto refuses an IAM resource ARN it does not know (`arn:aws:iam::*:root`, the root-user resource
 * of sts:AssumeRoot), though IAM takes it. moto never judges sts:AssumeRoot (the proxy answers it,
 * with the document as shipped), so moto gets those statements with Resource "*".
 */
function forMoto(document: PolicyDocument): PolicyDocument {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return { ...document, Statement: statements.map((s) => ([s.Action].flat().every((a) => a === 'sts:AssumeRoot') ? { ...s, Resource: '*' } : s)) };
}

/** `document` without `action`: the statement loses it, and a statement left empty goes. */
export function without(document: ShippedPolicy, action: string): PolicyDocument {
  const Statement = document.Statement.map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== action) })).filter((s) => s.Action.length > 0);
  return { ...document, Statement };
}

/** Every action a shipped policy allows. */
export const actionsOf = (document: ShippedPolicy) => document.Statement.flatMap((s) => [s.Action].flat());
