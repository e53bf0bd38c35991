import { isInvalidCredentials } from '../aws/aws-error.js';
import type { Options } from '../args.js';
import { realClock } from '../clock.js';
import { openReports, runWizard } from '../engine/wizard.js';
import type { UI } from '../engine/ui.js';
import { EXIT } from '../exit-codes.js';
import { PlainUI } from '../ui/plain-ui.js';
import type { PracticeInfo } from '../ui/text-output.js';
import { stepsFor } from '../../steps/index.js';
import type { RunContext } from './context.js';
import type { Session } from './connect.js';

/** The wizard: every step in order, against the account of `session`; exit 0 when nothing required is left. */
export async function wizardCommand(options: Options, context: RunContext, session: Session, password: string | undefined): Promise<number> {
  const { identity } = session;
  const ui = await chooseUI(options, context, session);
  session.onRetry((text) => ui.note({ level: 'warn', text }));
  try {
    const reports = await runWizard({
      steps: stepsFor(identity),
      identity,
      aws: session.aws,
      ui,
      clock: realClock,
      signal: context.signal,
      inputs: {
        password,
        grant: options.grant,
        mfaIn: options['mfa-in'],
        budgetAmount: options['budget-amount'],
        alertEmail: options['alert-email'],
        securityContact: {
          name: options['security-contact-name'],
          email: options['security-contact-email'],
          phone: options['security-contact-phone'],
        },
        accountAlias: options['account-alias'],
      },
      adminUser: options['admin-user'],
      dryRun: options['dry-run'],
      skip: options.skip,
      pollIntervalMs: options['poll-interval'] * 1000,
      waitTimeoutMs: options.wait * 1000,
      newReader: session.newReader,
    });
    return openReports(reports).length === 0 ? EXIT.ok : EXIT.open;
  } catch (error) {
    if (identity.usesRootAccessKey && isInvalidCredentials(error)) {
      context.io.stderr.write(
        'The root access key this run was signed with no longer works: it was deleted or deactivated.\n' +
          'Sign in as your admin user (AWS CloudShell, or "aws login") and run aws-root-lockdown again to confirm no root key is left.\n',
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
  const practice: PracticeInfo | undefined = session.practice && { consoleUrl: session.practice.consoleUrl, doStep: session.practice.doStep };
  if (!context.io.canPrompt || options.yes) return new PlainUI(context.io, options.yes, practice);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(context.io, context.signal, context.stop, practice);
}
