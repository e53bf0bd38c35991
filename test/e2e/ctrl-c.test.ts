// @module-tag e2e
// Ctrl-C stops the run at once, says how to continue, and leaves the terminal as it found it.
import { expect, it } from 'vitest';
import {
  SPINNER_KEYS,
  answerAdminQuestions,
  TEST_TIMEOUT_MS,
  exitCode,
  header,
  runCliPty,
  useE2EAccount,
  waitChecked,
  writeCalls,
} from './helpers.js';
import { renderScreen } from './screen.js';
import { cursorLeftHidden, HIDE_CURSOR } from '../support/ansi.js';
import type { PtySession } from '../support/pty.js';

const account = useE2EAccount();

function expectStoppedCleanly(pty: PtySession) {
  const output = pty.output();
  expect(output).toMatch(/^Stopped\. .*run "node dist\/cli\.js" again to continue where you left off\.$/m);
  expect(output).not.toMatch(/^\s+at /m); // no stack trace
  const raw = pty.raw();
  // The cursor is visible again: shown after the last time anything hid it.
  expect(cursorLeftHidden(raw)).toBe(false);
  const screen = renderScreen(raw);
  expect(screen).not.toContain(SPINNER_KEYS);
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
    expectStoppedCleanly(pty);
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
    expectStoppedCleanly(pty);
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
    expectStoppedCleanly(pty);
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
