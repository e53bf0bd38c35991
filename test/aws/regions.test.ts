// @module-tag e2e
// Regions and partitions: whatever region is configured, IAM and STS calls go where they work for
// the caller's partition. The proxy answers as AWS does in an opt-in region the account has not
// enabled, and in a region of another partition: it refuses the credentials (InvalidClientTokenId),
// telling the region from each call's SigV4 credential scope.
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli-path.js';
import type { Env } from '../support/env.js';
import { runProcess } from '../support/process.js';
import { useTestAccount } from '../support/test-account.js';

const OPT_IN_NOT_ENABLED = ['af-south-1', 'ap-east-1', 'me-south-1', 'eu-south-1'];

const account = useTestAccount({ mfa: true, accessKeys: false, disabledRegions: OPT_IN_NOT_ENABLED });

/** `status --json` with the test account's environment (the proxy as endpoint) and `env` on top. */
const status = (env: Env, args: string[] = []) => runProcess(process.execPath, [CLI, 'status', '--json', ...args], { cwd: ROOT, env });

/** The calls signed for `region`, in the order they came. */
const signedFor = (region: string) => account.proxy.calls.filter((_, i) => account.proxy.regions[i] === region);

/**
 * status's first reads leave together with GetCallerIdentity, so each is tried once in the
 * configured partition and refused there with it; after the move every call goes to `found`.
 */
function expectMovedTo(found: string, refused: string) {
  expect(new Set(account.proxy.regions)).toEqual(new Set([refused, found]));
  expect(signedFor(refused)).toContain('sts:GetCallerIdentity');
  expect(new Set(signedFor(refused)).size).toBe(signedFor(refused).length);
  expect(signedFor(found)).toEqual(expect.arrayContaining(['sts:GetCallerIdentity', 'iam:GetAccountSummary']));
}

describe('the configured region never stops the run', () => {
  it('the emulator refuses STS in a region the account has not enabled, as AWS does', async () => {
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region: 'af-south-1', endpoint: account.proxy.url, credentials: { accessKeyId: 'ASIAX', secretAccessKey: 's' } });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    sts.destroy();
  });

  it.each(OPT_IN_NOT_ENABLED)('AWS_REGION=%s (opt-in, not enabled): every call is signed for us-east-1', async (region) => {
    const result = await status({ AWS_REGION: region, AWS_DEFAULT_REGION: region });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ account: '123456789012', partition: 'aws' });
    expect(new Set(account.proxy.regions)).toEqual(new Set(['us-east-1']));
    expect(account.proxy.count('iam:GetAccountSummary')).toBeGreaterThan(0);
  });

  it('--region me-south-1 on the command line: the same', async () => {
    const result = await status({}, ['--region', 'me-south-1']);
    expect(result.stderr).toBe('');
    expect(new Set(account.proxy.regions)).toEqual(new Set(['us-east-1']));
  });

  it('a region of another partition (cn-north-1 with credentials of aws): found in aws, not blamed on the credentials', async () => {
    const result = await status({ AWS_REGION: 'cn-north-1' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).partition).toBe('aws');
    expectMovedTo('us-east-1', 'cn-northwest-1');
  });

  it('the wizard as well: its first check, asked together with GetCallerIdentity, is asked again in aws', async () => {
    const result = await runProcess(process.execPath, [CLI, '--dry-run', '--admin-user', 'admin'], { cwd: ROOT, env: { AWS_REGION: 'cn-north-1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('root has at least one MFA device');
    expect(result.code).toBe(1);
    expectMovedTo('us-east-1', 'cn-northwest-1');
  });

  it('a China account with an aws region configured: found in aws-cn and read there', async () => {
    account.proxy.state = { ...account.proxy.state, partition: 'aws-cn' };
    const result = await status({ AWS_REGION: 'us-west-2' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.partition).toBe('aws-cn');
    expectMovedTo('cn-northwest-1', 'us-east-1');
  });

  it('credentials no partition knows: one line that blames the credentials, exit 3', async () => {
    account.proxy.failNext('sts:GetCallerIdentity', { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }, 3);
    const result = await status({ AWS_REGION: 'eu-west-1' });
    expect(result.code).toBe(3);
    expect(result.stderr.trim()).toBe(
      'sts:GetCallerIdentity failed: AWS refused the credentials (InvalidClientTokenId): they were deleted, deactivated or mistyped; sign in again.',
    );
    expect(account.proxy.count('sts:GetCallerIdentity')).toBe(3);
  });
});
