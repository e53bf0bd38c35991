import type { ClientOptions } from '../aws/clients.js';
import type { ConsolePort } from '../engine/console.js';
import { PracticeAccount } from './account.js';
import { practiceLinks } from './console/routes.js';
import { loadScenario, saveScenario } from './scenarios/scenario-file.js';
import { startPracticeServer, type PracticeServer } from './server.js';

/** What the rest of the program needs from practice mode, and nothing more. */
export interface PracticeSession {
  /** Where the SDK clients go, signed with the practice credentials: never the real chain. */
  clientOptions: ClientOptions;
  /** The practice console, through the port the wizard knows every console by. */
  console: Required<ConsolePort>;
  server: PracticeServer;
  close(): Promise<void>;
}

export interface PracticeOptions {
  /** A scenario file: loaded when it exists, and saved back after every change unless readOnly. */
  stateFile?: string;
  /** A read-only command (status): the file is read, never written, not even created. */
  readOnly?: boolean;
}

/** Starts the simulated account: from a scenario file when given, else brand new. */
export async function startPractice({ stateFile, readOnly = false }: PracticeOptions = {}): Promise<PracticeSession> {
  const scenario = loadScenario(stateFile);
  const saveTo = readOnly ? undefined : stateFile;
  const account = new PracticeAccount(scenario, saveTo ? (s) => saveScenario(saveTo, s) : undefined);
  // Saved at once, so a file that cannot be written stops the run before its first step (exit 2).
  if (saveTo) saveScenario(saveTo, scenario);
  const server = await startPracticeServer(account);
  return {
    clientOptions: { endpoint: server.url, region: 'us-east-1', credentials: server.credentials },
    // The console's links carry the run's token: only the person who sees them can use the console.
    console: { links: practiceLinks(server.consoleUrl), practice: { url: server.consoleUrl('/'), hands: server.console } },
    server,
    close: () => server.close(),
  };
}
