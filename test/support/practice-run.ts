import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { whoAmI } from '../../src/aws/identity.js';
import type { Step } from '../../src/engine/types.js';
import { runWizard } from '../../src/engine/wizard.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { newAccountScenario, type Scenario } from '../../src/practice/scenarios/scenario.js';
import { startPracticeServer, type PracticeServer } from '../../src/practice/server.js';
import { practiceConsole } from '../../src/practice/session.js';
import { FakeClock } from './fake-clock.js';
import { ScriptedUI } from './scripted-ui.js';
import { engineOptions } from './test-account.js';

/** A practice server and the program's own clients signed for it, as `--practice` makes them. */
export interface PracticeRun {
  server: PracticeServer;
  aws: AwsClients;
  close(): Promise<void>;
}

export async function startPracticeRun(scenario: Scenario = newAccountScenario()): Promise<PracticeRun> {
  const server = await startPracticeServer(new PracticeAccount(scenario));
  const aws = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: server.credentials });
  return {
    server,
    aws,
    async close() {
      for (const client of Object.values(aws)) client.destroy();
      await server.close();
    },
  };
}

/** The engine over `steps` in practice mode: the practice console's links, and its hands for "do it for me". */
export async function runPracticeSteps(run: PracticeRun, steps: Step[], ui = new ScriptedUI(), clock = new FakeClock()) {
  const { server, aws } = run;
  const identity = await whoAmI(aws);
  const reports = await runWizard({
    ...engineOptions(aws, identity, ui, clock),
    steps,
    inputs: {},
    console: practiceConsole(server),
    dryRun: false,
  });
  return { ui, reports, identity };
}
