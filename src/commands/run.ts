import { isMissingCredentials } from '../aws/aws-error.js';
import type { Options } from '../args.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { readAll } from '../io.js';
import type { PracticeSession } from '../practice/session.js';
import { connect } from './connect.js';
import type { RunContext } from './context.js';
import { inPractice, offerPractice } from './practice.js';
import { statusCommand } from './status.js';
import { wizardCommand } from './wizard.js';

/**
 * Runs the chosen command against AWS or the practice account and returns its exit code; errors
 * are mapped by the caller. Missing credentials at a terminal become an offer to practise.
 */
export async function run(options: Options, context: RunContext): Promise<number> {
  if (options.command === 'wizard' && !context.io.canPrompt && !options.yes && !options['dry-run']) {
    throw new UsageError('not a terminal, so nobody can answer questions: run it in a terminal, or pass --yes (or --dry-run)');
  }
  const password = options['password-stdin'] ? await readPassword(context) : undefined;
  const command = (practice?: PracticeSession) => runOn(options, context, password, practice);
  if (options.practice) return inPractice(options['practice-state'], command);
  try {
    return await command();
  } catch (error) {
    if (!isMissingCredentials(error) || !context.io.canPrompt || options.yes || options.json) throw error;
    if (!(await offerPractice(context))) return EXIT.noCredentials;
    return inPractice(options['practice-state'], command);
  }
}

async function runOn(options: Options, context: RunContext, password: string | undefined, practice?: PracticeSession): Promise<number> {
  // Prompts and spinners are for the interactive wizard only; loading starts now, so it overlaps
  // the first request instead of delaying `status` or a scripted run.
  if (options.command === 'wizard' && context.io.canPrompt && !options.yes) void import('../ui/terminal-ui.js');
  const session = await connect(options, context, practice);
  return options.command === 'status' ? statusCommand(options, context, session) : wizardCommand(options, context, session, password);
}

async function readPassword(context: RunContext): Promise<string> {
  // Only the first line: `echo pw |` adds a newline that is not part of the password.
  const password = (await readAll(context.io)).split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input held no password');
  return password;
}
