// @module-tag e2e
// The org wizard as a person runs it: the built CLI in a pseudo-terminal, read through a terminal
// emulator (xterm.js), at 80x24 and wide. One spawned case per behaviour; the flows themselves are
// tested in-process in wizard.test.ts.
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../e2e/helpers.js';
import { spawnPty, type PtySession } from '../support/pty.js';
import { MIXED_ORGANIZATION, useTestOrg } from '../support/org/test-org.js';
import { loosely } from '../support/ansi.js';
import { Emulator } from '../support/terminal.js';
import { terminalScreen } from '../support/terminal-screen.js';

const t = useTestOrg();
const SCREEN_MS = 30_000;
const TEST_MS = 120_000;

const org = (args: string[], size: { cols: number; rows: number }) => spawnPty(process.execPath, [CLI, 'org', ...args], { env: t.env(), cwd: ROOT, ...size });

/** Answers a prompt once it is on screen: Enter takes the default, or `keys` then Enter. */
async function answer(pty: PtySession, question: string, keys = '') {
  // A question wraps between words at the window's edge.
  await pty.waitFor(loosely(`? ${question}`), SCREEN_MS);
  if (keys) pty.write(keys);
  pty.press('enter');
  await pty.waitFor(loosely(`✔ ${question}`), SCREEN_MS);
}

describe.each([
  { cols: 80, rows: 24 },
  { cols: 160, rows: 50 },
])('the org wizard in a $cols x $rows terminal', (size) => {
  it(
    'turns centralized root access on, shows progress and the plan, removes after a yes, and hands the management account over',
    async () => {
      await t.reset({ ...MIXED_ORGANIZATION, access: { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false } });
      t.extension.latencyMs = 60; // long enough to see the progress bar at work
      const pty = org(['--concurrency', '1'], size);
      try {
        await answer(pty, 'Turn on trusted access for IAM in AWS Organizations?');
        await answer(pty, 'Turn on root credentials management?');
        await answer(pty, 'Turn on root sessions?');
        await answer(pty, 'Register a delegated administrator for IAM? (optional)');
        await answer(pty, 'Which member accounts?');
        await pty.waitFor(/Auditing \[.*\] \d+\/7 · \d+ locked, \d+ open, \d+ unknown · ETA/, SCREEN_MS);
        await answer(pty, 'Remove these root credentials from 3 accounts?', 'y');
        await pty.waitFor(/Removing \[.*\] \d\/3/, SCREEN_MS);
        // The management account goes to the single-account wizard, which starts with its own questions.
        await answer(pty, "Lock the management account's own root now, with the single-account wizard?");
        await pty.waitFor('? Which kind of admin for daily work?', SCREEN_MS);
        pty.press('ctrl-c');
        const { exitCode } = await pty.exited;
        expect(exitCode).toBe(130);

        const screen = (await terminalScreen(pty.raw(), size.cols, size.rows)).join('\n');
        expect(screen).toContain('✔ Root sessions: on');
        expect(screen).toContain('$ aws iam enable-organizations-root-sessions');
        expect(screen).toMatch(/Plan: remove the root credentials of 3 member accounts/);
        expect(screen).toMatch(new RegExp(`${t.ids['password-no-mfa']}\\s+password-no-mfa\\s+locked\\s+removed the root password`));
        // Text wrapped to the window by the program, between words: only commands (kept whole to copy) and a single long word (an ARN) run past the edge.
        const emulator = new Emulator(size.cols, size.rows);
        await emulator.write(pty.raw());
        expect(emulator.overflowingLines().filter((line) => !/^\s*(\$ .*|\S+)$/.test(line))).toEqual([]);
        expect(screen).not.toMatch(/Auditing \[/); // the bar is gone once done
        expect(pty.raw().lastIndexOf('\x1b[?25h')).toBeGreaterThan(pty.raw().lastIndexOf('\x1b[?25l')); // cursor shown again
        // The root sessions' secrets never reach the screen.
        expect(t.org.sessions.size).toBeGreaterThan(0);
        for (const session of t.org.sessions.values()) {
          expect(pty.raw()).not.toContain(session.secretAccessKey);
          expect(pty.raw()).not.toContain(session.sessionToken);
        }
        if (process.env.SHOW_SCREEN) console.log(screen);
      } finally {
        pty.kill('SIGKILL');
      }
      expect(Object.values(t.ids).filter((id) => t.org.rootOf(id).password).length).toBe(1); // only the closed account's
    },
    TEST_MS,
  );
});

it(
  'Ctrl-C while the audit runs: exit 130, the progress bar gone and the cursor shown again',
  async () => {
    await t.reset(MIXED_ORGANIZATION);
    t.extension.latencyMs = 300;
    const pty = org(['status', '--concurrency', '1'], { cols: 80, rows: 24 });
    try {
      await pty.waitFor(/Auditing \[/, SCREEN_MS);
      pty.press('ctrl-c');
      const { exitCode } = await pty.exited;
      expect(exitCode).toBe(130);
      const raw = pty.raw();
      expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l'));
      const screen = await terminalScreen(raw, 80, 24);
      expect(screen.join('\n')).not.toMatch(/Auditing \[/);
      expect(screen.join('\n')).toMatch(/^Stopped\. /m);
    } finally {
      pty.kill('SIGKILL');
    }
  },
  TEST_MS,
);

describe('org status through pipes', () => {
  it(
    'writes one JSON object and nothing else, and exits 1 while a member is open',
    async () => {
      await t.reset(MIXED_ORGANIZATION);
      const result = await runCli(['org', 'status', '--json'], t.env());
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as { summary: Record<string, number> };
      expect(report.summary).toEqual({ locked: 2, open: 3, unknown: 1, notApplicable: 1 });
      expect(result.code).toBe(1);
    },
    TEST_MS,
  );

  it(
    'refuses to ask questions without a terminal, before any AWS call',
    async () => {
      await t.reset(MIXED_ORGANIZATION);
      const result = await runCli(['org'], t.env());
      expect(result.stderr.trim()).toBe('aws-root-lockdown: not a terminal, so nobody can answer questions: run it in a terminal, or pass --yes (or --dry-run) (see --help)');
      expect(t.proxy.calls).toEqual([]);
      expect(result.code).toBe(2);
    },
    TEST_MS,
  );
});
