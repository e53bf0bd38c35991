import { isInvalidCredentials } from '../aws/aws-error.js';
import type { Options } from '../args.js';
import { realClock } from '../clock.js';
import { checkFlagsForYes } from '../engine/preflight.js';
import type { AdminVia, Inputs } from '../engine/types.js';
import { openReports, runWizard } from '../engine/wizard.js';
import type { UI } from '../engine/ui.js';
import { EXIT } from '../exit-codes.js';
import { commandLine } from '../invocation.js';
import { PlainUI } from '../ui/plain-ui.js';
import { command, lines, paragraph, widthFor } from '../ui/layout.js';
import { inRunOrder, loadSteps } from '../../steps/manifest.js';
import type { RunContext } from './context.js';
import type { Session } from './session.js';

/**
 * The wizard: every step in order, against the account of `session`; exit 0 when nothing required
 * is left. `inputs` are the steps' flags (with standard input's line where a flag asked for it).
 */
export async function wizardCommand(options: Options, context: RunContext, session: Session, inputs: Record<string, Inputs>): Promise<number> {
  const { identity } = session;
  const steps = inRunOrder(await loadSteps(), identity);
  const adminUser = inputs['admin-user']?.adminUser as string | undefined;
  const adminVia = inputs['admin-user']?.adminVia as AdminVia | undefined;
  if (options.yes && !options['dry-run']) {
    await checkFlagsForYes(steps, inputs, options.skip, () => ({ identity, read: session.newReader(), run: { adminUser, adminVia }, console: session.console.links }));
  }
  const ui = await chooseUI(options, context, session);
  session.onRetry((notice) => ui.retrying(notice));
  // The wizard may wait for the credential report, and says so while it does.
  const reportWait = { clock: realClock, onWait: (why: string) => ui.busy(why) };
  try {
    const reports = await runWizard({
      steps,
      identity,
      aws: session.aws,
      ui,
      clock: realClock,
      signal: context.signal,
      inputs,
      console: session.console,
      adminUser,
      adminVia,
      dryRun: options['dry-run'],
      skip: options.skip,
      pollIntervalMs: options['poll-interval'] * 1000,
      waitTimeoutMs: options.wait * 1000,
      newReader: () => session.newReader(reportWait),
    });
    return openReports(reports).length === 0 ? EXIT.ok : EXIT.open;
  } catch (error) {
    if (identity.usesRootAccessKey && isInvalidCredentials(error)) {
      const width = widthFor(context.io, 'stderr');
      context.io.stderr.write(
        `${lines(
          paragraph(width, '', 'The root access key this run was signed with no longer works: it was deleted or deactivated.'),
          paragraph(width, '', 'Sign in as your admin user (AWS CloudShell, or "aws login") and run this again to confirm no root key is left:'),
          command(2, commandLine()),
        ).value}\n`,
      );
      return EXIT.open;
    }
    throw error;
  }
}

/**
 * The one place that decides how the wizard talks: prompts and a spinner when a person can answer
 * (and --yes was not given), plain text otherwise. The terminal interface is loaded only then.
 */
async function chooseUI(options: Options, context: RunContext, session: Session): Promise<UI> {
  const practice = session.console.practice && { url: session.console.practice.url, account: session.practiceAccount };
  if (!context.io.canPrompt || options.yes) return new PlainUI(context.io, options.yes, practice);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(context.io, context.signal, context.stop, practice);
}
