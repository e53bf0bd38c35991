import type { ClientOptions } from '../aws/clients.js';
import type { ConsolePort } from '../engine/console.js';
import { PracticeAccount } from './account.js';
import { practiceLinks } from './console/routes.js';
import { loadScenario, saveScenario } from './scenarios/scenario-file.js';
import { PRACTICE_CREDENTIALS, startPracticeServer, type PracticeServer } from './server.js';

/** What the rest of the program needs from practice mode, and nothing more. */
export interface PracticeSession {
  /** Where the SDK clients go, signed with the practice credentials: never the real chain. */
  clientOptions: ClientOptions;
  /** The practice console, through the port the wizard knows every console by. */
  console: Required<ConsolePort>;
  server: PracticeServer;
  close(): Promise<void>;
}

/** Starts the simulated account: from a scenario file when given (saved back after every change), else brand new. */
export async function startPractice(stateFile?: string): Promise<PracticeSession> {
  const scenario = loadScenario(stateFile);
  const account = new PracticeAccount(scenario, stateFile ? (s) => saveScenario(stateFile, s) : undefined);
  if (stateFile) saveScenario(stateFile, scenario);
  const server = await startPracticeServer(account);
  return {
    clientOptions: { endpoint: server.url, region: 'us-east-1', credentials: PRACTICE_CREDENTIALS },
    console: { links: practiceLinks(server.url), practice: { url: server.url, hands: server.console } },
    server,
    close: () => server.close(),
  };
}
