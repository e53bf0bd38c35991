// @module-tag e2e
// Every flow that handles a secret, and everything the program wrote while doing it: the screen
// (outside the one alternate-screen block meant to show it), stdout/stderr, every file it created
// under HOME, the working directory and TMPDIR, and its argv and environment as `ps` sees them.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { AddUserToGroupCommand, AttachGroupPolicyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreateUserCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { AccountClient } from '@aws-sdk/client-account';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ADMIN_POLICY, CLI, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';
import { runProcess } from '../support/process.js';
import { spawnPty, type PtySession } from '../support/pty.js';
import { keyShown, totp } from '../support/totp.js';
import { alternateScreenBlocks, outsideAlternateScreen, processView, snapshotFiles, writtenFiles } from '../support/traces.js';

const TEST_TIMEOUT_MS = 90_000;
const SKIP_OTHERS = ['--skip', 'account-alias', '--skip', 'admin-sign-in', '--skip', 'billing-alert'];

let account: E2EAccount;
let sandbox: string;
let dirs: { home: string; cwd: string; tmp: string };
let before: Map<string, Buffer>;

beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());

beforeEach(async () => {
  // Root is locked away and the account settings are made, so each run comes straight to the secret.
  await account.reset({ mfa: true, accessKeys: false });
  await account.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
  const contacts = new AccountClient({ endpoint: account.moto.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
  await contacts.send(
    new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'Security', EmailAddress: 's@example.com', PhoneNumber: '+1 555 0100' }),
  );
  contacts.destroy();
  sandbox = mkdtempSync(join(tmpdir(), 'secrets-'));
  dirs = { home: join(sandbox, 'home'), cwd: join(sandbox, 'cwd'), tmp: join(sandbox, 'tmp') };
  Object.values(dirs).forEach((d) => mkdirSync(d));
  before = snapshotFiles(sandbox);
});

afterEach(() => {
  // The program never makes an access key, for anyone.
  expect(account.proxy.count('CreateAccessKey')).toBe(0);
  rmSync(sandbox, { recursive: true, force: true });
});

const env = () => account.env({ HOME: dirs.home, TMPDIR: dirs.tmp });

/** No file the run created or changed holds the secret. */
function expectNoFileHolds(secret: string) {
  for (const [path, content] of writtenFiles(before, snapshotFiles(sandbox))) {
    expect(content.toString('utf8'), path).not.toContain(secret);
  }
}

function runPty(args: string[]): PtySession {
  return spawnPty(process.execPath, [CLI, ...args], { env: env(), cwd: dirs.cwd });
}

/** The secret is on the screen only inside the alternate-screen block, and that block is left again. */
/** `secret` is a password, shown whole, or an MFA key's groups of four, each shown as it is. */
function expectOnlyOnTheSecretScreen(pty: PtySession, secret: string | string[]) {
  const pieces = typeof secret === 'string' ? [secret] : secret;
  const raw = pty.raw();
  for (const piece of pieces) expect(outsideAlternateScreen(raw)).not.toContain(piece);
  const blocks = alternateScreenBlocks(raw).filter((b) => pieces.every((piece) => b.includes(piece)));
  expect(blocks).toHaveLength(1);
  expect(blocks[0]).toMatch(/\x1b\[\?1049l$/);
}

async function createAdmin(name: string) {
  await account.iam.send(new CreateUserCommand({ UserName: name }));
  await account.iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Pre-Existing-Passw0rd!' }));
  await account.iam.send(new CreateGroupCommand({ GroupName: 'Administrators' }));
  await account.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: ADMIN_POLICY }));
  await account.iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: name }));
}

