// @module-tag e2e
// Credentials that are configured but cannot be used, as admins really have them: real config and
// token-cache files in a temporary HOME, read by the SDK itself. Each keeps its cause and its remedy
// (exit 4), and only "nothing configured at all" lists the ways in and offers practice mode.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountProxy, type AccountProxy } from '../support/account-proxy.js';
import { awsEnv } from '../support/aws-env.js';
import { CLI, ROOT } from '../support/cli-path.js';
import type { Env } from '../support/env.js';
import { startMoto, type Moto } from '../support/moto.js';
import { runProcess } from '../support/process.js';
import { spawnPty } from '../support/pty.js';

let moto: Moto;
let proxy: AccountProxy;
let signin: Server;
let signinCalls = 0;

const CONFIG = `# an admin's ~/.aws/config
[default]
region = eu-west-1

[profile sso-admin]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = AdministratorAccess
region = eu-west-1

[profile sso-fresh]
sso_session = fresh
sso_account_id = 123456789012
sso_role_name = AdministratorAccess

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[sso-session fresh]
sso_start_url = https://fresh.awsapps.com/start
sso_region = eu-west-1

[profile jane-login]
login_session = arn:aws:iam::123456789012:user/jane
region = us-east-1

[profile broken-process]
credential_process = sh -c "echo 'corp-vault: your token expired, run corp-vault login' >&2; exit 3"

[profile admin-mfa]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/jane

[profile base]
region = us-east-1
`;

const CREDENTIALS = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

