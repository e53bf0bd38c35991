// @module-tag e2e
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loosely } from '../support/ansi.js';
import { ROOT } from '../support/cli-path.js';
import { runProcess } from '../support/process.js';
import { spawnPty } from '../support/pty.js';
import { CLI, noAws, tempDir } from '../practice/cli.js';
import { text } from '../practice/console-client.js';
import { acceptPasswordPolicy, createAdmin, doInPracticeConsole, finishWithP, giveAlias, WAIT } from '../practice/wizard-answers.js';

/**
 * The practice account lasts: a learner stops halfway (Ctrl-C), `status --practice` shows where
 * they are without changing anything, and the command the program printed, run word for word,
 * finishes where the first run stopped.
 */

const statuses = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as { checks: { id: string; status: string }[] }).checks.map((c) => [c.id, c.status]));

describe('a practice run stopped halfway', () => {
  it('is resumed by the printed hint and finishes where it stopped; status reads it in between without writing', async () => {
    const stateHome = tempDir();
    const env = noAws(stateHome);
    const kept = join(stateHome, 'aws-root-lockdown', 'practice-account.json');

    const first = spawnPty('node', [CLI, '--practice', '--poll-interval', '60'], { env, cwd: ROOT });
    try {
      await first.waitFor(loosely(`Practice account: a new one, kept in ${kept}, so you can stop and resume.`), WAIT);
      await doInPracticeConsole(first, 'an MFA device on the root user', 'PRACTICE console: assigned the authenticator app');
      await doInPracticeConsole(first, 'the root user to have no access keys', 'PRACTICE console: deleted the root access key');
      await createAdmin(first);
      await acceptPasswordPolicy(first);
      await giveAlias(first, 'practice-jane');
      await first.waitFor('Waiting for a first console sign-in by the admin user', WAIT);
      first.press('ctrl-c');
      expect((await first.exited).exitCode).toBe(130);
    } finally {
      first.kill();
    }
    const hint = /Stopped\. The practice account is saved with everything done so far: run "([^"]+)" to continue where you left off\./.exec(first.output().replace(/\s*\n\s*/g, ' '))![1]!;
    expect(hint).toBe('node dist/cli.js --practice');

    // status reads the kept account, and writes nothing.
    const before = { text: readFileSync(kept, 'utf8'), mtime: statSync(kept).mtimeMs };
    const status = await runProcess('node', [CLI, 'status', '--practice', '--json'], { env, cwd: ROOT });
    expect(statuses(status.stdout)).toMatchObject({ 'root-mfa': 'pass', 'root-access-keys': 'pass', 'admin-user': 'pass', 'password-policy': 'pass', 'account-alias': 'pass', 'admin-mfa': 'fail' });
    expect({ text: readFileSync(kept, 'utf8'), mtime: statSync(kept).mtimeMs }).toEqual(before);

    const second = spawnPty('sh', ['-c', hint], { env, cwd: ROOT });
    try {
      await second.waitFor('Practice account: resumed', WAIT);
      // What the first run did is settled: one line each.
      await second.waitFor('✔ Turn on MFA for the root user: root has at least one MFA device', WAIT);
      await second.waitFor('✔ Delete every root access key: root has no access keys', WAIT);
      await second.waitFor(loosely('✔ Create an admin identity for daily work: admin with console access: admin-jane'), WAIT);
      await second.waitFor(/In the PRACTICE console:\s+http:\/\/localhost:\d+\/signin\/practice-jane\?token=[\w-]+/, WAIT);
      // The password was never saved: the practice console signs in with a new one of its own.
      await finishWithP(second);
      await second.waitFor('Root is locked away', WAIT);
      await second.waitFor('Press Enter (or Ctrl-C) to close it.', WAIT);
      second.press('enter');
      expect((await second.exited).exitCode).toBe(0);
      // Nothing the first run did was asked again.
      expect(second.output()).not.toContain('Name for the admin user');
      expect(second.output()).not.toContain('Go ahead with these changes?\n  Plan: Set up admin-jane');
    } finally {
      second.kill();
    }
    expect(statuses((await runProcess('node', [CLI, 'status', '--practice', '--json'], { env, cwd: ROOT })).stdout)).toMatchObject({ 'admin-mfa': 'pass', 'security-contact': 'pass' });
  }, 150_000);
});

describe('practice console', () => {
  it("serves the practice account alone, the wizard's own checks on its dashboard, until Enter", async () => {
    const term = spawnPty('node', [CLI, 'practice', 'console', '--practice-scenario', 'keys-deleted'], { env: noAws(), cwd: ROOT });
    try {
      const shown = (await term.waitFor('Press Enter (or Ctrl-C) to close it.', WAIT)).replace(/\s*\n\s*/g, ' ');
      expect(shown).toContain('Practice account: started over from the scenario "keys-deleted", kept in');
      expect(shown).toContain('No wizard is running: the practice console shows the account as it is. To work on it, run "node dist/cli.js --practice".');
      // The printed link carries the run's key; the address alone opens nothing.
      const link = /http:\/\/localhost:\d+\/\?token=[\w-]+/.exec(shown)![0];
      expect((await fetch(new URL('/', link))).status).toBe(403);
      const page = text(await (await fetch(link)).text());
      expect(page).toContain('To do: Turn on MFA for the root user root-mfa');
      expect(page).toContain('Done: Delete every root access key root-access-keys');
      expect(page).toContain('No wizard is waiting on this console. To work on the account, run node dist/cli.js --practice in a terminal.');
      term.press('enter');
      expect((await term.exited).exitCode).toBe(0);
    } finally {
      term.kill();
    }
  }, 60_000);
});
