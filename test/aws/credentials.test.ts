// @module-tag e2e
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountProxy, type AccountProxy } from '../support/account-proxy.js';
import { awsEnv } from '../support/aws-env.js';
import { startMoto, type Moto } from '../support/moto.js';
import { runProcess } from '../support/process.js';
import { CLI } from '../support/cli-path.js';

/** The ways real people get credentials, each driving the built CLI to a status report. */
let moto: Moto;
let proxy: AccountProxy;
let containerCredentials: Server;
let containerUrl: string;
const containerRequests: (string | undefined)[] = [];
const noKeys = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined };

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAccountProxy(moto.url);
  // What CloudShell runs: a loopback endpoint handing out temporary credentials to a bearer token.
  containerCredentials = createServer((req, res) => {
    containerRequests.push(req.headers.authorization);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        AccessKeyId: 'ASIACLOUDSHELLEXAMPLE',
        SecretAccessKey: 'secret',
        Token: 'session-token',
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => containerCredentials.listen(0, '127.0.0.1', resolve));
  containerUrl = `http://127.0.0.1:${(containerCredentials.address() as AddressInfo).port}/credentials`;
}, 60_000);

afterAll(async () => {
  containerCredentials?.close();
  await proxy?.close();
  await moto?.stop();
});

const status = (env: Record<string, string | undefined>, args: string[] = []) =>
  runProcess(process.execPath, [CLI, 'status', '--json', ...args], { env: { ...awsEnv(proxy.url), ...env } });

describe('credentials', () => {
  it("uses CloudShell's container credentials", async () => {
    const result = await status({
      ...noKeys,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: containerUrl,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'cloudshell-token',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).caller.isRoot).toBe(true);
    expect(containerRequests).toContain('cloudshell-token');
    expect(proxy.lastSigner('sts:GetCallerIdentity')?.accessKeyId).toBe('ASIACLOUDSHELLEXAMPLE');
  });

  it('uses a named profile with --profile: its keys, and its region to find the partition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arl-profile-'));
    // A China region: the profile's region only picks the partition (every call then goes to the
    // partition's service region), so an account there shows whether it was read.
    writeFileSync(join(dir, 'config'), '[profile learner]\nregion = cn-north-1\n');
    writeFileSync(join(dir, 'credentials'), '[learner]\naws_access_key_id = ASIAPROFILEEXAMPLE\naws_secret_access_key = s\naws_session_token = t\n');
    const env = { ...noKeys, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
    proxy.state.partition = 'aws-cn';
    proxy.resetCounts();
    try {
      const result = await status(env, ['--profile', 'learner']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ account: '123456789012', partition: 'aws-cn' });
      // Signed with the profile's key, for aws-cn from the first call on: no detour through aws.
      expect(new Set(proxy.regions)).toEqual(new Set(['cn-northwest-1']));
      expect(proxy.lastSigner('sts:GetCallerIdentity')?.accessKeyId).toBe('ASIAPROFILEEXAMPLE');
      expect(proxy.lastSigner('iam:GetAccountSummary')?.accessKeyId).toBe('ASIAPROFILEEXAMPLE');
    } finally {
      proxy.state.partition = undefined;
    }

    const missing = await status(env, ['--profile', 'nobody']);
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim()).toBe(`There is no profile "nobody" in ${join(dir, 'config')} or ${join(dir, 'credentials')}. Profiles there: learner.`);
  });

  it('explains the ways to get credentials when there are none, with exit 4 and no stack trace', async () => {
    const result = await status(noKeys);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    for (const way of ['CloudShell', 'aws login', 'aws configure sso', '--profile']) expect(result.stderr).toContain(way);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