/** A HOME with the admin's files: ~/.aws/config, ~/.aws/credentials, an expired SSO token, an expired `aws login` session. */
function adminHome(config = CONFIG): string {
  const home = mkdtempSync(join(tmpdir(), 'arl-home-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  mkdirSync(join(home, '.aws', 'login', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString();
  // The SSO token cache: named by the SHA-1 of the sso-session name, as `aws sso login` writes it.
  const ssoCache = createHash('sha1').update('corp').digest('hex');
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', `${ssoCache}.json`),
    JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', accessToken: 'expired-token', expiresAt: yesterday }),
  );
  // The `aws login` cache: named by the SHA-256 of the login_session, holding a DPoP key.
  const loginCache = createHash('sha256').update('arn:aws:iam::123456789012:user/jane').digest('hex');
  const dpopKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  writeFileSync(
    join(home, '.aws', 'login', 'cache', `${loginCache}.json`),
    JSON.stringify({
      accessToken: { accessKeyId: 'ASIAEXPIRED', secretAccessKey: 's', sessionToken: 't', accountId: '123456789012', expiresAt: yesterday },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'refresh-token',
      idToken: 'id-token',
      dpopKey,
    }),
  );
  return home;
}

/** The CLI's environment with nothing but the HOME's files as credentials. */
function homeEnv(home: string, extra: Env = {}): Env {
  return {
    ...awsEnv(proxy.url),
    HOME: home,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ENDPOINT_URL_SIGNIN: `http://127.0.0.1:${(signin.address() as AddressInfo).port}`,
    ...extra,
  };
}

const status = (home: string, args: string[], extra: Env = {}) =>
  runProcess(process.execPath, [CLI, 'status', ...args], { env: homeEnv(home, extra), cwd: ROOT });

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAccountProxy(moto.url, { caller: 'user' });
  // AWS Sign-In's token endpoint, answering a refresh of an expired `aws login` session as AWS does.
  signin = createServer((req, res) => {
    signinCalls++;
    req.resume();
    const body = JSON.stringify({ error: 'TOKEN_EXPIRED', message: 'The refresh token has expired.' });
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    res.end(body);
  });
  await new Promise<void>((resolve) => signin.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(async () => {
  signin?.close();
  await proxy?.close();
  await moto?.stop();
});

describe('configured credentials that cannot be used: cause, remedy, exit 4', () => {
  const cases: { name: string; args: string[]; env?: Env; line: string }[] = [
    {
      name: 'an expired SSO token',
      args: ['--profile', 'sso-admin'],
      line: 'The IAM Identity Center (SSO) sign-in of profile "sso-admin" has expired or was never made. Run: aws sso login --profile sso-admin, then run this again.',
    },
    {
      name: 'an SSO profile never signed in (no token in the cache), chosen with AWS_PROFILE',
      args: [],
      env: { AWS_PROFILE: 'sso-fresh' },
      line: 'The IAM Identity Center (SSO) sign-in of profile "sso-fresh" has expired or was never made. Run: aws sso login --profile sso-fresh, then run this again.',
    },
    {
      name: 'an expired `aws login` session',
      args: ['--profile', 'jane-login'],
      line: 'The "aws login" session of profile "jane-login" has expired or was never made. Run: aws login --profile jane-login, then run this again.',
    },
    {
      name: 'a failing credential_process, with its own message',
      args: ['--profile', 'broken-process'],
      line: 'The credential_process of profile "broken-process" failed: Command failed: sh -c "echo \'corp-vault: your token expired, run corp-vault login\' >&2; exit 3" · corp-vault: your token expired, run corp-vault login',
    },
    {
      name: 'a role profile with mfa_serial and no terminal',
      args: ['--profile', 'admin-mfa'],
      line:
        'Profile "admin-mfa" assumes the role arn:aws:iam::123456789012:role/Admin, which needs a code from the MFA device arn:aws:iam::123456789012:mfa/jane, and there is no terminal to type it in. ' +
        'Run this in a terminal, or get temporary credentials first: eval "$(aws configure export-credentials --profile admin-mfa --format env)", then run this without --profile.',
    },
    {
      name: 'a profile that does not exist',
      args: ['--profile', 'prod'],
      line: 'There is no profile "prod" in ~/.aws/config or ~/.aws/credentials. Profiles there: admin-mfa, base, broken-process, default, jane-login, sso-admin, sso-fresh.',
    },
  ];

  it.each(cases)('$name', async ({ args, env, line }) => {
    proxy.resetCounts();
    const result = await status(adminHome(), args, env);
    expect(result.stderr.trim()).toBe(line);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/No AWS credentials were found|practi[cs]e/i);
    // Nothing reached AWS: the credentials were never there to sign with.
    expect(proxy.count()).toBe(0);
  });

  it('asks AWS Sign-In to refresh an expired `aws login` session before saying it expired', async () => {
    signinCalls = 0;
    await status(adminHome(), ['--profile', 'jane-login']);
    expect(signinCalls).toBeGreaterThan(0);
  });

  it('a config file that cannot be parsed: the file and the line', async () => {
    const home = adminHome('[default]\nregion = eu-west-1\naws_access_key_id AKIAIOSFODNN7EXAMPLE\n');
    const result = await status(home, []);
    expect(result.stderr.trim()).toBe(
      'The AWS config file ~/.aws/config cannot be read at line 3 ("aws_access_key_id AKIAIOSFODNN7EXAMPLE"): a setting is written key = value. Fix that line, then run this again.',
    );
    expect(result.code).toBe(4);
  });

  it('in a terminal, an expired SSO token is explained and practice mode is not offered', async () => {
    const pty = spawnPty(process.execPath, [CLI, '--profile', 'sso-admin'], { env: homeEnv(adminHome()), cwd: ROOT, cols: 80, rows: 24 });
    const { exitCode } = await pty.exited;
    expect(exitCode).toBe(4);
    expect(pty.output()).toContain('aws sso login --profile sso-admin');
    expect(pty.output()).not.toContain('Practise on a simulated account');
  });
});

describe('a role profile with mfa_serial at a terminal', () => {
  it('asks for the 6-digit code, masked, and assumes the role with it', async () => {
    proxy.resetCounts();
    const pty = spawnPty(process.execPath, [CLI, 'status', '--profile', 'admin-mfa'], { env: homeEnv(adminHome()), cwd: ROOT, cols: 80, rows: 24 });
    try {
      await pty.waitFor('MFA code for arn:aws:iam::123456789012:mfa/jane', 30_000);
      pty.write('91827');
      pty.press('enter');
      await pty.waitFor('the code is 6 digits');
      pty.write('3');
      pty.press('enter');
      const { exitCode } = await pty.exited;
      expect(pty.output()).not.toContain('918273'); // masked
      expect(exitCode, pty.output()).toBe(1); // the report ran: checks are open
      expect(pty.output()).toMatch(/read as\s+arn:aws:sts::123456789012:assumed-role\/Admin\//); // wrapped to the window
      const assumed = proxy.lastParams('sts:AssumeRole');
      expect(assumed?.get('RoleArn')).toBe('arn:aws:iam::123456789012:role/Admin');
      expect(assumed?.get('SerialNumber')).toBe('arn:aws:iam::123456789012:mfa/jane');
      expect(assumed?.get('TokenCode')).toBe('918273');
      expect(proxy.count('sts:AssumeRole')).toBe(1); // one code for the whole run, not one per client
    } finally {
      pty.kill('SIGKILL');
    }
  });
});
