// The interactive interface in-process, on a scripted terminal (support/scripted-terminal.ts): its
// prompts, secrets and the waiting spinner's keys, read back from the screen a person would see.
// The pseudo-terminal tests (test/e2e) run the same interface in the built CLI.
import { describe, expect, it, vi } from 'vitest';
import type { Step } from '../../src/engine/types.js';
import { StoppedError } from '../../src/errors.js';
import { TerminalUI } from '../../src/ui/terminal-ui.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { cursorLeftHidden, loosely } from '../support/ansi.js';
import { ScriptedTerminal } from '../support/scripted-terminal.js';
import { runSteps, useTestAccount } from '../support/test-account.js';

/** A TerminalUI on a fresh 80x24 scripted terminal, handed to it as its IO. */
function terminalUi(practice?: { url: string }) {
  const term = new ScriptedTerminal(80, 24);
  const controller = new AbortController();
  const interrupt = vi.fn(() => controller.abort(new StoppedError()));
  const ui = new TerminalUI(term.io(), controller.signal, interrupt, practice);
  return { term, ui, interrupt, signal: controller.signal };
}

const step: Step = passwordPolicy;

describe('questions', () => {
  it('text: shows the default, refuses what fails validation with the reason, takes the answer', async () => {
    const { term, ui } = terminalUi();
    const answer = ui.text({
      key: 'admin-user',
      message: 'Name for the admin user',
      default: 'admin',
      validate: (v) => (/^[a-z-]+$/.test(v) ? true : 'letters and - only'),
    });
    await term.waitFor('? Name for the admin user (admin)');
    term.type('ops admin');
    term.press('enter');
    await term.waitFor('letters and - only');
    for (let i = 0; i < 'ops admin'.length; i++) term.press('backspace');
    term.type('ops-admin');
    term.press('enter');
    await expect(answer).resolves.toBe('ops-admin');
    expect(await term.all()).toContain('✔ Name for the admin user ops-admin');
  });

  it('secret: each character shown as *, the value never written', async () => {
    const { term, ui } = terminalUi();
    const answer = ui.secret({ key: 'password', message: 'First console password' });
    await term.waitFor('? First console password');
    term.type('Correct-Horse-9');
    term.press('enter');
    await expect(answer).resolves.toBe('Correct-Horse-9');
    expect(await term.all()).toContain('✔ First console password ***************');
    expect(term.raw()).not.toContain('Correct-Horse-9');
  });

  it('confirm: Enter takes the default, n says no', async () => {
    const { term, ui } = terminalUi();
    const first = ui.confirm({ key: 'apply', message: 'Go ahead with these changes?', default: true });
    await term.waitFor('? Go ahead with these changes? (Y/n)');
    term.press('enter');
    await expect(first).resolves.toBe(true);
    const second = ui.confirm({ key: 'apply', message: 'Go ahead with these changes?', default: true });
    await term.waitFor('? Go ahead with these changes? (Y/n)');
    term.type('n');
    term.press('enter');
    await expect(second).resolves.toBe(false);
  });

  it('select: the arrow keys move to another choice', async () => {
    const { term, ui } = terminalUi();
    const answer = ui.select({
      key: 'grant',
      message: 'How should AdministratorAccess be given?',
      choices: [
        { value: 'group', name: 'Through the Administrators group' },
        { value: 'direct', name: 'Attached to the user' },
      ],
    });
    await term.waitFor('Attached to the user');
    term.press('down');
    term.press('enter');
    await expect(answer).resolves.toBe('direct');
    expect(await term.all()).toContain('✔ How should AdministratorAccess be given? Attached to the user');
  });

  it('Ctrl-C at a question stops the whole run', async () => {
    const { term, ui, interrupt } = terminalUi();
    const answer = ui.text({ key: 'account-alias', message: 'Alias for the sign-in address' });
    await term.waitFor('? Alias for the sign-in address');
    term.press('ctrl-c');
    await expect(answer).rejects.toBeInstanceOf(StoppedError);
    expect(interrupt).toHaveBeenCalledOnce();
  });
});

describe('secrets', () => {
  it('a password is shown on the alternate screen, and gone from the screen once forgotten', async () => {
    const { term, ui } = terminalUi();
    ui.note({ level: 'info', text: 'before the secret' });
    ui.showSecret('First console password for ops-admin', 'Shown-Once-Passw0rd');
    expect(await term.all()).toContain('Shown-Once-Passw0rd');
    expect(await term.all()).not.toContain('before the secret');
    ui.forgetSecret();
    expect(await term.all()).not.toContain('Shown-Once-Passw0rd');
    expect(await term.all()).toContain('before the secret');
    expect(await term.all()).toContain('(the password is cleared from the screen)');
  });

  it('a QR code with its typed fallback, in practice mode marked PRACTICE, cleared the same way', async () => {
    const { term, ui } = terminalUi({ url: 'http://127.0.0.1:1/' });
    await ui.showQrCode('Scan this with your authenticator app', 'otpauth://totp/AWS:ops-admin?secret=JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP');
    const shown = await term.all();
    expect(shown).toContain('PRACTICE');
    expect(shown).toMatch(/[█▀▄]{10}/); // the code itself, in block characters
    expect(shown).toContain('JBSW Y3DP EHPK 3PXP'); // the key in groups of four
    ui.forgetSecret();
    expect(await term.all()).not.toContain('JBSW Y3DP');
  });
});

