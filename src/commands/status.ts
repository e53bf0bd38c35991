import type { Options } from '../args.js';
import type { PracticeSession } from '../practice/session.js';
import { collectStatus, nothingReadable, readInTwoWaves } from '../engine/status.js';
import { EXIT } from '../exit-codes.js';
import { practiceConsoleLine } from '../invocation.js';
import { statusJson } from '../ui/status-json.js';
import { useColour } from '../ui/text.js';
import { loadSteps } from '../../steps/manifest.js';
import type { RunContext } from './context.js';
import type { Connecting } from './session.js';

/**
 * `status`: every check once, read-only, its reads two round trips deep; a table or one JSON object
 * on stdout. In practice mode the practice console closes when status ends, so what it prints
 * names the console's pages without a link (PracticeSession.closedLinks) and says where it runs.
 */
export async function statusCommand(options: Options, context: RunContext, connecting: Connecting, practice?: PracticeSession): Promise<number> {
  // The table's layout (string-width: tens of ms to set up) is for the table alone.
  const steps = loadSteps();
  const table = options.json ? undefined : Promise.all([import('../ui/status-view.js'), import('../ui/layout.js')]);
  const { caller: session, read } = await readInTwoWaves(connecting.clients, connecting.identify, context.signal);
  const report = await collectStatus(session.identity, read, await steps, practice ? practice.closedLinks : session.console.links);
  useColour(context.io.color);
  if (table) {
    const [{ statusTable }, { widthFor }] = await table;
    const width = widthFor(context.io, 'stdout');
    context.io.stdout.write(`${statusTable(report, width, practice && { account: session.practiceAccount, consoleCommand: practiceConsoleLine() }).value}\n`);
  } else {
    context.io.stdout.write(`${statusJson(report)}\n`);
  }
  if (nothingReadable(report)) return EXIT.aws;
  return report.ok ? EXIT.ok : EXIT.open;
}
