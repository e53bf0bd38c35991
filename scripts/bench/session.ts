import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, ROOT } from '../../test/support/cli-path.js';
import { spawnPty, type PtySession } from '../../test/support/pty.js';
import { enableUserMfa, type BenchAccount } from './account.js';
import { peakMemoryOf } from './memory.js';

export const WAITING = 'Enter: check now · s: skip for now · Ctrl-C: stop';
const SCREEN_TIMEOUT_MS = 60_000;
const ADMIN = 'admin';

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
 * random moment of the poll cycle, answers the admin questions, and lets the run finish (exit 0).
 */
export async function fullWizardSession(account: BenchAccount, windowMs: number, pollIntervalMs: number): Promise<SessionFigures> {
  await account.reset();
  const memory = peakMemoryOf(process.execPath, [CLI, '--poll-interval', String(pollIntervalMs / 1000)]);
  const pty = spawnPty(memory.command, memory.args, { env: account.env, cwd: ROOT });
  memory.watch(pty.pid);
  try {
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    account.proxy.resetCounts();
    const started = performance.now();
    await sleep(windowMs);
    const calls = [...account.proxy.calls];
    const callsPerMinute = (calls.length * 60_000) / (performance.now() - started);

    const flips: number[] = [];
    const flip = async (change: () => void | Promise<void>, shown: string) => {
      await sleep(Math.random() * pollIntervalMs);
      await change();
      const changed = performance.now();
      await pty.waitFor(shown, SCREEN_TIMEOUT_MS);
      flips.push(performance.now() - changed);
    };
    await flip(() => void (account.proxy.state.mfa = true), 'root has at least one MFA device');
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => void (account.proxy.state.accessKeys = false), 'root has no access keys');
    await answerAdminQuestions(pty);
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => void account.proxy.state.signedIn.add(ADMIN), `${ADMIN} last signed in`);
    await pty.waitFor(WAITING, SCREEN_TIMEOUT_MS);
    await flip(() => enableUserMfa(account.iam, ADMIN), `MFA is on for ${ADMIN}`);
    const { exitCode } = await pty.exited;
    if (exitCode !== 0) throw new Error(`the wizard ended with ${exitCode}:\n${pty.output().slice(-2000)}`);
    return { callsPerMinute, callsSeen: [...new Set(calls)], flipLatenciesMs: flips, peakMb: memory.peakMb() };
  } finally {
    pty.kill('SIGKILL');
  }
}

/** The admin-user step: a name, the defaults of both choices (group, generated password), yes, saved. */
async function answerAdminQuestions(pty: PtySession): Promise<void> {
  await pty.waitFor('? Name for the admin user', SCREEN_TIMEOUT_MS);
  pty.write(ADMIN);
  pty.press('enter');
  await pty.waitFor('✔ Name for the admin user', SCREEN_TIMEOUT_MS);
  for (let i = 0; i < 2; i++) {
    await pty.waitFor(/\? How should/, SCREEN_TIMEOUT_MS);
    pty.press('enter');
    await pty.waitFor(/✔ How should/, SCREEN_TIMEOUT_MS);
  }
  for (const question of ['? Go ahead with these changes?', '? Saved it in a password manager?']) {
    await pty.waitFor(question, SCREEN_TIMEOUT_MS);
    pty.write('y');
    pty.press('enter');
  }
}

/** Time from start until the first console step waits for the person (the first prompt), ms; then Ctrl-C. */
export async function timeToFirstPrompt(account: BenchAccount): Promise<number> {
  await account.reset();
  const started = performance.now();
  const pty = spawnPty(process.execPath, [CLI], { env: account.env, cwd: ROOT });
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
