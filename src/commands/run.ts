import { isMissingCredentials } from '../aws/aws-error.js';
import { explainCredentialFailure } from '../aws/credentials.js';
import type { Options } from '../args.js';
import { checkInputsBeforeCalls } from '../engine/preflight.js';
import type { Inputs } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { invocation, useInvocation } from '../invocation.js';
import { readAll } from '../io.js';
import type { PracticeSession } from '../practice/session.js';
import { openSession, startSession } from './session.js';
import type { RunContext } from './context.js';
import { loadSteps } from '../../steps/manifest.js';
import { statusCommand } from './status.js';

// Practice mode and the wizard are imported when chosen: they lay text out for the terminal
// (string-width, slow to load), which `status --json` never does.
const practiceMode = () => import('./practice.js');

/**
 * Runs the chosen command against AWS or the practice account and returns its exit code; errors
 * are mapped by the caller. Missing credentials at a terminal become an offer to practise.
 */
export async function run(options: Options, context: RunContext): Promise<number> {
  if (options.command === 'wizard' && !context.io.canPrompt && !options.yes && !options['dry-run']) {
    throw new UsageError('not a terminal, so nobody can answer questions: run it in a terminal, or pass --yes (or --dry-run)');
  }
  const inputs = await withStdin(options, context);
  // What the steps can tell of their inputs is told before any call.
  if (options.command === 'wizard') checkInputsBeforeCalls(await loadSteps(), inputs, options.skip);
  const command = (practice?: PracticeSession) => runOn(options, context, inputs, practice);
  if (options.practice) {
    const { inPractice, practiceOptions } = await practiceMode();
    return inPractice(practiceOptions(options), command);
  }
  try {
    return await command();
  } catch (error) {
    // Practice mode is offered only when nothing at all is configured; a configured way of
    // signing in that failed keeps its cause and its remedy.
    const explained = await explainCredentialFailure(error, { profile: options.profile });
    if (explained !== error || !isMissingCredentials(error) || !context.io.canPrompt || options.yes || options.json) throw explained;
    const { inPractice, offerPractice, practiceOptions } = await practiceMode();
    if (!(await offerPractice(context))) return EXIT.noCredentials;
    useInvocation({ ...invocation(), sameAccount: ['--practice'] });
    return inPractice(practiceOptions(options), command);
  }
}

async function runOn(options: Options, context: RunContext, inputs: Record<string, Inputs>, practice?: PracticeSession): Promise<number> {
  // Prompts and spinners are for the interactive wizard only: set up then (the text layout takes
  // tens of ms), never for `status` or a scripted run. Before or after the first requests leave
  // measured the same.
  if (options.command === 'wizard' && context.io.canPrompt && !options.yes) void import('../ui/terminal-ui.js');
  const connecting = await startSession(options, context, practice);
  if (options.command === 'status') return statusCommand(options, context, connecting, practice);
  if (practice && options.command === 'practice-console') return (await practiceMode()).practiceConsoleCommand(context, await connecting.identify(), practice);
  const wizard = import('./wizard.js');
  const session = await openSession(connecting, context.signal);
  const { wizardCommand } = await wizard;
  if (!practice) return wizardCommand(options, context, session, inputs);
  const { keepConsoleOpen, sayConsoleClosed, showChecksInConsole } = await practiceMode();
  showChecksInConsole(session, practice);
  const code = await wizardCommand(options, context, session, inputs);
  // The console stays, so the finished account can be seen; only a person can close it.
  if (context.io.canPrompt && !options.yes) {
    await keepConsoleOpen(context, practice, 'The practice console stays open, so you can look around the account as it is now:');
  } else {
    sayConsoleClosed(context);
  }
  return code;
}

/** The steps' inputs, with standard input's first line where a flag (--password-stdin) asked for it. */
async function withStdin(options: Options, context: RunContext): Promise<Record<string, Inputs>> {
  const inputs: Record<string, Inputs> = { ...options.inputs };
  const from = options.fromStdin;
  if (!from) return inputs;
  // At a terminal, standard input is the keyboard: what is typed would be shown as it is typed.
  if (context.io.isTTY.stdin) {
    throw new UsageError(`--${from.flag} reads a pipe (printf '%s\\n' "$PASSWORD" | …); at a terminal leave it out, and the wizard asks without showing what you type`);
  }
  // Only the first line: `echo pw |` adds a newline that is not part of the value.
  const line = (await readAll(context.io)).split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError(`--${from.flag}: standard input held nothing`);
  inputs[from.step] = { ...inputs[from.step], [from.key]: line };
  return inputs;
}
