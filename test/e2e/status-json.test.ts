// @module-tag e2e
// `status --json`: exactly one JSON object on stdout, in each state an account can be in.
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MANIFEST, STEP_IDS } from '../../steps/manifest.js';
import { SETUP_TIMEOUT_MS, TEST_TIMEOUT_MS, exitCode, finishAccount, runCli, runCliPty, useE2EAccount, writeCalls, type E2EAccount } from './helpers.js';

const account = useE2EAccount();

type Status = 'pass' | 'fail' | 'info' | 'unknown' | 'not-applicable';

interface StatusJson {
  account: string;
  partition: string;
  caller: { arn: string; isRoot: boolean };
  summary: { RootMFA: number | null; RootKeys: number | null; Users: number | null; MFADevices: number | null } | null;
  checks: { id: string; title: string; status: Status; detail: string; required: boolean }[];
  ok: boolean;
}

/** Every step that has a status check (all but admin-sign-in, which only the wizard asks for), in the documented order. */
const IDS = STEP_IDS.filter((id) => id !== 'admin-sign-in');
/** The required ones, as the manifest says. */
const REQUIRED: string[] = MANIFEST.filter((r) => r.required && r.inStatus).map((r) => r.id);

/** What a new account shows: the required checks and the optional ones fail; the advice has nothing or little to say. */
const NEW_ACCOUNT: Record<string, Status> = {
  'root-mfa': 'fail',
  'root-mfa-backup': 'not-applicable',
  'root-hardware-mfa': 'not-applicable',
  'root-access-keys': 'fail',
  'root-signing-certificates': 'pass',
  'root-recent-use': 'info',
  'password-policy': 'fail',
  'admin-user': 'fail',
  'account-alias': 'fail',
  'admin-mfa': 'fail',
  'security-contact': 'fail',
  'billing-alert': 'fail',
};

/** Runs `status --json` and checks the shape every answer must have. */
async function statusJson(): Promise<{ json: StatusJson; code: number }> {
  const result = await runCli(['status', '--json'], account.env());
  expect(result.stderr).toBe('');
  expect(result.stdout.endsWith('}\n')).toBe(true);
  expect(result.stdout.trim().split('\n')).toHaveLength(1); // one object, one line
  const json = JSON.parse(result.stdout) as StatusJson;
  // Each test checks the summary whole: its four counts, or null when it could not be read.
  expect(Object.keys(json)).toEqual(['account', 'partition', 'caller', 'summary', 'checks', 'ok']);
  expect(json.account).toBe('123456789012');
  expect(json.partition).toBe('aws');
  expect(json.caller).toEqual({ arn: 'arn:aws:iam::123456789012:root', isRoot: true });
  expect(json.checks.map((c) => c.id)).toEqual(IDS);
  for (const check of json.checks) {
    expect(Object.keys(check)).toEqual(['id', 'title', 'status', 'detail', 'required']);
    expect(['pass', 'fail', 'info', 'unknown', 'not-applicable']).toContain(check.status);
    expect(check.required).toBe(REQUIRED.includes(check.id));
    expect(check.title).not.toBe('');
    expect(check.detail).not.toBe('');
  }
  expect(result.code).toBe(json.ok ? 0 : 1);
  expect(writeCalls(account.proxy)).toEqual([]); // status only reads
  return { json, code: result.code };
}

const statuses = (json: StatusJson) => Object.fromEntries(json.checks.map((c) => [c.id, c.status]));

it(
  'a new account: every required check fails, exit 1',
  async () => {
    const { json, code } = await statusJson();
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.summary).toEqual({ RootMFA: 0, RootKeys: 1, Users: 0, MFADevices: 0 });
    expect(statuses(json)).toEqual(NEW_ACCOUNT);
  },
  TEST_TIMEOUT_MS,
);

it(
  'root MFA on and root keys gone: the root checks pass, the admin ones still fail',
  async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false });
    const { json, code } = await statusJson();
    expect(code).toBe(1);
    expect(json.summary).toEqual({ RootMFA: 1, RootKeys: 0, Users: 0, MFADevices: 0 });
    expect(statuses(json)).toEqual({
      ...NEW_ACCOUNT,
      'root-mfa': 'pass',
      'root-mfa-backup': 'info', // AWS cannot show a second device that is not an app
      'root-hardware-mfa': 'pass', // no app listed for root: a key or passkey
      'root-access-keys': 'pass',
    });
  },
  TEST_TIMEOUT_MS,
);

