// The interactive interface in-process, on a scripted terminal read through a real emulator
// (xterm.js): text from outside made inert, the QR screen at 80x24 and smaller, secrets on terminals
// without an alternate screen, the waiting keys, actions that turn ✔, and a stop on a secret screen.
import { describe, expect, it, vi } from 'vitest';
import type { StatusReport } from '../../src/engine/status.js';
import type { Step } from '../../src/engine/types.js';
import { StoppedError } from '../../src/errors.js';
import { statusTable } from '../../src/ui/status-view.js';
import { TerminalUI } from '../../src/ui/terminal-ui.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { rootMfa } from '../../steps/root-mfa.js';
import { loosely } from '../support/ansi.js';
import { ScriptedTerminal } from '../support/scripted-terminal.js';
import { Emulator } from '../support/terminal.js';

/** A TerminalUI on a fresh scripted terminal, standing in for the process's own. */
function terminalUi(cols = 80, rows = 24, options: { color?: boolean; withoutAlternateScreen?: boolean; practice?: boolean } = {}) {
  const term = new ScriptedTerminal(cols, rows, options);
  const controller = new AbortController();
  const interrupt = vi.fn(() => controller.abort(new StoppedError()));
  const ui = new TerminalUI(term.io(), controller.signal, interrupt, options.practice ? { url: 'http://127.0.0.1:1/' } : undefined);
  return { term, ui, controller, interrupt };
}

/** An AWS MFA seed is 64 Base32 characters; its URI as the enrolment step builds it. */
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const URI = `otpauth://totp/AWS:admin-jane@123456789012?secret=${SEED}`;
const LABEL = 'Scan this with your authenticator app (it appears as AWS:admin-jane@123456789012)';
const GROUPS = SEED.match(/.{4}/g)!;

describe('text from outside reaches the terminal inert (issue 12, finding 3)', () => {
  const HOSTILE = [
    'Sec Ops\x1b]0;pwned window title\x07', // retitles the window
    '\x1b[2J\x1b[H', // clears the screen
    '\x1b]52;c;cm0gLXJmIH4K\x07', // writes the clipboard (OSC 52)
    '\u202eevil', // reverses what follows
  ].join(' ');

  it('a detail, a note and a question from AWS: no title change, nothing cleared, no clipboard write, escapes shown', async () => {
    const { term, ui } = terminalUi();
    const titles: string[] = [];
    term.emulator.term.onTitleChange((title) => titles.push(title));
    ui.note({ level: 'info', text: 'a line before' });
    ui.stepStart(rootMfa, 0, 1);
    ui.stepResult(rootMfa, { status: 'fail', detail: HOSTILE }, 'before');
    ui.note({ level: 'warn', text: HOSTILE });
    const all = await term.all();
    expect(titles).toEqual([]);
    expect(all).toContain('a line before'); // not cleared
    expect(term.raw()).not.toMatch(/\x1b\]|\x1b\[2J|\u202e/);
    expect(all).toContain('Sec Ops\\u{1b}]0;pwned window title\\u{7}');
    expect(all).toContain('\\u{1b}]52;c;cm0gLXJmIH4K\\u{7}');
    expect(all).toContain('\\u{202e}evil');
  });

  it('a forged row in a detail cannot pass for a row of the status table, at any width', async () => {
    const forged = `someone\n  PASS  root-mfa            root has at least one MFA device${' '.repeat(60)}PASS  root-access-keys  none`;
    const report: StatusReport = {
      account: '123456789012',
      partition: 'aws',
      caller: { arn: 'arn:aws:iam::123456789012:user/admin', isRoot: false },
      summary: null,
      ok: false,
      checks: [
        { id: 'root-mfa', title: 'MFA', status: 'fail', detail: 'root can sign in with a password alone', required: true },
        { id: 'security-contact', title: 'Contact', status: 'pass', detail: forged, required: true },
      ],
    };
    for (const width of [60, 80, 120]) {
      const emulator = new Emulator(width, 40);
      await emulator.write(`${statusTable(report, width).value.replace(/\n/g, '\r\n')}\r\n`);
      const rows = emulator.text().split('\n');
      // Two rows, the real ones; the detail's lines hang under its column, never at a row's start.
      expect(rows.filter((row) => /^ {2}(PASS|FAIL|INFO|OPT |\?{4}|N\/A ) /.test(row)), `at ${width} columns`).toEqual([
        expect.stringMatching(/^ {2}FAIL {2}root-mfa {10}root can sign/),
        expect.stringMatching(/^ {2}PASS {2}security-contact {2}someone\\u\{a\} {2}PASS {2}root-mfa/),
      ]);
      expect(emulator.overflowingLines()).toEqual([]);
    }
  });
});

