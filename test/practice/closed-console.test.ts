// @module-tag e2e
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/process.js';
import { CLI, noAws, tempDir } from './cli.js';

/**
 * The practice console lives as long as the program that serves it. What is printed once it is
 * gone (status, the end of a run that cannot keep it open) links to none of its pages: those say
 * connection refused. It says where the console runs instead, spelled as the person ran it.
 */

const practice = (args: string[], input?: string) => runProcess('node', [CLI, ...args], { env: noAws(), input });

/** A link to the practice console (or its token), as a run prints it while the console runs. */
const CONSOLE_LINK = /https?:\/\/(localhost|127\.0\.0\.1)|token=/;

describe('after the practice console has closed', () => {
  it('status names the sign-in address without a link, in the table and in --json, and says where the console runs', async () => {
    const file = join(tempDir(), 'lesson.json');
    const run = await practice(['--practice-state', file, '--yes', '--skip', 'admin-user', '--skip', 'security-contact', '--skip', 'billing-alert', '--account-alias', 'jane-practice']);
    expect(run.stdout).toContain('✔ Create the account alias jane-practice');

    const table = await practice(['status', '--practice-state', file]);
    expect(table.stdout).not.toMatch(CONSOLE_LINK);
    expect(table.stdout).toMatch(/PASS {2}account-alias +IAM users sign in at \/signin\/jane-practice in the practice console\n/);
    expect(table.stdout).toContain(
      `Practice console: not running now; it runs with the wizard, or alone:\n    $ node dist/cli.js --practice-state ${file}\n    $ node dist/cli.js practice console --practice-state ${file}\n`,
    );

    const json = await practice(['status', '--json', '--practice-state', file]);
    expect(json.stdout).not.toMatch(CONSOLE_LINK);
    const alias = (JSON.parse(json.stdout) as { checks: { id: string; detail: string }[] }).checks.find((c) => c.id === 'account-alias');
    expect(alias?.detail).toBe('IAM users sign in at /signin/jane-practice in the practice console');
  });

  it('the kept practice account: the console is started as `practice console`, --practice implied', async () => {
    const table = await practice(['status', '--practice']);
    expect(table.stdout).toMatch(/FAIL|OPT/);
    expect(table.stdout).toContain('no alias; IAM users sign in at /signin/111122223333 in the practice console');
    expect(table.stdout).toContain('    $ node dist/cli.js --practice\n    $ node dist/cli.js practice console\n');
    expect(table.stdout).not.toMatch(CONSOLE_LINK);
  });

  it('a run that cannot keep the console open ends by saying its links are gone and where the console runs', async () => {
    const run = await practice(['--practice', '--dry-run']);
    // Printed while the console ran (the checklists' links), then, last, that they no longer open.
    expect(run.stdout).toMatch(CONSOLE_LINK);
    expect(run.stdout.trimEnd()).toMatch(
      /The practice console closes with this run: its links above no longer open\. It runs with the wizard in a terminal, or alone:\n {2}\$ node dist\/cli\.js --practice\n {2}\$ node dist\/cli\.js practice console$/,
    );
  });
});