it(
  'everything done: ok, exit 0',
  async () => {
    await finishAccount(account, 'admin');
    const { json, code } = await statusJson();
    expect(code).toBe(0);
    expect(json.ok).toBe(true);
    expect(json.summary).toEqual({ RootMFA: 1, RootKeys: 0, Users: 1, MFADevices: 1 });
    expect(statuses(json)).toEqual({
      'root-mfa': 'pass',
      'root-mfa-backup': 'info',
      'root-hardware-mfa': 'pass',
      'root-access-keys': 'pass',
      'root-signing-certificates': 'pass',
      'root-recent-use': 'info', // read as root: every root use is worth a word
      'password-policy': 'pass',
      'admin-user': 'pass',
      'account-alias': 'pass',
      'admin-mfa': 'pass',
      'security-contact': 'pass',
      'billing-alert': 'pass',
    });
    expect(json.checks.find((c) => c.id === 'admin-mfa')?.detail).toContain('admin');
  },
  TEST_TIMEOUT_MS,
);

it(
  'everything done but a root signing certificate left: not ok, exit 1',
  async () => {
    await finishAccount(account, 'admin');
    account.proxy.state.signingCertificates = true;
    const { json, code } = await statusJson();
    expect(json.checks.find((c) => c.id === 'root-signing-certificates')).toMatchObject({
      status: 'fail',
      detail: 'root still has an X.509 signing certificate',
      required: true,
    });
    expect(json.ok).toBe(false);
    expect(code).toBe(1);
  },
  TEST_TIMEOUT_MS,
);

