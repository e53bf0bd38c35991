// The interface for pipes, scripts and --yes, in-process: what it answers in place of a person, what
// it refuses to do without a terminal, and the text a script reads from a run of the real engine.
// Each paragraph is said once, a settled step in one line, the summary leading with what is open
// and required. test/e2e/yes.test.ts runs it in the built CLI.
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { IO } from '../../src/io.js';
import { PlainUI } from '../../src/ui/plain-ui.js';
import { accountAlias } from '../../steps/account-alias.js';
import { passwordPolicy } from '../../steps/password-policy.js';
import { rootAccessKeys } from '../../steps/root-access-keys.js';
import { rootMfa } from '../../steps/root-mfa.js';
import { rootRecentUse } from '../../steps/root-recent-use.js';
import { stripAnsi } from '../support/ansi.js';
import { runSteps, useTestAccount } from '../support/test-account.js';

/** A PlainUI whose output is a pipe into a string, and whose input is no terminal. */
function plainUi(assumeYes: boolean) {
  let written = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const io: IO = {
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout: out,
    stderr: out,
    isTTY: { stdin: false, stdout: false, stderr: false },
    columns: () => 80,
    rows: () => 24,
    onResize: () => () => {},
    color: false,
    canPrompt: false,
    spinner: false,
  };
  return { ui: new PlainUI(io, assumeYes), output: () => stripAnsi(written) };
}

const name = { key: 'admin-user', message: 'Name for the admin user', default: 'admin' };

describe('answering without a person', () => {
  it('a question: under --yes, a usage error naming the flag to pass; in a dry run, its default', async () => {
    await expect(plainUi(true).ui.text(name)).rejects.toThrow(new UsageError('no terminal to ask "Name for the admin user": pass --admin-user'));
    await expect(plainUi(false).ui.text(name)).resolves.toBe('admin');
    await expect(plainUi(false).ui.text({ ...name, default: undefined })).rejects.toBeInstanceOf(UsageError);
  });

  it('a secret is never asked for: --password-stdin instead', async () => {
    await expect(plainUi(true).ui.secret({ key: 'password', message: 'First console password' })).rejects.toThrow(
      /^no terminal to ask "First console password" without showing it: use --password-stdin$/,
    );
  });

  it('a confirmation: yes under --yes, its default otherwise; a choice: its default, else the first', async () => {
    const question = { key: 'apply', message: 'Go ahead?', default: false };
    await expect(plainUi(true).ui.confirm(question)).resolves.toBe(true);
    await expect(plainUi(false).ui.confirm(question)).resolves.toBe(false);
    const choices = [
      { value: 'group', name: 'Group' },
      { value: 'direct', name: 'Direct' },
    ];
    await expect(plainUi(true).ui.select({ key: 'grant', message: 'How?', choices, default: 'direct' })).resolves.toBe('direct');
    await expect(plainUi(true).ui.select({ key: 'grant', message: 'How?', choices })).resolves.toBe('group');
  });

  it('never prints a secret, whose output may be a log file: showing one fails, and nothing is written', async () => {
    const { ui, output } = plainUi(true);
    expect(() => ui.showSecret()).toThrow('refusing to print a secret without a terminal');
    expect(() => ui.showQrCode()).toThrow('refusing to print a secret without a terminal');
    expect(output()).toBe('');
  });

  it('waits without keys: nobody can ask for a check or a skip', async () => {
    const waiter = plainUi(true).ui.waiting();
    const command = waiter.nextCommand(new AbortController().signal);
    const later = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 50));
    await expect(Promise.race([command, later])).resolves.toBe('still waiting');
  });
});

describe('a run of the engine, as a script reads it', () => {
  const account = useTestAccount({ mfa: true, accessKeys: false });

  it('--yes: a step with work explained up front, once (nobody can press "?"), the plan with its CLI, the outcome, the summary; a settled step is one line', async () => {
    const { ui, output } = plainUi(true);
    const { outcomes } = await runSteps(account, [rootMfa, passwordPolicy, accountAlias], {}, { ui, inputs: { 'account-alias': { accountAlias: 'plain-ui-alias' } } });
    expect(outcomes).toEqual(['already-done', 'done', 'done']);
    const text = output();
    for (const step of [passwordPolicy, accountAlias]) {
      expect(text).toMatch(new RegExp(`^\\[\\d+/3\\] ${step.title} \\(${step.id}\\)$`, 'm'));
      expect(text.split(`  Why: ${step.why}`)).toHaveLength(2); // once
      expect(text).toContain(`Check it yourself:\n    $ ${step.explain.cliCheck}`);
    }
    expect(text).not.toContain(`(${rootMfa.id})`);
    expect(text).toContain(`✔ ${rootMfa.title}: root has at least one MFA device`);
    expect(text).toMatch(/^ +\$ aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24/m);
    expect(text).toMatch(/^ +\$ aws iam create-account-alias --account-alias plain-ui-alias$/m);
    expect(text).toContain('Done (3 steps): root-mfa; in this run: password-policy, account-alias.');
    expect(text).not.toContain('Go ahead with these changes?'); // --yes asks nothing
  });
});

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

  it('the summary leads with what is open and required, in words; then the optional steps, then the advisory checks; then what is done', { timeout: 30_000 }, async () => {
    await account.reset({ mfa: false, accessKeys: false });
    // An advisory check that cannot be read: listed apart from the optional steps, in the words of --help.
    account.proxy.failNext('iam:GenerateCredentialReport', { status: 409, code: 'LimitExceeded', message: 'Rate of credential report generation exceeded.' }, Infinity);
    const { ui, output } = plainUi(true);
    await runSteps(account, [rootMfa, rootAccessKeys, rootRecentUse, passwordPolicy, accountAlias], {}, { ui, interactive: false });
    const summary = output().slice(output().lastIndexOf('\nSummary'));
    expect(summary).toBe(
      [
        '\nSummary',
        'Still to do, required (1 step):',
        `  • ${rootMfa.title} (root-mfa): to do in the console (its checklist is above)`,
        'Optional, not done (offered on a re-run):',
        `  • ${accountAlias.title} (account-alias): skipped for now`,
        'Advisory, not checked (checked again on a re-run):',
        `  • ${rootRecentUse.title} (root-recent-use): could not be checked`,
        'Done (2 steps): root-access-keys; in this run: password-policy.',
        '',
        'Run it again to pick up where you left off: what is done is kept.',
        '  $ aws-root-lockdown', // in-process, the invocation is the installed name
        '',
      ].join('\n'),
    );
  });
});
