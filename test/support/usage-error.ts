import { expect } from 'vitest';
import { parseOptions } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';

/** The one-line message parseOptions refuses `argv` with; fails the test when it accepts it. */
export function usage(argv: string[]): string {
  try {
    parseOptions(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}