it(
  'everything required done, the optional steps not taken: still ok, exit 0',
  async () => {
    await finishAccount(account, 'admin', { optional: false });
    const { json, code } = await statusJson();
    expect(json.summary).toEqual({ RootMFA: 1, RootKeys: 0, Users: 1, MFADevices: 1 });
    expect(statuses(json)).toMatchObject({ 'account-alias': 'fail', 'billing-alert': 'fail' });
    for (const id of REQUIRED) expect(json.checks.find((c) => c.id === id)?.status).toBe('pass');
    expect(json.ok).toBe(true);
    expect(code).toBe(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  'root has no password: root-mfa is not applicable, which still counts as ok',
  async () => {
    await finishAccount(account, 'admin');
    Object.assign(account.proxy.state, { password: false, mfa: false });
    const { json, code } = await statusJson();
    const rootMfa = json.checks.find((c) => c.id === 'root-mfa')!;
    expect(rootMfa.status).toBe('not-applicable');
    expect(rootMfa.detail).toMatch(/no password/);
    expect(json.summary).toEqual({ RootMFA: 0, RootKeys: 0, Users: 1, MFADevices: 1 });
    expect(json.ok).toBe(true);
    expect(code).toBe(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  'IAM denies GetAccountSummary: the root checks are unknown and name the permission',
  async () => {
    const { proxy } = account;
    proxy.failNext('GetAccountSummary', { status: 403, code: 'AccessDenied' }, 10);
    try {
      const { json, code } = await statusJson();
      expect(code).toBe(1);
      expect(json.ok).toBe(false);
      expect(json.summary).toBeNull();
      for (const id of ['root-mfa', 'root-mfa-backup', 'root-hardware-mfa', 'root-access-keys']) {
        const check = json.checks.find((c) => c.id === id)!;
        expect(check.status).toBe('unknown');
        expect(check.detail).toContain('iam:GetAccountSummary');
      }
      // The checks that need no summary still answer.
      expect(statuses(json)).toMatchObject({ 'root-recent-use': 'info', 'password-policy': 'fail', 'admin-user': 'fail', 'admin-mfa': 'fail' });
    } finally {
      await drainFailures(account);
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'a retried call is one line on stderr, and stdout is still exactly the JSON',
  async () => {
    const { proxy } = account;
    proxy.failNext('GetAccountSummary', { status: 503, code: 'ServiceUnavailable' }, 1);
    try {
      const result = await runCli(['status', '--json'], account.env());
      expect(result.stderr).toBe('iam:GetAccountSummary: AWS answered HTTP 503; trying again (attempt 2 of 5)\n');
      const json = JSON.parse(result.stdout) as StatusJson;
      expect(json.summary).not.toBeNull(); // the second attempt read it
    } finally {
      await drainFailures(account);
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'at a terminal 40 columns wide, the retry line is wrapped between words with a hanging indent',
  async () => {
    const { proxy } = account;
    proxy.failNext('GetAccountSummary', { status: 503, code: 'ServiceUnavailable' }, 1);
    try {
      const pty = runCliPty(['status', '--json'], account.env(), { cols: 40 });
      expect([0, 1]).toContain(await exitCode(pty));
      const lines = pty.output().split('\n');
      const notice = lines.slice(0, lines.findIndex((line) => line.startsWith('{')));
      expect(notice.join(' ').replace(/\s+/g, ' ')).toBe('iam:GetAccountSummary: AWS answered HTTP 503; trying again (attempt 2 of 5)');
      expect(notice.length).toBeGreaterThan(1);
      for (const line of notice) expect(line.length).toBeLessThanOrEqual(40);
      for (const line of notice.slice(1)) expect(line).toMatch(/^ {2}\S/);
    } finally {
      await drainFailures(account);
    }
  },
  TEST_TIMEOUT_MS,
);

/**
 * How many times a run of the CLI set up string-width, the text layout's measure of width: it makes
 * an Intl.Segmenter as it loads (with its emoji pattern, tens of ms), which a preload counts.
 */
async function layoutsLoaded(args: string[]): Promise<{ code: number; segmenters: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'layout-'));
  const count = join(dir, 'segmenters.txt');
  writeFileSync(count, '');
  writeFileSync(
    join(dir, 'count.cjs'),
    "const { appendFileSync } = require('node:fs');\n" +
      'const Segmenter = Intl.Segmenter;\n' +
      "Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); appendFileSync(process.env.SEGMENTER_COUNT, 'x'); } };\n",
  );
  const result = await runCli(args, account.env({ NODE_OPTIONS: `--require=${join(dir, 'count.cjs')}`, SEGMENTER_COUNT: count }));
  return { code: result.code, segmenters: readFileSync(count, 'utf8').length };
}

it(
  'sets up no text layout, which only the table needs: string-width builds its emoji pattern as it loads (tens of ms)',
  async () => {
    await finishAccount(account, 'admin');
    const json = await layoutsLoaded(['status', '--json']);
    expect(json.code).toBe(0);
    expect(json.segmenters).toBe(0);
    const table = await layoutsLoaded(['status']);
    expect(table.code).toBe(0);
    expect(table.segmenters).toBeGreaterThan(0);
  },
  TEST_TIMEOUT_MS,
);

it(
  "keeps no secret in the code cache: V8's cache holds compiled code, none of the run's values",
  async () => {
    const cache = mkdtempSync(join(tmpdir(), 'code-cache-'));
    const secret = `wJalrXUtnFEMI/K7MDENG/${process.pid}x${Date.now()}`;
    const env = account.env({ NODE_COMPILE_CACHE: cache, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: `token-${secret}` });
    const result = await runCli(['status', '--json'], env);
    expect([0, 1]).toContain(result.code);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1); // the cache was made, after a run that signed with the secret
    const text = readFileSync(join(cache, files[0]!), 'latin1');
    expect(text).not.toContain(secret);
  },
  TEST_TIMEOUT_MS,
);

/** Uses up injected GetAccountSummary failures that the run left, so no later test sees them. */
async function drainFailures({ proxy }: E2EAccount) {
  const iam = new IAMClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  });
  try {
    for (let i = 0; i < 10; i++) {
      try {
        await iam.send(new GetAccountSummaryCommand({}));
        return;
      } catch {
        // one more injected failure used up
      }
    }
  } finally {
    iam.destroy();
  }
}
