import type { ClientOptions } from '../aws/clients.js';
import { PracticeAccount } from './account.js';
import { loadScenario, saveScenario } from './scenarios/scenario-file.js';
import { PRACTICE_CREDENTIALS, startPracticeServer, type PracticeServer } from './server.js';

/** What the rest of the program needs from practice mode, and nothing more. */
export interface PracticeSession {
  /** Where the SDK clients go, signed with the practice credentials: never the real chain. */
  clientOptions: ClientOptions;
  consoleUrl: string;
  /** "Do this step in the practice console for me": what was done, in a few words. */
  doStep(stepId: string): string;
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
    consoleUrl: server.url,
    doStep: (stepId) => server.console.doStep(stepId),
    server,
    close: () => server.close(),
  };
}
