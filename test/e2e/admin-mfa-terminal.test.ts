// The admin's MFA enrolled in the terminal: a QR code, the Base32 fallback, codes checked against the seed.
import { beforeEach, expect, it } from 'vitest';
import { keyShown, totp } from '../support/totp.js';
import {
  TEST_TIMEOUT_MS,
  adminState,
  exitCode,
  finishAccount,
  header,
  runCliPty,
  useE2EAccount,
} from './helpers.js';
import { renderScreen } from '../support/terminal.js';

const USER = 'admin-jane';

const account = useE2EAccount({ resetEach: false });
// Everything else is done already, so the run comes straight to the admin's MFA.
beforeEach(async () => {
  await account.reset();
  await finishAccount(account, USER, { mfa: false });
});

it('enrols an authenticator app in the terminal: QR code, Base32 fallback, a refused code explained, then two good codes; the seed leaves the screen', async () => {
  const pty = runCliPty(['--admin-user', USER], account.env());
  try {
    await pty.waitFor(header('Turn on MFA for the admin user', 'admin-mfa'));
    await pty.waitFor('How do you want to add MFA for the admin user?');
    pty.press('enter'); // default: in this terminal
    await pty.waitFor('$ aws iam enable-mfa-device --user-name admin-jane');
    await pty.waitFor('Go ahead with these changes?');
    pty.press('enter');
    // Beside the code at this width, so its words wrap between the code's rows.
    const screenText = await pty.waitFor('Then type two codes');
    expect(screenText).toMatch(/Scan this with your authenticator app[\s\S]*AWS:admin-jane@123456789012/);
    const seed = keyShown(screenText);
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
    await pty.waitFor('(the QR code and its key are cleared from the screen)');
    await pty.waitFor('Done: MFA is on for admin-jane');
    await pty.waitFor('Summary');
    expect(await exitCode(pty)).toBe(0);

    // The seed was drawn on the alternate screen only, and the run left that screen after it was
    // last drawn: what the terminal shows at the end has no trace of it.
    const raw = pty.raw();
    const group = seed.slice(0, 4);
    expect(raw.lastIndexOf('\x1b[?1049h')).toBeLessThan(raw.indexOf(group));
    expect(raw.indexOf('\x1b[?1049l', raw.lastIndexOf(group))).toBeGreaterThan(0);
    const screen = await renderScreen(raw);
    for (const piece of seed.match(/.{4}/g)!) expect(screen).not.toContain(piece);
    expect(screen).not.toContain('Scan this with your authenticator app');
    expect(screen).toContain('(the QR code and its key are cleared from the screen)');
  } finally {
    pty.kill();
  }
  expect((await adminState(account.iam, USER)).mfa).toEqual([`arn:aws:iam::123456789012:mfa/${USER}`]);
  // One refused try and one accepted, both on the one device created for them.
  expect(account.proxy.count('iam:CreateVirtualMFADevice')).toBe(1);
  expect(account.proxy.count('iam:EnableMFADevice')).toBe(2);
}, TEST_TIMEOUT_MS);
