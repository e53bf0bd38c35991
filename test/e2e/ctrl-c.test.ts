// @module-tag e2e
// Ctrl-C stops the run at once, says how to continue, and leaves the terminal as it found it.
import { expect, it } from 'vitest';
import {
  SPINNER_KEYS,
  answerAdminQuestions,
  TEST_TIMEOUT_MS,
  exitCode,
  finishAccount,
  header,
  runCliPty,
  useE2EAccount,
  waitChecked,
  writeCalls,
} from './helpers.js';
import { Emulator, renderScreen } from '../support/terminal.js';
import { keyShown } from '../support/totp.js';
import { cursorLeftHidden, HIDE_CURSOR } from '../support/ansi.js';
import type { PtySession } from '../support/pty.js';

const account = useE2EAccount();

async function expectStoppedCleanly(pty: PtySession) {
  const output = pty.output();
  expect(output).toMatch(/^Stopped\. .*run "node dist\/cli\.js" again to continue where you left off\.$/m);
  expect(output).not.toMatch(/^\s+at /m); // no stack trace
  const raw = pty.raw();
  // The cursor is visible again: shown after the last time anything hid it.
  expect(cursorLeftHidden(raw)).toBe(false);
  const screen = await renderScreen(raw);
  expect(screen).not.toMatch(SPINNER_KEYS);
  expect(screen.split('\n').at(-1)).toMatch(/^Stopped\./);
}

it(
  'while polling a console step: exit 130, the spinner gone and the cursor shown',
  async () => {
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    await pty.waitFor(SPINNER_KEYS);
    await waitChecked(pty);
    expect(pty.raw()).toContain(HIDE_CURSOR); // the spinner did hide the cursor
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    await expectStoppedCleanly(pty);
    expect(pty.output()).not.toMatch(/\[2\/\d+\]/); // no step after the one stopped
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'at a question: exit 130 and no write',
  async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false });
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    // A confirmation before a write: the admin user's plan, all questions answered.
    await pty.waitFor(header('Create an admin identity for daily work', 'admin-user'));
    await answerAdminQuestions(pty);
    await pty.waitFor('? Go ahead with these changes?');
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    await expectStoppedCleanly(pty);
    expect(pty.output()).not.toContain('(password-policy)');
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'at a typed answer: exit 130 and no write',
  async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false });
    // The first question of the run.
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    await pty.waitFor(header('Create an admin identity for daily work', 'admin-user'));
    await pty.waitFor('? Which kind of admin for daily work?');
    pty.press('enter');
    await pty.waitFor('? Name for the admin user');
    pty.write('half-typ');
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    await expectStoppedCleanly(pty);
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

/**
 * Ctrl-C on a screen that shows a secret: the run leaves it at once, so what it says lands on the
 * main screen and stays there: what was done, what a re-run finishes, and how to continue.
 */
async function expectStoppedOnTheMainScreen(pty: PtySession, secretShown: string) {
  expect(await exitCode(pty)).toBe(130);
  const screen = new Emulator(120, 40);
  await screen.write(pty.raw());
  expect(screen.onAlternateScreen).toBe(false);
  const text = screen.text();
  expect(text).not.toContain(secretShown);
  expect(text).not.toContain('cleared from the screen'); // nothing was saved: no such claim
  const stop = text.slice(text.lastIndexOf('! Stopped at')).replace(/\s+/g, ' ');
  expect(text.split('\n').at(-1)).toMatch(/^Stopped\./);
  return stop;
}

it(
  'on the generated password: the stop is told on the main screen, with what AWS now holds and what a re-run finishes',
  async () => {
    Object.assign(account.proxy.state, { mfa: true, accessKeys: false });
    const pty = runCliPty(['--poll-interval', '1'], account.env());
    await answerAdminQuestions(pty);
    await pty.waitFor('? Go ahead with these changes?');
    pty.press('enter');
    const shown = await pty.waitFor('Saved it in a password manager?');
    const password = /First console password for admin:\s+(\S+)/.exec(shown)![1]!;
    pty.press('ctrl-c');
    const stop = await expectStoppedOnTheMainScreen(pty, password);
    expect(stop).toContain('! Stopped at admin-user. Done in this run: nothing. Of admin-user, done: Create the IAM user admin; not done:');
    expect(stop).toContain('A re-run keeps what is done and finishes admin-user,');
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateUser']); // the user, without a password anyone saw
  },
  TEST_TIMEOUT_MS,
);

it(
  'on the QR code: the same, on the main screen',
  async () => {
    await finishAccount(account, 'admin', { mfa: false });
    const pty = runCliPty(['--admin-user', 'admin', '--mfa-in', 'terminal'], account.env());
    await pty.waitFor('? Go ahead with these changes?');
    pty.press('enter');
    const shown = await pty.waitFor('? First 6-digit code from the app');
    const key = keyShown(shown);
    pty.press('ctrl-c');
    const stop = await expectStoppedOnTheMainScreen(pty, key.slice(0, 4));
    expect(stop).toContain('! Stopped at admin-mfa.');
    expect(stop).toContain('not done: Show its QR code, then enable it with two consecutive codes from your app.');
  },
  TEST_TIMEOUT_MS,
);
