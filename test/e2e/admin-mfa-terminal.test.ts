import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { AttachUserPolicyCommand, CreateLoginProfileCommand, CreateUserCommand, ListMFADevicesCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsEnv } from '../support/aws-env.js';
import { spawnPty } from '../support/pty.js';
import { startTestAccount, TEMPORARY_CREDENTIALS, type TestAccount } from '../support/test-account.js';
import { totp } from '../support/totp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const USER = 'admin-jane';

let account: TestAccount;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'prepare.mjs')], { cwd: ROOT, stdio: 'ignore' });
  account = await startTestAccount();
  await account.reset({ mfa: true, accessKeys: false });
  // Everything else is done already, so the run comes straight to the admin's MFA.
  const iam = account.aws.iam;
  await iam.send(new CreateUserCommand({ UserName: USER }));
  await iam.send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Some-Passw0rd-Long!' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: USER, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
  await account.aws.account.send(
    new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'Security', EmailAddress: 's@example.com', PhoneNumber: '+1 555 0100' }),
  );
}, 120_000);
afterAll(() => account?.close());

it('enrols an authenticator app in the terminal: QR code, Base32 fallback, a refused code explained, then two good codes; the seed leaves the screen', async () => {
  const pty = spawnPty(process.execPath, [CLI, '--admin-user', USER, '--skip', 'admin-sign-in', '--skip', 'account-alias', '--skip', 'billing-alert'], {
    env: { ...awsEnv(account.proxy.url), ...TEMPORARY_CREDENTIALS },
  });
  try {
    await pty.waitFor('[10/12] Turn on MFA for the admin user (admin-mfa)', 60_000);
    await pty.waitFor('How do you want to add MFA for the admin user?');
    pty.press('enter'); // default: in this terminal
    await pty.waitFor('$ aws iam enable-mfa-device --user-name admin-jane');
    await pty.waitFor('Go ahead with these changes?');
    pty.press('enter');
    await pty.waitFor('Scan this with your authenticator app (it appears as AWS:admin-jane@123456789012)');
    const fallback = await pty.waitFor(/secret key:\s+([A-Z2-7]{16,})\s/);
    const seed = /secret key:\s+([A-Z2-7]{16,})/.exec(fallback)![1]!;
    expect(pty.raw()).toMatch(/[▀▄█]{7}/); // the QR code itself, drawn in half blocks

    await pty.waitFor('First 6-digit code from the app');
    pty.write('000000\r');
    await pty.waitFor('Wait for the code to change');
    pty.write('111111\r');
    await pty.waitFor('do not come from this device');

    await pty.waitFor('First 6-digit code from the app');
    pty.write(`${totp(seed, Date.now())}\r`);
    await pty.waitFor('Wait for the code to change');
    pty.write(`${totp(seed, Date.now() + 30_000)}\r`);
    await pty.waitFor('(secret saved by you, and cleared from the screen)');
    await pty.waitFor('Done: MFA is on for admin-jane');
    await pty.waitFor('Summary');
    expect((await pty.exited).exitCode).toBe(0);

    // After the last time the seed was drawn, the screen was wound back over it and erased.
    const raw = pty.raw();
    const erase = /\x1b\[(\d+)A\r\x1b\[J/.exec(raw.slice(raw.lastIndexOf(seed)));
    expect(erase).not.toBeNull();
    expect(Number(erase![1])).toBeGreaterThan(20);
  } finally {
    pty.kill();
  }
  const devices = await account.aws.iam.send(new ListMFADevicesCommand({ UserName: USER }));
  expect(devices.MFADevices).toHaveLength(1);
}, 120_000);