describe('waiting for a console step', () => {
  it('Enter checks now, s skips after asking (a required step); the spinner shows the keys and the last check, and leaves the cursor shown', async () => {
    const { term, ui, signal } = terminalUi();
    const waiter = ui.waiting(step, 'a stronger password policy');
    await term.waitFor('Waiting for a stronger password policy');
    await term.waitFor(loosely('Enter: check now · s: skip (asks first) · ?: explain this step · g: glossary · Ctrl-C: stop'));
    waiter.checked('no password policy yet', 1000);
    await term.waitFor('Last check: no password policy yet (1 check so far)');
    const check = waiter.nextCommand(signal);
    term.press('enter');
    await expect(check).resolves.toBe('check');
    const skip = waiter.nextCommand(signal);
    term.type('s');
    await term.waitFor(loosely('Press y to skip it anyway'));
    term.type('y');
    await expect(skip).resolves.toBe('skip');
    waiter.stop();
    expect(cursorLeftHidden(term.raw())).toBe(false);
    expect(term.input.isRaw).toBe(false);
  });

  it('? explains the step and g shows the glossary above the spinner, which keeps waiting', async () => {
    const { term, ui, signal } = terminalUi();
    const waiter = ui.waiting(step, 'a stronger password policy');
    const command = waiter.nextCommand(signal);
    await term.waitFor('Waiting for a stronger password policy');
    term.type('?');
    await term.waitFor('Watch out:');
    term.type('g');
    await term.waitFor('Glossary');
    term.press('enter');
    await expect(command).resolves.toBe('check');
    waiter.stop();
  });

  it('in practice mode, p does the step in the practice console, then checks at once', async () => {
    const doItForMe = vi.fn(() => 'set a password policy of length 14');
    const { term, ui, signal } = terminalUi({ url: 'http://127.0.0.1:1/' });
    const waiter = ui.waiting(step, 'a stronger password policy', doItForMe);
    await term.waitFor(loosely('p: do it in the practice console for me'));
    const command = waiter.nextCommand(signal);
    term.type('p');
    await expect(command).resolves.toBe('check');
    expect(doItForMe).toHaveBeenCalledOnce();
    await term.waitFor('PRACTICE console: set a password policy of length 14.');
    waiter.stop();
  });

  it("what the practice console did is wrapped between words at 80 columns, as is why it could not", async () => {
    const did = 'assigned the authenticator app "root-authenticator-1" to root';
    const { term, ui, signal } = terminalUi({ url: 'http://127.0.0.1:1/' });
    const waiter = ui.waiting(step, 'an MFA device on root', () => did);
    await term.waitFor(loosely('p: do it in the practice console for me'));
    const first = waiter.nextCommand(signal);
    term.type('p');
    await expect(first).resolves.toBe('check');
    await term.waitFor('root.');
    waiter.stop();
    const shown = await term.all();
    expect(shown).toContain('  PRACTICE console: assigned the authenticator app "root-authenticator-1" to\n  root.');

    const failing = terminalUi({ url: 'http://127.0.0.1:1/' });
    const refused = failing.ui.waiting(step, 'an MFA device on root', () => {
      throw new Error('root already has the authenticator app "root-authenticator-1" and may have no more');
    });
    const second = refused.nextCommand(failing.signal);
    failing.term.type('p');
    await expect(second).resolves.toBe('check');
    await failing.term.waitFor('more');
    refused.stop();
    const rows = (await failing.term.all()).split('\n');
    const at = rows.findIndex((row) => row.startsWith('  PRACTICE console could not do it:'));
    expect(rows[at]!.length).toBeLessThanOrEqual(80);
    expect(rows[at + 1]).toMatch(/^ {2}\S.* no more$/);
  });

  it('Ctrl-C while waiting stops the run (raw mode turns it into a key, not a signal) and leaves raw mode', async () => {
    const { term, ui, signal, interrupt } = terminalUi();
    const waiter = ui.waiting(step, 'a stronger password policy');
    const command = waiter.nextCommand(signal);
    await term.waitFor('Waiting for a stronger password policy');
    expect(term.input.isRaw).toBe(true);
    term.press('ctrl-c');
    await vi.waitFor(() => expect(interrupt).toHaveBeenCalledOnce());
    expect(signal.aborted).toBe(true);
    await expect(command).rejects.toBeInstanceOf(StoppedError);
    waiter.stop();
    expect(term.input.isRaw).toBe(false);
    expect(cursorLeftHidden(term.raw())).toBe(false);
  });
});

describe('a run of the engine, in the terminal', () => {
  const account = useTestAccount();

  it('password-policy at 80x24: the step, its plan, "Go ahead?" answered with Enter, and done', async () => {
    const { term, ui } = terminalUi();
    const run = runSteps(account, [passwordPolicy], {}, { ui });
    await term.waitFor('? Go ahead with these changes? (Y/n)');
    term.press('enter');
    expect((await run).outcomes).toEqual(['done']);
    // What was written, lines whole; then the 80-column screen those lines wrapped onto.
    const text = term.text();
    expect(text).toContain(`[1/1] ${passwordPolicy.title} (password-policy)`);
    expect(text).toContain('$ aws iam update-account-password-policy --minimum-password-length 14');
    expect(text).toMatch(/✔ Done: /);
    const screen = await term.all();
    expect(screen).toContain('✔ Go ahead with these changes? Yes');
    expect(screen.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });
});
