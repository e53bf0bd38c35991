import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SPINNER_KEYS, answer, answerAdminQuestions, enableUserMfa } from '../../test/e2e/helpers.js';
import { CLI, ROOT } from '../../test/support/cli-path.js';
import { spawnPty } from '../../test/support/pty.js';
import type { BenchAccount } from './account.js';
import { peakMemoryOf } from './memory.js';

/** The key hints under a console step's spinner: on screen once the wizard waits for the person. */
export const WAITING = SPINNER_KEYS;
const SCREEN_TIMEOUT_MS = 60_000;
const ADMIN = 'admin';
const GO_AHEAD = 'Go ahead with these changes?';

export interface SessionFigures {
  /** API calls per minute while the first console step waits, over `windowMs`. */
  callsPerMinute: number;
  /** The distinct calls one round of waiting makes, e.g. ['iam:GetAccountSummary']. */
  callsSeen: string[];
  /** From each console step's change in the account to the wizard showing it, ms. */
  flipLatenciesMs: number[];
  peakMb: number;
}

/**
 * One full wizard run in a pseudo-terminal on a fresh account, with a person's part played by
 * the bench: it counts calls while root MFA is awaited, then makes each console step's change at a
 * random moment of the poll cycle, answers the questions (admin user, password policy, security
 * contact; no alias, no budget; the admin's MFA in the console), and lets the run finish (exit 0).
 */
export async function fullWizardSession(account: BenchAccount, windowMs: number, pollIntervalMs: number): Promise<SessionFigures> {
  await account.reset();
  const memory = peakMemoryOf(process.execPath, [CLI, '--poll-interval', String(pollIntervalMs / 1000)]);
  const pty = spawnPty(memory.command, memory.args, { env: account.cliEnv, cwd: ROOT });
  memory.watch(pty.pid);
  try {
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    account.proxy.resetCounts();
    const started = performance.now();
    await sleep(windowMs);
    const calls = [...account.proxy.calls];
    const callsPerMinute = (calls.length * 60_000) / (performance.now() - started);

    const flips: number[] = [];
    const flip = async (change: () => void | Promise<unknown>, shown: string) => {
      await sleep(Math.random() * pollIntervalMs);
      await change();
      const changed = performance.now();
      await pty.waitFor(shown, SCREEN_TIMEOUT_MS);
      flips.push(performance.now() - changed);
    };
    await flip(() => void (account.proxy.state.mfa = true), '✔ Done: root has at least one MFA device');
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => void (account.proxy.state.accessKeys = false), '✔ Done: root has no access keys');
    await answerAdminQuestions(pty, { name: ADMIN, confirm: true });
    await answer(pty, 'Saved it in a password manager? It is not shown again.', 'y');
    await pty.waitFor(`✔ Done: ${ADMIN} is an admin with console access`, SCREEN_TIMEOUT_MS);
    await answer(pty, GO_AHEAD); // the password policy; default: yes
    await answer(pty, 'Give the account a memorable sign-in address? (optional)', 'n');
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => void account.proxy.state.signedIn.add(ADMIN), `✔ Done: ${ADMIN} last signed in`);
    await pty.waitFor('? How do you want to add MFA for the admin user?', SCREEN_TIMEOUT_MS);
    pty.press('down'); // in the AWS console: a console step like the others
    pty.press('enter');
    await pty.waitFor('✔ How do you want to add MFA for the admin user? In the AWS console', SCREEN_TIMEOUT_MS);
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => enableUserMfa(account.iam, ADMIN), `✔ Done: MFA is on for ${ADMIN}`);
    await answer(pty, 'Security contact: name', 'Security Team');
    await answer(pty, 'Security contact: email address', 'security@example.com');
    await answer(pty, 'Security contact: phone number', '+1 555 0100');
    await answer(pty, GO_AHEAD);
    await answer(pty, 'Get an email when spending passes a monthly budget? (optional)', 'n');
    await pty.waitFor('Root is locked away.', SCREEN_TIMEOUT_MS);
    const { exitCode } = await pty.exited;
    if (exitCode !== 0) throw new Error(`the wizard ended with ${exitCode}:\n${pty.output().slice(-2000)}`);
    return { callsPerMinute, callsSeen: [...new Set(calls)], flipLatenciesMs: flips, peakMb: memory.peakMb() };
  } finally {
    pty.kill('SIGKILL');
  }
}

/** Time from start until the first console step waits for the person (the first prompt), ms; then Ctrl-C. */
export async function timeToFirstPrompt(account: BenchAccount): Promise<number> {
  await account.reset();
  const started = performance.now();
  const pty = spawnPty(process.execPath, [CLI], { env: account.cliEnv, cwd: ROOT });
  try {
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    const ms = performance.now() - started;
    pty.press('ctrl-c');
    const { exitCode } = await pty.exited;
    if (exitCode !== 130) throw new Error(`Ctrl-C ended the wizard with ${exitCode}, not 130`);
    return ms;
  } finally {
    pty.kill('SIGKILL');
  }
}
