// @module-tag e2e
// @module-tag slow
// Ctrl-C at every question and every wait of a full interactive run: exit 130, a line on how to
// resume, the cursor shown and the terminal back in its normal (cooked, echoing) mode, as
// `stty -a` run in the same terminal right after reports it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, enableUserMfa, SETUP_TIMEOUT_MS, startE2EAccount, type E2EAccount } from '../e2e/helpers.js';
import { cursorLeftHidden } from '../support/ansi.js';
import { spawnPty, type PtySession } from '../support/pty.js';

const TEST_TIMEOUT_MS = 90_000;

/** Every stop of a full run on a fresh account whose root is locked away, with how to answer it. */
const STOPS: { at: string; answer: (pty: PtySession) => void | Promise<void> }[] = [
  { at: '? Which kind of admin for daily work?', answer: (p) => p.press('enter') },
  { at: '? Name for the admin user', answer: (p) => p.write('ops-admin\r') },
  { at: "? How should ops-admin's first console password be made?", answer: (p) => p.press('enter') },
  { at: '? How should AdministratorAccess be given?', answer: (p) => p.press('enter') },
  { at: '? Go ahead with these changes?', answer: (p) => p.press('enter') },
  { at: '? Saved it in a password manager?', answer: (p) => p.write('y\r') },
  { at: '? Go ahead with these changes?', answer: (p) => p.press('enter') }, // password policy
  { at: '? Give the account a memorable sign-in address? (optional)', answer: (p) => p.press('enter') },
  { at: '? Alias for the sign-in address', answer: (p) => p.write('ctrl-c-test\r') },
  { at: '? Go ahead with these changes?', answer: (p) => p.press('enter') },
  { at: '? How do you want to add MFA for the admin user?', answer: (p) => (p.press('down'), p.press('enter')) },
  {
    at: 'Waiting for an MFA device on the admin user',
    answer: async (p) => {
      await enableUserMfa(account.iam, 'ops-admin');
      p.press('enter'); // check now
    },
  },
  { at: '? Security contact: name', answer: (p) => p.write('Security Team\r') },
  { at: '? Security contact: email address', answer: (p) => p.write('security@example.com\r') },
  { at: '? Security contact: phone number', answer: (p) => p.write('+1 555 0100\r') },
  { at: '? Go ahead with these changes?', answer: (p) => p.press('enter') },
  { at: '? Get an email when spending passes a monthly budget? (optional)', answer: (p) => p.press('enter') },
  { at: '? Monthly budget in US dollars', answer: (p) => p.press('enter') },
  { at: '? Email address for the alerts', answer: (p) => p.write('billing@example.com\r') },
  { at: '? Go ahead with these changes?', answer: (p) => p.press('enter') },
];

let account: E2EAccount;
beforeAll(async () => {
  account = await startE2EAccount();
}, SETUP_TIMEOUT_MS);
afterAll(() => account?.close());

/**
 * The CLI, then `stty -a` in the same terminal: what the program left the terminal in. The shell
 * then waits for a line, so the terminal stays open until its output is read (what a process writes
 * just before it exits can be lost with the pty on a busy machine).
 */
const runThenStty = () =>
  // The shell catches SIGINT (a caught signal is reset for the program it starts), so it lives on to run stty.
  spawnPty('sh', ['-c', `trap : INT; "${process.execPath}" "${CLI}" --poll-interval 1; echo "exit=$?"; stty -a; read _`], {
    env: account.env(),
  });

/** stty -a's local modes, the line that says whether input is canonical (icanon) or raw (-icanon). */
const LOCAL_MODES = /(^|\s)-?icanon(\s|$)[^\n]*\n/m;

it.each(STOPS.map((stop, index) => ({ index, at: stop.at })))(
  'Ctrl-C at stop $index ($at): exit 130, how to resume, terminal sane',
  async ({ index }) => {
    // The admin has signed in once already, so that console step does not wait.
    await account.reset({ mfa: true, accessKeys: false, signedIn: new Set(['ops-admin']) });
    const pty = runThenStty();
    try {
      for (const stop of STOPS.slice(0, index)) {
        await pty.waitFor(stop.at, 60_000);
        await stop.answer(pty);
      }
      await pty.waitFor(STOPS[index]!.at, 60_000);
      pty.press('ctrl-c');
      await pty.waitFor(LOCAL_MODES, 60_000);
      const after = pty.output();
      expect(/exit=(\d+)/.exec(after)![1]).toBe('130');
      const output = pty.output();
      expect(output).toMatch(/^Stopped\. .*run "node dist\/cli\.js" again to continue where you left off\.$/m);
      expect(output).not.toMatch(/^\s+at /m);
      const raw = pty.raw();
      expect(cursorLeftHidden(raw)).toBe(false);
      const stty = after.slice(after.indexOf('exit='));
      expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);

it(
  'the whole walk, never stopped, ends done (the stops above are all there are)',
  async () => {
    await account.reset({ mfa: true, accessKeys: false, signedIn: new Set(['ops-admin']) });
    const pty = runThenStty();
    try {
      for (const stop of STOPS) {
        await pty.waitFor(stop.at, 60_000);
        await stop.answer(pty);
      }
      const after = await pty.waitFor(/exit=(\d+)/, 60_000);
      expect(/exit=(\d+)/.exec(after)![1]).toBe('0');
    } finally {
      pty.kill();
    }
  },
  TEST_TIMEOUT_MS,
);
