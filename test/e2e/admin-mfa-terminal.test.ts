// @module-tag e2e
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
import { Emulator, renderScreen } from '../support/terminal.js';

const USER = 'admin-jane';

const account = useE2EAccount({ resetEach: false });
// Everything else is done already, so the run comes straight to the admin's MFA.
beforeEach(async () => {
  await account.reset();
  await finishAccount(account, USER, { mfa: false });
});

it('enrols an authenticator app in an 80x24 terminal: the whole QR code (zbar reads it), the key in groups and the first prompt on one screen; a refused code explained, then two good codes; the seed leaves the screen', async () => {
  const pty = runCliPty(['--admin-user', USER], account.env(), { cols: 80, rows: 24 });
  try {
    await pty.waitFor(header('Turn on MFA for the admin user', 'admin-mfa'));
    await pty.waitFor('How do you want to add MFA for the admin user?');
    pty.press('enter'); // default: in this terminal
    await pty.waitFor('$ aws iam enable-mfa-device --user-name admin-jane');
    await pty.waitFor('Go ahead with these changes?');
    pty.press('enter');
    // Beside the code at this width, so its words wrap between the code's rows.
    const screenText = await pty.waitFor('Then type two codes');
    expect(screenText).toMatch(/Scan this with your[\s\S]*AWS:admin-jane@123456789012/);
    const seed = keyShown(screenText);
    expect(pty.raw()).toMatch(/[▀▄█]{7}/); // the QR code itself, drawn in half blocks

    await pty.waitFor('First 6-digit code from the app');
    // What the person sees now: the whole code, which a phone (zbar here) reads, and the question.
    const mfaScreen = new Emulator(80, 24);
    await mfaScreen.write(pty.raw());
    expect(mfaScreen.scanQrCodes()).toEqual([`otpauth://totp/AWS:${USER}@123456789012?secret=${seed}`]);
    const visible = mfaScreen.screen().join('\n');
    expect(visible).toContain('? First 6-digit code from the app');
    for (const group of seed.match(/.{4}/g)!) expect(visible).toContain(group);
    expect(mfaScreen.overflowingLines()).toEqual([]);
    console.log(`The MFA screen at 80x24, as the emulator shows it:\n${visible}`);
    pty.write('000000\r');
    await pty.waitFor('Wait for the code to change');
    pty.write('111111\r');
    // The refused code is said beside the QR code, in its column: its lines alternate with the code's rows.
    await pty.waitFor(/Those codes do not come from this[^\n]*\n.*device\./);

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
