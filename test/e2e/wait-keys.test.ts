// @module-tag e2e
// The keys a person can press while the wizard waits on a console step: s skips, Enter checks now.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../support/terminal.js';
import {
  SPINNER_KEYS,
  TEST_TIMEOUT_MS,
  exitCode,
  answer,
  finishAccount,
  header,
  runCliPty,
  useE2EAccount,
  until,
  waitChecked,
  writeCalls,
  summaryOf,
  loosely,
} from './helpers.js';

const account = useE2EAccount();

it(
  's skips a console step and the wizard goes on to the next',
  async () => {
    // An admin exists but has neither signed in nor got MFA; root has neither MFA nor deleted its key.
    // The required settings are in place; the optional ones are not, and the person declines them.
    await finishAccount(account, 'admin', { mfa: false, signedIn: false, root: false, optional: false });
    const pty = runCliPty(['--poll-interval', '1'], account.env());

    await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    await waitChecked(pty);
    pty.write('s'); // a required step: it asks first
    await pty.waitFor(loosely('Press y to skip it anyway'));
    pty.write('y');
    await pty.waitFor('! Skipped for now: the next run checks it again.');
    await pty.waitFor(header('Delete every root access key', 'root-access-keys'));
    await waitChecked(pty);
    account.proxy.state.accessKeys = false;
    await pty.waitFor('✔ Done: root has no access keys');
    await pty.waitFor('✔ Create an admin identity for daily work: admin with console access: admin'); // settled: one line
    await pty.waitFor(header('Give the account a memorable sign-in address', 'account-alias'));
    await answer(pty, 'Give the account a memorable sign-in address? (optional)', 'n');
    await pty.waitFor(header('Sign in once as the admin user', 'admin-sign-in'));
    await waitChecked(pty);
    pty.write('s');
    await pty.waitFor(header('Turn on MFA for the admin user', 'admin-mfa'));
    await pty.waitFor('? How do you want to add MFA for the admin user?');
    pty.press('down'); // in the AWS console: a console step like the others
    pty.press('enter');
    await pty.waitFor('✔ How do you want to add MFA for the admin user? In the AWS console');
    await pty.waitFor('Waiting for an MFA device on the admin user');
    await waitChecked(pty);
    pty.write('s');
    await pty.waitFor(loosely('Press y to skip it anyway'));
    pty.write('y');
    await pty.waitFor(header('Get an email when spending passes a monthly budget', 'billing-alert'));
    await answer(pty, 'Get an email when spending passes a monthly budget? (optional)', 'n');

    await pty.waitFor('Run it again to pick up where you left off');
    // What is open and required leads, in words; the optional steps (first sign-in, alias, budget) after, holding nothing open.
    const summary = summaryOf(pty.output());
    expect(summary.required).toEqual({ 'root-mfa': 'skipped for now', 'admin-mfa': 'skipped for now' });
    expect(summary.optional).toEqual({ 'account-alias': 'skipped for now', 'admin-sign-in': 'skipped for now', 'billing-alert': 'skipped for now' });
    expect(summary.doneNow).toEqual(['root-access-keys']);
    expect(await exitCode(pty)).toBe(1);
    expect(pty.output()).not.toContain('Done: root has at least one MFA device');
    expect(writeCalls(account.proxy)).toEqual([]);
  },
  TEST_TIMEOUT_MS,
);

it(
  'Enter checks at once instead of waiting for the next poll',
  async () => {
    const { proxy } = account;
    // Polls 24-36 s apart (30 s ± 20%): a check within 15 s of a key can only be the key.
    const pty = runCliPty(['--poll-interval', '30'], account.env());
    await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
    await pty.waitFor(SPINNER_KEYS);
    await waitChecked(pty, 1);

    const before = proxy.count('iam:GetAccountSummary');
    pty.press('enter');
    await until(() => proxy.count('iam:GetAccountSummary') > before, 'Enter made a check', 15_000);
    await waitChecked(pty, 2, 15_000); // the spinner counts it

    proxy.state.mfa = true; // done in the console; Enter notices it now, not in 30 s
    pty.press('enter');
    await pty.waitFor('✔ Done: root has at least one MFA device', 15_000);
    await pty.waitFor(header('Delete every root access key', 'root-access-keys'));
    await waitChecked(pty, 1);
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
  },
  TEST_TIMEOUT_MS,
);

/** The rows on screen now, each line the terminal wrapped joined again (a long link is one line). */
async function screenLines(raw: string, cols: number, rows: number): Promise<string[]> {
  const screen = new Emulator(cols, rows);
  await screen.write(raw);
  const out: string[] = [];
  for (const row of screen.rowsOf('screen')) {
    if (row.wrapped && out.length > 0) out[out.length - 1] += row.text;
    else out.push(row.text);
  }
  return out;
}

/** The screen once the spinner has drawn a whole frame (it redraws several times a second): its keys line ends it. */
async function waitingScreen(pty: ReturnType<typeof runCliPty>, cols: number, rows: number): Promise<string[]> {
  let screen: string[] = [];
  await until(async () => {
    screen = await screenLines(pty.raw(), cols, rows);
    return /Ctrl-C:\s+stop\s*$/.test(screen.join('\n'));
  }, 'the waiting block is drawn whole');
  return screen;
}

const ROOT_CREDENTIALS = 'https://console.aws.amazon.com/iam/home#/security_credentials';

describe.each([
  // At 60x20 the checklist (its link first) is taller than the window: the link scrolls away while waiting.
  { cols: 60, rows: 20, linkScrolledAway: true, keyRows: 2 },
  // 80x24 stays as tidy as before: the keys on two rows.
  { cols: 80, rows: 24, linkScrolledAway: false, keyRows: 2 },
])('at $cols x $rows', ({ cols, rows, linkScrolledAway, keyRows }) => {
  it(
    'l shows the checklist again, its link last, just above the waiting block, which keeps waiting',
    async () => {
      const pty = runCliPty(['--poll-interval', '1'], account.env(), { cols, rows });
      await pty.waitFor(header('Turn on MFA for the root user', 'root-mfa'));
      await pty.waitFor(loosely('l: link again'));
      await pty.waitFor(loosely('1 check so far'));
      expect((await waitingScreen(pty, cols, rows)).includes(`    ${ROOT_CREDENTIALS}`)).toBe(!linkScrolledAway);

      pty.write('l');
      await pty.waitFor('The page:');
      await pty.waitFor(loosely('2 checks so far')); // still waiting, the block redrawn below it
      const screen = await waitingScreen(pty, cols, rows);
      const link = screen.findIndex((line) => line.trim() === ROOT_CREDENTIALS);
      expect(link, screen.join('\n')).toBeGreaterThan(0);
      expect(screen[link - 1]!.trim()).toBe('The page:');
      expect(screen[link + 1]).toMatch(/Waiting for an MFA device on the root user/);
      // The keys fit the window, on as many rows as before the new key.
      const keys = screen.slice(screen.findIndex((line) => line.includes('Enter: check now'))).filter((line) => line.trim());
      expect(keys.every((line) => line.length <= cols)).toBe(true);
      expect(keys, screen.join('\n')).toHaveLength(keyRows);

      pty.press('ctrl-c');
      expect(await exitCode(pty)).toBe(130);
    },
    TEST_TIMEOUT_MS,
  );
});