it(
  'a generated console password: shown once on the alternate screen, and nowhere else the program writes',
  async () => {
    const pty = runPty(['--admin-user', 'ops-admin', '--grant', 'group', '--skip', 'admin-mfa', ...SKIP_OTHERS]);
    try {
      await pty.waitFor("? How should ops-admin's first console password be made?");
      pty.press('enter'); // generate
      await pty.waitFor('? Go ahead with these changes?');
      pty.press('enter');
      const shown = await pty.waitFor('? Saved it in a password manager?');
      const password = /First console password for ops-admin:\s+(\S+)/.exec(shown)![1]!;
      expect(processView(pty.pid)).not.toContain(password);
      // The person holds the password before AWS does: a crash from here on never loses the only copy.
      expect(account.proxy.count('iam:CreateLoginProfile')).toBe(0);
      pty.write('y\r');
      expect((await pty.exited).exitCode).toBe(1); // admin-mfa, skipped, stays open
      // It is the password AWS was given.
      expect(account.proxy.lastParams('iam:CreateLoginProfile')?.get('Password')).toBe(password);
      expectOnlyOnTheSecretScreen(pty, password);
      expectNoFileHolds(password);
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'a typed console password: masked as it is typed, and never written anywhere',
  async () => {
    const password = 'Typed-Secret-Passw0rd-42';
    const pty = runPty(['--admin-user', 'ops-admin', '--grant', 'group', '--skip', 'admin-mfa', ...SKIP_OTHERS]);
    try {
      await pty.waitFor("? How should ops-admin's first console password be made?");
      pty.press('down');
      pty.press('enter'); // type one
      await pty.waitFor('? Go ahead with these changes?');
      pty.press('enter');
      await pty.waitFor('? First console password for ops-admin');
      pty.write(`${password}\r`);
      await pty.waitFor('? Type it again');
      pty.write(`${password}\r`);
      expect((await pty.exited).exitCode).toBe(1);
      expect(account.proxy.lastParams('iam:CreateLoginProfile')?.get('Password')).toBe(password);
      expect(pty.raw()).not.toContain(password);
      expect(pty.output()).toContain('*'.repeat(password.length));
      expectNoFileHolds(password);
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  '--password-stdin: not in argv, not in the environment, not in the output',
  async () => {
    const password = 'Piped-Secret-Passw0rd-42';
    let pid = 0;
    let seenByPs = '';
    account.proxy.afterResponse('iam:CreateLoginProfile', () => (seenByPs = processView(pid)));
    const result = await runProcess(process.execPath, [CLI, '--yes', '--admin-user', 'ops-admin', '--password-stdin', ...SKIP_OTHERS], {
      env: env(),
      cwd: dirs.cwd,
      input: `${password}\n`,
      onSpawn: (p) => (pid = p),
    });
    expect(result.code).toBe(1); // the admin's MFA is a console step under --yes
    expect(account.proxy.lastParams('iam:CreateLoginProfile')?.get('Password')).toBe(password);
    expect(seenByPs).toContain('--password-stdin'); // read while the program ran
    expect(seenByPs).not.toContain(password);
    expect(result.stdout + result.stderr).not.toContain(password);
    expectNoFileHolds(password);
  },
  TEST_TIMEOUT_MS,
);

it(
  'the MFA seed of the terminal enrolment: on the alternate screen only, never in a file, argv or the environment',
  async () => {
    await createAdmin('admin');
    const pty = runPty(['--admin-user', 'admin', '--mfa-in', 'terminal', ...SKIP_OTHERS]);
    try {
      await pty.waitFor('? Go ahead with these changes?');
      pty.press('enter');
      const shown = await pty.waitFor('? First 6-digit code from the app');
      const seed = keyShown(shown);
      expect(seed).toMatch(/^[A-Z2-7]{32,}$/);
      expect(processView(pty.pid)).not.toContain(seed);
      pty.write(`${totp(seed, Date.now())}\r`);
      await pty.waitFor('Wait for the code to change');
      pty.write(`${totp(seed, Date.now() + 30_000)}\r`);
      expect((await pty.exited).exitCode).toBe(0);
      expectOnlyOnTheSecretScreen(pty, seed.match(/.{4}/g)!);
      expectNoFileHolds(seed);
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'practice mode: the scenario file it saves holds no password',
  async () => {
    const password = 'Practice-Secret-Passw0rd-42';
    const scenario = join(dirs.cwd, 'lesson.json');
    const result = await runProcess(
      process.execPath,
      [CLI, '--practice-state', scenario, '--yes', '--admin-user', 'ops-admin', '--password-stdin', ...SKIP_OTHERS],
      { env: env(), cwd: dirs.cwd, input: `${password}\n` },
    );
    expect(result.stdout).toContain('Done: ops-admin is an admin with console access');
    expect(writtenFiles(before, snapshotFiles(sandbox)).get(scenario)?.toString('utf8')).toContain('"loginProfile"');
    expect(result.stdout + result.stderr).not.toContain(password);
    expectNoFileHolds(password);
  },
  TEST_TIMEOUT_MS,
);