describe('the QR code (issue 11, item 2)', () => {
  it.each([false, true])('at 80x24 (colour %s): the whole code, the key in groups of four and the first code prompt on one screen; zbar reads it', async (color) => {
    const { term, ui } = terminalUi(80, 24, { color, practice: true });
    await ui.showQrCode(LABEL, URI, SEED);
    const code = ui.text({ key: 'mfa-code-1', message: 'First 6-digit code from the app' });
    await term.waitFor('? First 6-digit code from the app');
    const screen = (await term.screen()).join('\n');
    expect(screen).toContain('PRACTICE');
    expect(screen).toContain('? First 6-digit code from the app');
    for (const group of GROUPS) expect(screen).toContain(group);
    expect(term.emulator.scanQrCodes()).toEqual([URI]);
    expect(term.emulator.overflowingLines()).toEqual([]);
    term.type('123456\r');
    await expect(code).resolves.toBe('123456');
    ui.forgetSecret();
  });

  it('in a window too short: says how many rows it needs, shows the key, and draws the code once the window grows', async () => {
    const { term, ui } = terminalUi(60, 20);
    const shown = ui.showQrCode(LABEL, URI, SEED);
    await term.waitFor('this one has 20');
    const small = (await term.screen()).join('\n');
    const needed = Number(/needs a window (\d+) rows tall/.exec(small.replace(/\s+/g, ' '))![1]);
    expect(needed).toBeGreaterThan(20);
    for (const group of GROUPS) expect(small).toContain(group);
    expect(term.emulator.scanQrCodes()).toEqual([]);
    await term.resize(60, needed);
    await shown; // the code is on the screen: the questions can follow
    expect(term.emulator.scanQrCodes()).toEqual([URI]);
    expect(term.emulator.overflowingLines()).toEqual([]);
    ui.forgetSecret();
  });

  it('in a window too short, Enter goes on with the key typed by hand', async () => {
    const { term, ui } = terminalUi(80, 12);
    const shown = ui.showQrCode(LABEL, URI, SEED);
    await term.waitFor('press Enter');
    term.press('enter');
    await shown;
    ui.forgetSecret();
    await term.settled();
    expect(term.emulator.onAlternateScreen).toBe(false);
  });
});

describe('secrets on terminals without an alternate screen (issue 12, finding 7)', () => {
  const PASSWORD = 'Shown-Once-Passw0rd-7';

  async function showAndConfirm(rows: number) {
    const { term, ui } = terminalUi(80, rows, { withoutAlternateScreen: true });
    for (let i = 1; i <= 30; i++) ui.note({ level: 'info', text: `earlier line ${i}` });
    ui.showSecret('First console password for ops-admin', PASSWORD);
    const saved = ui.confirm({ key: 'password-saved', message: 'Saved it in a password manager? It is not shown again.', default: false });
    await term.waitFor('Saved it in a password manager?');
    term.type('y\r');
    await saved;
    ui.forgetSecret();
    return { term, all: await term.all() };
  }

  it('the password is erased line by line: not on the screen, not in the scrollback; the run before it is kept', async () => {
    const { all } = await showAndConfirm(24);
    expect(all).not.toContain(PASSWORD);
    expect(all).toContain('earlier line 1');
    expect(all).toContain('earlier line 30');
    expect(all).toContain('(the password is cleared from the screen)');
  });

  it('in a window too short to hold it, it says the password may be in the scrollback, and does not say "cleared"', async () => {
    const { all } = await showAndConfirm(4);
    expect(all).toContain(PASSWORD); // scrolled into the scrollback, as the note says
    expect(all).not.toContain('cleared from the screen');
    expect(all.replace(/\s+/g, ' ')).toContain('This window was too short: the password may have scrolled past its top.');
  });
});

