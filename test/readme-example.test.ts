// README's opening example is a capture of the program as it is now (practice mode, tmux 80x24):
// the step counter, root-mfa's header and why, and the waiting screen's keys are held to what the
// program prints, so the first thing a newcomer reads does not drift from what they will see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { StoppedError } from '../src/errors.js';
import { TerminalUI } from '../src/ui/terminal-ui.js';
import { paragraph } from '../src/ui/layout.js';
import { MANIFEST } from '../steps/manifest.js';
import { rootMfa } from '../steps/root-mfa.js';
import { ROOT } from './support/cli-path.js';
import { ScriptedTerminal } from './support/scripted-terminal.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const example = /```\n([\s\S]*?)```/.exec(readme)![1]!;

it("README's opening example: root-mfa's header and why as the wizard prints them at 80 columns, every line within 80", () => {
  expect(example).toContain(`[1/${MANIFEST.length}] ${rootMfa.title} (root-mfa)\n`);
  expect(example).toContain(`${paragraph(80, '  ', rootMfa.why).value}\n`);
  expect(example.split('\n').filter((line) => [...line].length > 80)).toEqual([]);
});

it("README's opening example: the waiting screen's lines in practice mode, as an 80x24 terminal shows them", async () => {
  const term = new ScriptedTerminal(80, 24);
  const controller = new AbortController();
  const ui = new TerminalUI(term.io(), controller.signal, () => controller.abort(new StoppedError()), { url: 'http://127.0.0.1:1/' });
  const waiter = ui.waiting(rootMfa, rootMfa.waitingFor, () => 'done');
  waiter.checked('root can sign in with a password alone', 1000);
  await term.waitFor('Ctrl-C: stop');
  const screen = (await term.screen()).map((row) => row.trimEnd());
  waiter.stop();
  const keys = screen.slice(screen.findIndex((row) => row.startsWith('  Enter: check now'))).filter(Boolean);
  expect(keys.length).toBeGreaterThan(0);
  expect(example).toContain(`  Last check: root can sign in with a password alone (1 check so far)\n${keys.join('\n')}\n`);
  expect(example).toMatch(new RegExp(`Waiting for ${rootMfa.waitingFor} · \\d+:\\d\\d\\n`));
});
