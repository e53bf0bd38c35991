import type { Options } from '../args.js';
import { collectStatus, nothingReadable } from '../engine/status.js';
import { EXIT } from '../exit-codes.js';
import { statusJson, statusTable } from '../ui/status-view.js';
import { useColour } from '../ui/text.js';
import { widthFor } from '../ui/layout.js';
import { loadSteps } from '../../steps/manifest.js';
import type { RunContext } from './context.js';
import type { Session } from './session.js';

/** `status`: every check once, read-only; a table or one JSON object on stdout. */
export async function statusCommand(options: Options, context: RunContext, session: Session): Promise<number> {
  const report = await collectStatus(session.identity, session.newReader(), await loadSteps(), session.console.links);
  useColour(context.io.color);
  context.io.stdout.write(`${options.json ? statusJson(report) : statusTable(report, widthFor(context.io.isTTY.stdout, context.io.columns()), session.console.practice).value}\n`);
  if (nothingReadable(report)) return EXIT.aws;
  return report.ok ? EXIT.ok : EXIT.open;
}
