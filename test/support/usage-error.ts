import { parseOptions } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';

/** The one-line message parseOptions refuses `argv` with; any other outcome fails the test. */
export function usage(argv: string[]): string {
  try {
    parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}
