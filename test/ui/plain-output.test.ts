// The plain interface (pipes, --yes, --dry-run) in-process on a real engine run: each paragraph
// said once, a settled step in one line, the summary leading with what is open and required.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IO } from '../../src/io.js';
import { PlainUI } from '../../src/ui/plain-ui.js';
import { accountAlias } from '../../steps/account-alias.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { rootAccessKeys } from '../../steps/root-access-keys.js';
import { rootMfa } from '../../steps/root-mfa.js';
import { runSteps, useTestAccount } from '../support/test-account.js';

/** A PlainUI writing into a string, as into a pipe. */
function plainUi(assumeYes: boolean) {
  let written = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const io = { stdout, stderr: stdout, isTTY: { stdin: false, stdout: false, stderr: false }, columns: () => 80, rows: () => 24, color: false } as unknown as IO;
  return { ui: new PlainUI(io, assumeYes), output: () => written };
}

const times = (text: string, part: string) => text.split(part).length - 1;

describe('plain output', () => {
  const account = useTestAccount({ mfa: true, accessKeys: false });

  it('a dry run: each step with something to do explains itself once (why, when, the trap, the check); a settled one is one line', { timeout: 30_000 }, async () => {
    const { ui, output } = plainUi(false);
    await runSteps(account, [rootMfa, rootAccessKeys, passwordPolicy, accountAlias], {}, { ui, dryRun: true });
    const text = output();
    for (const step of [passwordPolicy, accountAlias]) {
      expect(times(text, step.why), step.id).toBe(1);
      expect(times(text, step.explain.when), step.id).toBe(1);
      expect(times(text, step.explain.gotcha), step.id).toBe(1);
      expect(times(text, `$ ${step.explain.cliCheck}`), step.id).toBe(1);
      expect(times(text, `(${step.id})`), step.id).toBe(2); // its header, and its line in the summary
    }
    // Settled: one line each, no header, no explanation.
    for (const step of [rootMfa, rootAccessKeys]) {
      expect(times(text, step.why), step.id).toBe(0);
      expect(text).toMatch(new RegExp(`^ {2}✔ ${step.title}: `, 'm'));
    }
    expect(text).not.toContain('\x1b'); // a pipe gets no escape sequences
    // Every paragraph on a line of its own: nothing wrapped for a window nobody sees.
    expect(text).toContain(`  Why: ${passwordPolicy.why}\n`);
  });

  it('the summary leads with what is open and required, in words; then the optional steps; then what is done', { timeout: 30_000 }, async () => {
    await account.reset({ mfa: false, accessKeys: false });
    const { ui, output } = plainUi(true);
    await runSteps(account, [rootMfa, rootAccessKeys, passwordPolicy, accountAlias], {}, { ui, interactive: false });
    const summary = output().slice(output().lastIndexOf('\nSummary'));
    expect(summary).toBe(
      [
        '\nSummary',
        'Still to do, required (1 step):',
        `  • ${rootMfa.title} (root-mfa): still to do`,
        'Optional, not done:',
        `  • ${accountAlias.title} (account-alias): skipped for now`,
        'Done: 2 steps (1 in this run: password-policy).',
        '',
        'Run it again to pick up where you left off: what is done is kept.',
        '  $ aws-root-lockdown', // in-process, the invocation is the installed name
        '',
      ].join('\n'),
    );
  });
});
