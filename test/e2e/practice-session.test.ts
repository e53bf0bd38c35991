import { describe, expect, it } from 'vitest';
import { spawnPty, type PtySession } from '../support/pty.js';
import { CLI, NO_AWS } from '../practice/cli.js';

/**
 * A learner without a browser: the whole wizard in practice mode in a real terminal, each
 * console step done with "p" (the practice console does it), each automated step answered.
 */

const WAIT = 20_000;

async function createAdmin(term: PtySession) {
  await term.waitFor('Name for the admin user', WAIT);
  term.write('admin-jane\r');
  await term.waitFor("How should admin-jane's first console password be made?", WAIT);
  term.press('enter'); // generate
  await term.waitFor('How should AdministratorAccess be given?', WAIT);
  term.press('enter'); // through the group
  await term.waitFor('Go ahead with these changes?', WAIT);
  term.press('enter');
  await term.waitFor('Saved it in a password manager?', WAIT);
  term.write('y\r');
  await term.waitFor('Done: admin-jane is an admin with console access', WAIT);
}

async function doInPracticeConsole(term: PtySession, waitingFor: string, did: string | RegExp) {
  await term.waitFor(`Waiting for ${waitingFor}`, WAIT);
  await term.waitFor('p: do it in the practice console for me', WAIT);
  term.write('p');
  await term.waitFor(did, WAIT);
  await term.waitFor(/✔ Done: /, WAIT);
}

describe('practice mode in a terminal', () => {
  it('a full session, every console step done with "p", ends with everything done (exit 0)', async () => {
    const term = spawnPty('node', [CLI, '--practice', '--poll-interval', '60'], { env: NO_AWS });
    try {
      await term.waitFor('PRACTICE', WAIT);
      await term.waitFor(/Practice console \(stands in for the AWS console\): http:\/\/127\.0\.0\.1:\d+/, WAIT);
      await term.waitFor(/In the PRACTICE console \(http:\/\/127\.0\.0\.1:\d+\/security_credentials\)/, WAIT);
      // The wizard explains the step and the words it uses, then keeps waiting.
      await term.waitFor('?: explain · g: glossary', WAIT);
      term.write('?');
      await term.waitFor('Watch out: No API or CLI command can turn it on for root', WAIT);
      await term.waitFor("Check it yourself: $ aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'", WAIT);
      term.write('g');
      await term.waitFor(/Glossary[\s\S]*partition\s+a separate copy of AWS/, WAIT);
      await doInPracticeConsole(term, 'an MFA device on the root user', 'PRACTICE console: assigned the authenticator app');
      await doInPracticeConsole(term, 'the root user to have no access keys', 'PRACTICE console: deleted the root access key AKIAPRACTICEROOTKEY1');
      await createAdmin(term);
      await doInPracticeConsole(term, 'a first console sign-in by the admin user', 'PRACTICE console: signed in as admin-jane');
      await doInPracticeConsole(term, 'an MFA device on the admin user', 'PRACTICE console: assigned an authenticator app to admin-jane');
      await term.waitFor('Summary (PRACTICE', WAIT);
      await term.waitFor('Re-check now and then', WAIT);
      await term.waitFor('Root is locked away', WAIT);
      expect((await term.exited).exitCode).toBe(0);
      // With a poll interval of a minute, only "p" (which checks at once) can have finished the run this fast.
      expect(term.output()).not.toMatch(/still to do|skipped/);
    } finally {
      term.kill();
    }
  }, 90_000);

  it('with no AWS credentials at a terminal, offers practice mode; declining keeps exit 4', async () => {
    const accept = spawnPty('node', [CLI], { env: NO_AWS });
    try {
      await accept.waitFor('No AWS credentials were found', WAIT);
      await accept.waitFor('Practise on a simulated account on this computer instead?', WAIT);
      accept.press('enter');
      await accept.waitFor('PRACTICE', WAIT);
      await accept.waitFor('Waiting for an MFA device on the root user', WAIT);
    } finally {
      accept.kill('SIGINT');
    }
    expect((await accept.exited).exitCode).toBe(130);

    const decline = spawnPty('node', [CLI], { env: NO_AWS });
    try {
      await decline.waitFor('Practise on a simulated account on this computer instead?', WAIT);
      decline.write('n\r');
      expect((await decline.exited).exitCode).toBe(4);
    } finally {
      decline.kill();
    }
  }, 60_000);
});
