import { password } from '@inquirer/prompts';
import { StoppedError } from '../errors.js';
import type { IO } from '../io.js';

/**
 * Asks for the 6-digit code of the MFA device a role profile names (`mfa_serial`), masked, as the
 * AWS CLI does before it assumes the role. The prompt is on stderr, so `status --json` keeps its
 * stdout for the JSON. Ctrl-C stops the run.
 */
export async function askMfaCode(io: IO, serial: string, signal: AbortSignal, interrupt: () => void): Promise<string> {
  try {
    return await password(
      {
        message: `MFA code for ${serial}:`,
        mask: '*',
        validate: (value) => /^\d{6}$/.test(value.trim()) || 'the code is 6 digits from your authenticator app',
      },
      { signal, input: io.stdin, output: io.stderr },
    ).then((code) => code.trim());
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
      interrupt();
      throw new StoppedError();
    }
    throw error;
  }
}
