import type { ClientOptions } from '../aws/clients.js';
import type { ConsolePort } from '../engine/console.js';
import { PracticeAccount } from './account.js';
import { practiceLinks } from './console/addresses.js';
import { openPracticeAccount, type PracticeAccountOptions, type PracticeOrigin } from './scenarios/practice-account.js';
import type { ScenarioName } from './scenarios/names.js';
import type { Scenario } from './scenarios/scenario.js';
import { lockPracticeAccount } from './scenarios/practice-lock.js';
import { PRACTICE_CREDENTIALS, startPracticeServer, type PracticeServer } from './server.js';

export type PracticeOptions = PracticeAccountOptions;

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
  server: PracticeServer;
  where: PracticeWhere;
  close(): Promise<void>;
}

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
      unlock = lockPracticeAccount(path, server.consoleUrl);
      opened.save(opened.scenario);
    }
  } catch (error) {
    unlock();
    await server.close();
    throw error;
  }
  return {
    clientOptions: { endpoint: server.url, region: 'us-east-1', credentials: PRACTICE_CREDENTIALS },
    console: { links: practiceLinks(server.consoleUrl), practice: { url: server.consoleUrl, hands: server.console, tell: (state) => void (server.console.terminal = state) } },
    server,
    where: { path, kept, origin, scenarioName, saved: opened.save !== undefined },
    close: async () => {
      await server.close();
      unlock();
      const report = account.state.credentialReport;
      if (!opened.save && origin === 'resumed' && report && report !== reportAtStart) keepReport(options, path, server.consoleUrl, report);
    },
  };
}

/**
 * A read-only run (status) changes nothing but what it changes on AWS too: the credential report
 * it had IAM make, which AWS keeps for four hours, so "run this again in a minute" comes true. It is
 * added to what the file holds now, and only while no other run holds the account (a running
 * wizard makes its own). A file that cannot be written keeps its old report: status has answered.
 */
function keepReport(options: PracticeOptions, path: string, consoleUrl: string, report: NonNullable<Scenario['credentialReport']>): void {
  let unlock: () => void;
  try {
    unlock = lockPracticeAccount(path, consoleUrl);
  } catch {
    return;
  }
  try {
    const now = openPracticeAccount({ ...options, readOnly: false });
    now.save?.({ ...now.scenario, credentialReport: report });
  } catch {
    // unchanged: the next status asks IAM again
  } finally {
    unlock();
  }
}
