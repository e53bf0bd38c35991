import { lstatSync } from 'node:fs';
import type { ClientOptions } from '../aws/clients.js';
import type { ConsolePort } from '../engine/console.js';
import { PracticeAccount } from './account.js';
import { closedPracticeLinks, practiceLinks } from './console/addresses.js';
import { openPracticeAccount, type PracticeAccountOptions, type PracticeOrigin } from './scenarios/practice-account.js';
import type { ScenarioName } from './scenarios/names.js';
import type { Scenario } from './scenarios/scenario.js';
import { loadScenario, saveScenario } from './scenarios/scenario-file.js';
import { lockPracticeAccount } from './scenarios/practice-lock.js';
import { startPracticeServer, type PracticeServer } from './server.js';

export interface PracticeOptions extends PracticeAccountOptions {
  /**
   * status: a read-only run that keeps, in the file it read, the credential report it had the
   * practice IAM make (keepReport). --dry-run reads only and keeps nothing.
   */
  keepReport?: boolean;
}

/** Where this run's practice account is kept and how the run came by it: what the program says about it. */
export interface PracticeWhere {
  path: string;
  /** The practice account kept on this computer (true), or an instructor's --practice-state file. */
  kept: boolean;
  origin: PracticeOrigin;
  scenarioName?: ScenarioName;
  /** Changes are saved to `path` (false for a read-only command). */
  saved: boolean;
}

/** What the rest of the program needs from practice mode, and nothing more. */
export interface PracticeSession {
  /** Where the SDK clients go, signed with the practice credentials: never the real chain. */
  clientOptions: ClientOptions;
  /** The practice console, through the port the wizard knows every console by. */
  console: Required<ConsolePort>;
  /** The console's pages without a link, for a command that ends before anyone could open one (status). */
  closedLinks: ConsolePort['links'];
  server: PracticeServer;
  where: PracticeWhere;
  close(): Promise<void>;
}

/**
 * The practice console through the wizard's console port: links that carry the run's token
 * (practiceLinks), and its hands for "do it for me", told what the terminal shows.
 */
export const practiceConsole = (server: PracticeServer): Required<ConsolePort> => ({
  links: practiceLinks(server.consoleUrl),
  practice: { url: server.consoleUrl('/'), hands: server.console, tell: (state) => void (server.console.terminal = state) },
});

/**
 * Starts the simulated account: the practice account kept on this computer (or the scenario file
 * given, or a built-in scenario), saved back after every change unless the command only reads.
 */
export async function startPractice(options: PracticeOptions = {}): Promise<PracticeSession> {
  const opened = openPracticeAccount(options);
  const reportAtStart = opened.scenario.credentialReport;
  const account = new PracticeAccount(opened.scenario, opened.save);
  const server = await startPracticeServer(account);
  const { path, kept, origin, scenarioName } = opened;
  let unlock = () => {};
  try {
    // A run that saves holds the account first; a read-only one (status) only reads it. Saved at
    // once, so the file says what this run started from, and one that cannot be written stops the
    // run before its first step (exit 2).
    if (opened.save) {
      unlock = lockPracticeAccount(path, server.consoleOrigin);
      opened.save(opened.scenario);
    }
  } catch (error) {
    unlock();
    await server.close();
    throw error;
  }
  return {
    clientOptions: { endpoint: server.url, region: 'us-east-1', credentials: server.credentials },
    // The console's links carry the run's token: only the person who sees them can use the console.
    console: practiceConsole(server),
    closedLinks: closedPracticeLinks(),
    server,
    where: { path, kept, origin, scenarioName, saved: opened.save !== undefined },
    close: async () => {
      await server.close();
      unlock();
      const report = account.state.credentialReport;
      if (options.keepReport && !opened.save && origin === 'resumed' && report && report !== reportAtStart) keepReport(path, server.consoleOrigin, report);
    },
  };
}

/**
 * A read-only run (status) changes nothing but what it changes on AWS too: the credential report
 * it had IAM make, which AWS keeps for four hours, so "run this again in a minute" comes true. It is
 * added to what the file holds now, and only while no other run holds the account (a running
 * wizard makes its own). "status never writes" keeps its meaning for everything else: the report
 * goes through the safe writer (src/files.ts) and only replaces the file status read, so a file
 * that is gone is not made again, and a read-only (0444) file, a link or a folder that cannot be
 * written keeps its old report: status has answered, the next one asks IAM again.
 */
function keepReport(path: string, consoleOrigin: string, report: NonNullable<Scenario['credentialReport']>): void {
  // A file made read-only, a link or anything but a file is left alone, without so much as a lock beside it.
  const at = lstatSync(path, { throwIfNoEntry: false });
  if (!at?.isFile() || (at.mode & 0o200) === 0) return;
  let unlock: () => void;
  try {
    unlock = lockPracticeAccount(path, consoleOrigin);
  } catch {
    return;
  }
  try {
    // What the file holds now (a wizard may have saved since status read it): nothing else changes.
    const now = loadScenario(path);
    saveScenario(path, { ...now, credentialReport: report }, { replaceOnly: true });
  } catch {
    // unchanged
  } finally {
    unlock();
  }
}
