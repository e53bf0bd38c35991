// Denials explained right: AWS's AccessDenied message ends with where the denial came from. Only
// "no identity-based policy allows" is lifted by a grant; the rest name who can lift it. The
// messages below are AWS's own wording (IAM user guide, "Troubleshoot access denied error messages").
import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/aws-error.js';
import { denialRemedy, grantHelps, parseDenial } from '../../src/aws/denial.js';
import { CLI, ROOT } from '../support/cli-path.js';
import { runProcess } from '../support/process.js';
import { useTestAccount } from '../support/test-account.js';

const WHO = 'User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/jane is not authorized to perform';
const SCP = 'arn:aws:organizations::111122223333:policy/o-a1b2c3d4e5/service_control_policy/p-examplepolicy';
const on = (action: string) => `${WHO}: ${action} on resource: arn:aws:iam::123456789012:*`;

/** Each source of a denial, AWS's message, and the `status` detail a person now sees. */
const DENIALS = [
  {
    source: 'an explicit deny in a service control policy',
    message: `${on('iam:GetAccountSummary')} with an explicit deny in a service control policy: ${SCP}`,
    detail: `cannot read this: a service control policy of your organization (${SCP}) denies iam:GetAccountSummary: ask the organization's administrator (nothing added in this account lifts it)`,
  },
  {
    source: 'no service control policy allows',
    message: `${on('iam:GetAccountSummary')} because no service control policy allows the iam:GetAccountSummary action`,
    detail: "cannot read this: a service control policy of your organization does not allow iam:GetAccountSummary: ask the organization's administrator (nothing added in this account lifts it)",
  },
  {
    source: 'an explicit deny in a resource control policy',
    message: `${on('iam:GetAccountSummary')} with an explicit deny in a resource control policy`,
    detail: "cannot read this: a resource control policy of your organization denies iam:GetAccountSummary: ask the organization's administrator (nothing added in this account lifts it)",
  },
  {
    source: 'an explicit deny in a permissions boundary',
    message: `${on('iam:GetAccountSummary')} with an explicit deny in a permissions boundary`,
    detail: 'cannot read this: the permissions boundary of this identity denies iam:GetAccountSummary: whoever manages this identity must change the boundary (a grant to the identity does not lift it)',
  },
  {
    source: 'no permissions boundary allows',
    message: `${on('iam:GetAccountSummary')} because no permissions boundary allows the iam:GetAccountSummary action`,
    detail: 'cannot read this: the permissions boundary of this identity does not allow iam:GetAccountSummary: whoever manages this identity must change the boundary (a grant to the identity does not lift it)',
  },
  {
    source: 'an explicit deny in a session policy',
    message: `${on('iam:GetAccountSummary')} with an explicit deny in a session policy`,
    detail: 'cannot read this: the session policy these temporary credentials were made with denies iam:GetAccountSummary: sign in again without that limit, e.g. with another permission set or role (nothing added to the identity lifts it)',
  },
  {
    source: 'no session policy allows',
    message: `${on('iam:GetAccountSummary')} because no session policy allows the iam:GetAccountSummary action`,
    detail: 'cannot read this: the session policy these temporary credentials were made with does not allow iam:GetAccountSummary: sign in again without that limit, e.g. with another permission set or role (nothing added to the identity lifts it)',
  },
  {
    source: 'an explicit deny in an identity-based policy',
    message: `${on('iam:GetAccountSummary')} with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/DenyIamReads`,
    detail: 'cannot read this: a Deny statement in a policy of this identity (arn:aws:iam::123456789012:policy/DenyIamReads) blocks iam:GetAccountSummary: remove or narrow that statement (a further grant does not lift a Deny)',
  },
  {
    source: 'no identity-based policy allows',
    message: `${on('iam:GetAccountSummary')} because no identity-based policy allows the iam:GetAccountSummary action`,
    detail: 'cannot read this: grant iam:GetAccountSummary',
  },
];

describe('where a denial comes from', () => {
  it.each(DENIALS)('$source', ({ message, detail }) => {
    const denial = parseDenial(message);
    expect(`cannot read this: ${denialRemedy(denial, 'iam:GetAccountSummary')}`).toBe(detail);
    expect(grantHelps(denial)).toBe(detail.endsWith('grant iam:GetAccountSummary'));
  });

  it('reads a message AWS wrapped over several lines', () => {
    expect(parseDenial(`${on('iam:CreateUser')}\nwith an explicit deny in a service\ncontrol policy`)).toMatchObject({ source: 'service control policy', explicit: true });
  });

  it('a denied write names who can lift it, and the permission only where a grant helps', () => {
    const denied = (message: string) => Object.assign(new Error(message), { name: 'AccessDenied', action: 'iam:CreateUser', $metadata: { httpStatusCode: 403 } });
    expect(describeAwsError(denied(`${on('iam:CreateUser')} with an explicit deny in a service control policy`))).toBe(
      "iam:CreateUser failed: access denied. A service control policy of your organization denies iam:CreateUser: ask the organization's administrator (nothing added in this account lifts it).",
    );
    expect(describeAwsError(denied(`${on('iam:CreateUser')} because no identity-based policy allows the iam:CreateUser action`))).toBe(
      'iam:CreateUser failed: access denied. The identity you are using needs the iam:CreateUser permission.',
    );
  });
});

describe('status shows each denial with its remedy', { tags: ['e2e'] }, () => {
  const account = useTestAccount();

  it.each(DENIALS)('$source', async ({ message, detail }) => {
    account.proxy.failNext('iam:GetAccountSummary', { status: 403, code: 'AccessDenied', message }, 10);
    const result = await runProcess(process.execPath, [CLI, 'status', '--json'], { cwd: ROOT });
    const checks = JSON.parse(result.stdout).checks as { id: string; status: string; detail: string }[];
    expect(checks.find((c) => c.id === 'root-mfa')).toMatchObject({ status: 'unknown', detail });
  });
});