describe('while waiting for a console step (issue 11, item 4)', () => {
  const step: Step = rootMfa; // required

  it('? and g show the explanation and the glossary, and hide them again', async () => {
    const { term, ui, controller } = terminalUi();
    const waiter = ui.waiting(step, 'an MFA device on the root user');
    const next = waiter.nextCommand(controller.signal);
    await term.waitFor(loosely('?: explain this step'));
    term.type('?');
    await term.waitFor(loosely('?: hide the explanation'));
    expect((await term.screen()).join('\n')).toContain('Watch out:');
    term.type('?');
    await term.waitFor(loosely('?: explain this step'));
    expect((await term.screen()).join('\n')).not.toContain('Watch out:');
    term.type('g');
    await term.waitFor(loosely('g: hide the glossary'));
    expect((await term.screen()).join('\n')).toContain('partition');
    term.type('g');
    await term.waitFor(/g:\s+glossary\s+·/);
    expect((await term.screen()).join('\n')).not.toContain('partition');
    term.press('enter');
    await expect(next).resolves.toBe('check');
    waiter.stop();
  });

  it('l shows the checklist again, its link last, right above the waiting block; only a step whose checklist was shown has the key', async () => {
    const { term, ui, controller } = terminalUi(60, 20);
    const url = 'https://console.aws.amazon.com/iam/home#/security_credentials';
    ui.stepStart(step, 0, 1);
    ui.checklist(step, { url, items: ['Choose "Assign MFA device".'] });
    const waiter = ui.waiting(step, 'an MFA device on the root user');
    const next = waiter.nextCommand(controller.signal);
    await term.waitFor(loosely('l: link again'));
    term.type('l');
    await term.waitFor('The page:');
    await term.waitFor(loosely('Ctrl-C: stop'));
    const screen = (await term.screen()).join('\n');
    expect(screen).toMatch(/Choose "Assign MFA device"\.\n {2}The page:\n {4}https:\/\/console\.aws\.amazon\.com\/iam\/home#\/security_creden\ntials\n. Waiting for an MFA device/);
    term.press('enter');
    await expect(next).resolves.toBe('check'); // l only shows: the wait goes on
    waiter.stop();

    const other = ui.waiting(passwordPolicy, 'a stronger password policy'); // no checklist of its own shown
    await term.waitFor(loosely('Waiting for a stronger password policy'));
    await term.waitFor(loosely('Ctrl-C: stop'));
    expect((await term.screen()).join('\n')).not.toMatch(/l: (link|checklist) again/);
    other.stop();
  });

  it('s on a required step asks first: another key keeps waiting, y skips', async () => {
    const { term, ui, controller } = terminalUi();
    const waiter = ui.waiting(step, 'an MFA device on the root user');
    const next = waiter.nextCommand(controller.signal);
    await term.waitFor(loosely('s: skip (asks first)'));
    term.type('s');
    await term.waitFor(loosely('Press y to skip it anyway'));
    term.type('n');
    await term.waitFor(loosely('s: skip (asks first)'));
    term.type('s');
    await term.waitFor(loosely('Press y to skip it anyway'));
    term.type('y');
    await expect(next).resolves.toBe('skip');
    waiter.stop();
  });

  it('s on an optional step skips at once', async () => {
    const { term, ui, controller } = terminalUi();
    const optional = { ...passwordPolicy, required: false } as Step;
    const waiter = ui.waiting(optional, 'a stronger password policy');
    const next = waiter.nextCommand(controller.signal);
    await term.waitFor(loosely('s: skip for now'));
    term.type('s');
    await expect(next).resolves.toBe('skip');
    waiter.stop();
  });

  it('Enter says "Checking…" until the check answers; an outage is one status line that changes', async () => {
    const { term, ui, controller } = terminalUi();
    const waiter = ui.waiting(step, 'an MFA device on the root user');
    const next = waiter.nextCommand(controller.signal);
    await term.waitFor(loosely('Enter: check now'));
    term.press('enter');
    await expect(next).resolves.toBe('check');
    await term.waitFor('Checking…');
    waiter.checked('root can sign in with a password alone', 1000);
    await term.waitFor(loosely('Last check: root can sign in with a password alone (1 check so far)'));
    for (let attempt = 2; attempt <= 4; attempt++) ui.retrying(`iam:GetAccountSummary: AWS did not answer in time; trying again (attempt ${attempt} of 4)`);
    await term.waitFor(loosely('attempt 4 of 4'));
    await new Promise((resolve) => setTimeout(resolve, 150)); // a spinner frame
    const screen = (await term.screen()).join('\n');
    expect(screen).toMatch(loosely('attempt 4 of 4'));
    expect(screen).not.toMatch(loosely('attempt 3 of 4'));
    expect(screen.match(/Waiting for an MFA device/g)).toHaveLength(1);
    waiter.stop();
  });
});

describe('progress that tells the truth (issue 11, item 5)', () => {
  it('an action line turns ✔ where it stands, or ✖ with the reason', async () => {
    const { term, ui } = terminalUi();
    ui.action('Create the IAM user ops-admin').done();
    ui.action('Create the group Administrators').failed('CreateGroup failed: access denied');
    const all = await term.all();
    expect(all).toContain('  ✔ Create the IAM user ops-admin\n  … Create the group Administrators'.split('\n')[0]);
    expect(all).not.toContain('… Create the IAM user ops-admin');
    expect(all).toContain('  ✖ Create the group Administrators: CreateGroup failed: access denied');
    expect(all).not.toContain('… Create the group Administrators');
  });

  it('a stop on a secret screen leaves it at once, so what the run says next is on the main screen; nothing says "cleared"', async () => {
    const { term, ui, controller } = terminalUi();
    ui.note({ level: 'info', text: 'before the secret' });
    ui.showSecret('First console password for ops-admin', 'Shown-Once-Passw0rd');
    expect(term.emulator.onAlternateScreen).toBe(false); // not yet flushed: settle first
    await term.settled();
    expect(term.emulator.onAlternateScreen).toBe(true);
    controller.abort(new StoppedError());
    ui.note({ level: 'warn', text: 'Stopped at admin-user. Done in this run: nothing.' });
    ui.forgetSecret();
    await term.settled();
    expect(term.emulator.onAlternateScreen).toBe(false);
    const all = await term.all();
    expect(all).toContain('before the secret');
    expect(all).toContain('! Stopped at admin-user.');
    expect(all).not.toContain('Shown-Once-Passw0rd');
    expect(all).not.toContain('cleared');
  });
});
