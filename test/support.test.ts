import { CreateUserCommand, GetAccountSummaryCommand, GetPolicyCommand, GetUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAccountProxy, type AccountProxy } from './support/account-proxy.js';
import { splitIncomplete, stripAnsi } from './support/ansi.js';
import { awsEnv } from './support/aws-env.js';
import { startMoto, type Moto } from './support/moto.js';
import { runProcess } from './support/process.js';
import { spawnPty } from './support/pty.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let moto: Moto;
let proxy: AccountProxy;
let iam: IAMClient;
let sts: STSClient;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAccountProxy(moto.url);
  const config = {
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  };
  iam = new IAMClient(config);
  sts = new STSClient(config);
}, 30_000);

afterAll(async () => {
  iam?.destroy();
  sts?.destroy();
  await proxy?.close();
  await moto?.stop();
});

async function summary(): Promise<Record<string, number>> {
  const out = await iam.send(new GetAccountSummaryCommand({}));
  return out.SummaryMap ?? {};
}

describe('moto + account proxy', () => {
  // Only the tests that depend on moto's users reset it.
  beforeEach(() => {
    proxy.state = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };
    proxy.resetCounts();
  });

  it('forwards IAM calls to moto and records them', async () => {
    await moto.reset();
    proxy.resetCounts();
    const created = await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    expect(created.User?.Arn).toBe('arn:aws:iam::123456789012:user/alice');
    await iam.send(new GetUserCommand({ UserName: 'alice' }));
    expect(proxy.calls).toEqual(['iam:CreateUser', 'iam:GetUser']);
    expect(proxy.count('iam:CreateUser')).toBe(1);
    expect(proxy.count('CreateUser')).toBe(1);
    expect(proxy.count()).toBe(2);
    proxy.resetCounts();
    expect(proxy.count()).toBe(0);
  });

  it('reset() clears moto state but keeps the AWS managed policy the program uses', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'temp' }));
    await moto.reset();
    expect((await iam.send(new ListUsersCommand({}))).Users ?? []).toEqual([]);
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(policy.Policy?.PolicyName).toBe('AdministratorAccess');
  });

  it('GetAccountSummary follows the root state', async () => {
    expect(await summary()).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, AccountPasswordPresent: 1, AccountSigningCertificatesPresent: 0 });
    Object.assign(proxy.state, { mfa: true, accessKeys: false, password: false, signingCertificates: true });
    const flipped = await summary();
    expect(flipped).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 0, AccountSigningCertificatesPresent: 1 });
    expect(flipped.UsersQuota).toBe(5000); // the rest of moto's answer survives
  });

  it('GetCallerIdentity is the root ARN for caller=root and moto’s for caller=user', async () => {
    const root = await sts.send(new GetCallerIdentityCommand({}));
    expect(root).toMatchObject({ Arn: 'arn:aws:iam::123456789012:root', UserId: '123456789012', Account: '123456789012' });
    proxy.state.partition = 'aws-us-gov';
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws-us-gov:iam::123456789012:root');
    proxy.state.caller = 'user';
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::123456789012:user/moto');
    expect(proxy.calls).toEqual(['sts:GetCallerIdentity', 'sts:GetCallerIdentity', 'sts:GetCallerIdentity']);
  });

  it('signedIn users get PasswordLastUsed in GetUser and ListUsers', async () => {
    await moto.reset();
    await iam.send(new CreateUserCommand({ UserName: 'admin', Tags: [{ Key: 'k', Value: 'v' }] }));
    await iam.send(new CreateUserCommand({ UserName: 'other' }));
    expect((await iam.send(new GetUserCommand({ UserName: 'admin' }))).User?.PasswordLastUsed).toBeUndefined();
    proxy.state.signedIn.add('admin');
    const user = (await iam.send(new GetUserCommand({ UserName: 'admin' }))).User;
    expect(user?.PasswordLastUsed).toBeInstanceOf(Date);
    expect(user?.PasswordLastUsed?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(user?.Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect((await iam.send(new GetUserCommand({ UserName: 'other' }))).User?.PasswordLastUsed).toBeUndefined();
    const listed = (await iam.send(new ListUsersCommand({}))).Users ?? [];
    expect(Object.fromEntries(listed.map((u) => [u.UserName, u.PasswordLastUsed instanceof Date]))).toEqual({ admin: true, other: false });
  });

  it('failNext answers with a query-protocol error without forwarding', async () => {
    await moto.reset();
    proxy.failNext('iam:CreateUser', { status: 403, code: 'AccessDenied', message: 'not allowed' });
    const err = await iam.send(new CreateUserCommand({ UserName: 'denied' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AccessDenied', message: 'not allowed', $metadata: { httpStatusCode: 403 } });
    expect(proxy.count('iam:CreateUser')).toBe(1);
    await iam.send(new CreateUserCommand({ UserName: 'denied' })); // not created the first time, so no clash
    expect(proxy.count('iam:CreateUser')).toBe(2);
  });

  it('failNext with a throttling error is retried by the SDK', async () => {
    proxy.failNext('GetAccountSummary', { status: 400, code: 'Throttling' }, 1);
    expect((await summary()).AccountPasswordPresent).toBe(1);
    expect(proxy.count('iam:GetAccountSummary')).toBe(2);
  });

  it('exposes state and calls over HTTP for out-of-process tests', async () => {
    const posted = await fetch(`${proxy.url}/__state`, { method: 'POST', body: JSON.stringify({ mfa: true, signedIn: ['x'] }) });
    expect(await posted.json()).toMatchObject({ caller: 'root', mfa: true, signedIn: ['x'] });
    expect(proxy.state.signedIn).toEqual(new Set(['x']));
    expect((await summary()).AccountMFAEnabled).toBe(1);
    expect(await (await fetch(`${proxy.url}/__state`)).json()).toMatchObject({ mfa: true, accessKeys: true });
    expect(await (await fetch(`${proxy.url}/__calls`)).json()).toEqual(['iam:GetAccountSummary']);
  });

  it('awsEnv points a child process SDK at the proxy', async () => {
    const script = `
      import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
      const out = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      console.log(out.Arn);`;
    const env = { ...awsEnv(proxy.url), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const result = await runProcess(process.execPath, ['--input-type=module', '-e', script], { env });
    expect(result).toEqual({ code: 0, stdout: 'arn:aws:iam::123456789012:root\n', stderr: '' });
  });
});

describe('pty', () => {
  const sessions: Array<ReturnType<typeof spawnPty>> = [];
  const pty = (...args: Parameters<typeof spawnPty>) => {
    const s = spawnPty(...args);
    sessions.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill('SIGKILL');
  });

  it('answers a prompt like a person', async () => {
    // The last `read` holds the terminal open until the output is seen: what a process writes just
    // before it exits can be lost with the pty, more often on a busy machine.
    const s = pty('bash', ['-c', 'read -p "name? " n; printf "\\033[1;32mhi %s\\033[0m\\n" "$n"; [ -t 0 ] && echo "tty=$TERM"; read _']);
    await s.waitFor('name?');
    s.write('bob\r');
    await s.waitFor('hi bob');
    await s.waitFor(/tty=\S+/);
    s.press('enter');
    expect(await s.exited).toEqual({ exitCode: 0 });
    expect(s.output()).toBe('name? bob\nhi bob\ntty=xterm-256color\n\n');
    expect(s.raw()).toContain('\x1b[1;32m');
  });

  it('waitFor only looks after the previous match', async () => {
    const s = pty('bash', ['-c', 'echo step; echo step; read _; echo done']);
    await s.waitFor('step');
    await s.waitFor('step');
    const missed = s.waitFor('step', 300);
    await expect(missed).rejects.toThrow(/Timed out after 300 ms waiting for "step"[\s\S]*step\nstep/);
    s.press('enter');
    expect(await s.waitFor('done')).toBe('\n\ndone'); // step's newline, then the echoed enter
  });

  it('ctrl-c ends a running command, and waitFor fails fast after exit', async () => {
    const s = pty('sleep', ['10']);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    s.press('ctrl-c');
    const exit = await s.exited;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(exit.signal ?? exit.exitCode).not.toBe(0);
    await expect(s.waitFor('never', 5000)).rejects.toThrow(/already exited/);
  });

  it('strips colour, cursor, OSC and carriage returns, also across chunk boundaries', () => {
    const raw = '\x1b]0;title\x07\x1b[?25l\x1b[31mred\x1b[0m\r\n\x1b[2K\x1b[1Gspin\rdone\x1b(B\x07';
    expect(stripAnsi(raw)).toBe('red\nspin\ndone');
    expect(splitIncomplete('ok\x1b[3')).toEqual(['ok', '\x1b[3']);
    expect(splitIncomplete('ok\x1b]0;ti')).toEqual(['ok', '\x1b]0;ti']);
    expect(splitIncomplete('ok\r')).toEqual(['ok', '\r']);
    expect(splitIncomplete('a\x1b[0mb')).toEqual(['a\x1b[0mb', '']);
  });
});

describe('runProcess', () => {
  it('runs without a terminal and feeds stdin', async () => {
    const result = await runProcess('bash', ['-c', '[ -t 0 ] || echo notty; cat; echo err >&2; exit 3'], { input: 'typed\n' });
    expect(result).toEqual({ code: 3, stdout: 'notty\ntyped\n', stderr: 'err\n' });
  });

  it('reports a signal as 128 + signo', async () => {
    const result = await runProcess('bash', ['-c', 'kill -TERM $$']);
    expect(result).toMatchObject({ code: 143, signal: 'SIGTERM' });
  });
});
