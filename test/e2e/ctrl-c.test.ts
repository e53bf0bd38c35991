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
import { renderScreen } from '../support/terminal.js';
import type { PtySession } from '../support/pty.js';

const account = useE2EAccount();

const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';

async function expectStoppedCleanly(pty: PtySession) {
  const output = pty.output();
  expect(output).toMatch(/^Stopped\. .*run "node dist\/cli\.js" again to continue where you left off\.$/m);
  expect(output).not.toMatch(/^\s+at /m); // no stack trace
  const raw = pty.raw();
  // The cursor is visible again: shown after the last time anything hid it.
  if (raw.includes(HIDE)) expect(raw.lastIndexOf(SHOW)).toBeGreaterThan(raw.lastIndexOf(HIDE));
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
    expect(pty.raw()).toContain(HIDE); // the spinner did hide the cursor
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
    await pty.waitFor(header('Create an admin IAM user for daily work', 'admin-user'));
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
    await pty.waitFor(header('Create an admin IAM user for daily work', 'admin-user'));
    await pty.waitFor('? Name for the admin user');
    pty.write('half-typ');
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    await expectStoppedCleanly(pty);
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);
