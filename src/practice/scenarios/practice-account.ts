import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { FileProblem, UsageError } from '../../errors.js';
import { fileErrorReason } from '../../files.js';
import { BUILT_IN_SCENARIOS } from './built-in.js';
import type { ScenarioName } from './names.js';
import type { Scenario } from './scenario.js';
import { loadScenario, saveScenario } from './scenario-file.js';

/**
 * The practice account that lasts: practice mode keeps one on this computer, so a learner can stop
 * and resume, and `status --practice` reads what the wizard did. An instructor's scenario file
 * (--practice-state FILE) takes its place when named.
 */

const APP = 'aws-root-lockdown';
const FILE_NAME = 'practice-account.json';

/**
 * Where the practice account is kept when no --practice-state file is named:
 * `$XDG_STATE_HOME/aws-root-lockdown/practice-account.json`, or `~/.local/state/…` when
 * XDG_STATE_HOME is unset, empty or relative. This follows the XDG Base Directory Specification
 * (0.8): the state directory holds "data that should persist between (application) restarts, but
 * that is not important or portable enough" for the data directory, and "if an implementation
 * encounters a relative path in any of these variables it should consider the path invalid and
 * ignore it". Used on every platform, so the README can name one place.
 */
export function defaultPracticeAccountPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const stateHome = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(stateHome, APP, FILE_NAME);
}

/** How this run came by its practice account, for the line that says so. */
export type PracticeOrigin = 'resumed' | 'new' | 'reset' | 'scenario';

export interface PracticeAccountOptions {
  /** An instructor's scenario file (--practice-state FILE): used instead of the kept practice account. */
  stateFile?: string;
  /** Start over from a built-in scenario (--practice-scenario NAME), replacing what was kept. */
  scenario?: ScenarioName;
  /** Start over as a new account (--practice-reset), replacing what was kept. */
  reset?: boolean;
  /** A read-only command (status): the file is read, its folder never made (only its credential report may be kept: session.ts). */
  readOnly?: boolean;
  /** A new account held in memory only: nothing is read or saved (the org command's practice organization). */
  inMemory?: boolean;
  /** Where XDG_STATE_HOME comes from (tests give their own). */
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface OpenedPracticeAccount {
  scenario: Scenario;
  /** The file it is kept in (and, unless read-only, saved back to after every change); '' in memory only. */
  path: string;
  /** Whether `path` is the kept practice account (true) or an instructor's --practice-state file. */
  kept: boolean;
  origin: PracticeOrigin;
  scenarioName?: ScenarioName;
  /** Saves a changed account; undefined for a read-only command. */
  save?: (scenario: Scenario) => void;
}

/** A kept account that no longer reads as one can only be started over: say how. */
function loadKept(path: string, described: string, kept: boolean): Scenario {
  try {
    return loadScenario(path, described);
  } catch (error) {
    if (kept && error instanceof UsageError) throw new UsageError(`${error.message}; start over with --practice-reset`);
    throw error;
  }
}

/**
 * The practice account of this run: a built-in scenario or a new account when asked to start over,
 * else what the file holds, else a new account. Nothing is written here: the caller saves it (once
 * it holds the account's lock, practice-lock.ts), and after every change.
 * Throws UsageError for a file that is not a valid scenario, FileProblem for one that cannot be read.
 */
export function openPracticeAccount(o: PracticeAccountOptions): OpenedPracticeAccount {
  const now = o.now ?? new Date();
  if (o.inMemory) return { scenario: BUILT_IN_SCENARIOS['new-account'](now), path: '', kept: false, origin: 'new' };
  const kept = o.stateFile === undefined;
  const path = o.stateFile ?? defaultPracticeAccountPath(o.env);
  const described = kept ? `the practice account ${path}` : `--practice-state ${path}`;
  let scenario: Scenario;
  let origin: PracticeOrigin;
  if (o.scenario) {
    [scenario, origin] = [BUILT_IN_SCENARIOS[o.scenario](now), 'scenario'];
  } else if (o.reset) {
    [scenario, origin] = [BUILT_IN_SCENARIOS['new-account'](now), 'reset'];
  } else {
    const existed = existsSync(path);
    [scenario, origin] = [loadKept(path, described, kept), existed ? 'resumed' : 'new'];
  }
  if (o.readOnly) return { scenario, path, kept, origin, scenarioName: o.scenario };
  // The kept account's folder is this program's own: made on first use, private (XDG: 0700).
  if (kept) makeStateFolder(dirname(path));
  return { scenario, path, kept, origin, scenarioName: o.scenario, save: (s: Scenario) => saveScenario(path, s) };
}

/**
 * Makes the kept account's folder. One that cannot be made (a HOME the user cannot write, a file
 * where a folder should be) is a usage problem, one line and exit 2, naming the folder and the way
 * round it: a --practice-state file the user can write.
 */
function makeStateFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new FileProblem(folder, `cannot make ${folder} to keep the practice account in: ${fileErrorReason(error)}; name a file you can write with --practice-state FILE`);
  }
}
