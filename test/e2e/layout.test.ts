// @module-tag e2e
// The wizard laid out for the window it runs in: at 60x20, 80x24 and 120x40, in a real
// pseudo-terminal, read through a real terminal emulator (xterm.js). A dry run with every answer
// given shows every kind of text once (headers, checklists, plans, notes, the summary) and waits
// for nothing. Also: --help in 80 columns, and NO_COLOR for everything, the spinner too.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../support/terminal.js';
import { TEST_TIMEOUT_MS, exitCode, loosely, runCli, runCliPty, useE2EAccount, waitChecked } from './helpers.js';

const account = useE2EAccount();

const ANSWERS = [
  ['--admin-user', 'ops-admin'],
  ['--grant', 'group'],
  ['--account-alias', 'layout-test'],
  ['--mfa-in', 'terminal'],
  ['--security-contact-name', 'Security Team'],
  ['--security-contact-email', 'security@example.com'],
  ['--security-contact-phone', '+1 555 0100'],
  ['--budget-amount', '20'],
  ['--alert-email', 'billing@example.com'],
].flat();

/**
 * A line the terminal had to wrap is allowed only where wrapping would break what must stay whole:
 * a command (`$ …`), or a single word longer than the line (a URL, an ARN).
 */
const mustStayWhole = (line: string) => /^\s*\$ /.test(line) || /^\s*(\S+\s)?\S+$/.test(line.trim());

describe.each([
  [60, 20],
  [80, 24],
  [120, 40],
])('at %ix%i', (cols, rows) => {
  it(
    'a dry run: no line wider than the window, no word broken at its edge, only commands and long words left whole',
    async () => {
      const pty = runCliPty(['--dry-run', ...ANSWERS], account.env(), { cols, rows });
      // The questions no flag answers: each takes its default.
      for (const question of ["first console password be made?", 'memorable sign-in address? (optional)', 'monthly budget? (optional)']) {
        await pty.waitFor(loosely(question));
        pty.press('enter');
      }
      await pty.waitFor(loosely('Run it without --dry-run to carry out the plan.'));
      expect(await exitCode(pty)).toBe(1);
      const screen = new Emulator(cols, rows);
      await screen.write(pty.raw());
      const text = screen.text();
      expect(text).toContain('Dry run: nothing was changed');
      expect(screen.rowsOf().every((row) => row.text.length <= cols)).toBe(true);
      const wrapped = screen.overflowingLines();
      expect(wrapped.filter((line) => !mustStayWhole(line))).toEqual([]);
      // The commands among them are whole on their own lines: they copy and paste.
      for (const line of wrapped) expect(line).toMatch(/^\s*\$ aws |^\s*(https?:\/\/|arn:)\S+$/);
    },
    TEST_TIMEOUT_MS,
  );
});

it('--help fits 80 columns, in a pipe as in a terminal', async () => {
  const piped = await runCli(['--help'], account.env());
  expect(piped.code).toBe(0);
  expect(piped.stdout.split('\n').filter((line) => [...line].length > 80)).toEqual([]);
  const pty = runCliPty(['--help'], account.env(), { cols: 80, rows: 24 });
  expect(await exitCode(pty)).toBe(0);
  const screen = new Emulator(80, 24);
  await screen.write(pty.raw());
  expect(screen.overflowingLines()).toEqual([]);
});

it(
  'NO_COLOR: no colour anywhere, the spinner and the questions included; FORCE_COLOR colours a pipe',
  async () => {
    const pty = runCliPty(['--poll-interval', '1'], account.env({ NO_COLOR: '1' }), { cols: 80, rows: 24 });
    await waitChecked(pty);
    pty.press('ctrl-c');
    expect(await exitCode(pty)).toBe(130);
    expect(pty.raw()).toContain('Waiting for an MFA device on the root user');
    expect(pty.raw()).not.toMatch(/\x1b\[[0-9;]*m/); // no SGR sequence at all
    const forced = await runCli(['status'], account.env({ FORCE_COLOR: '1' }));
    expect(forced.stdout).toMatch(/\x1b\[3\dm/);
  },
  TEST_TIMEOUT_MS,
);

it(
  '--password-stdin at a terminal is refused before anything is read or called: it would echo what is typed',
  async () => {
    const pty = runCliPty(['--admin-user', 'ops-admin', '--password-stdin'], account.env(), { cols: 80, rows: 24 });
    expect(await exitCode(pty)).toBe(2);
    expect(pty.output().replace(/\s+/g, ' ')).toContain('--password-stdin reads a pipe');
    expect(account.proxy.count()).toBe(0);
  },
  TEST_TIMEOUT_MS,
);
