import type { AwsCredentialIdentity } from '@smithy/types';
import type { Clock } from '../../../src/engine/clock.js';
import { parseOrgOptions } from '../../../src/org/args.js';
import { runWith } from '../../../src/org/main.js';
import type { Prompts } from '../../../src/org/prompts.js';
import { FakeClock } from '../fake-clock.js';
import type { TestOrg } from './test-org.js';

/** A stream that keeps what is written to it. */
export function collector(): NodeJS.WritableStream & { text(): string } {
  let text = '';
  return { write: (chunk: string | Uint8Array) => ((text += String(chunk)), true), text: () => text } as unknown as NodeJS.WritableStream & { text(): string };
}

/**
 * Runs `aws-root-lockdown org …` in this process against the test organization, as an IAM user,
 * without a terminal: the same code from parsing on, with the questions answered by `prompts`
 * (or --yes) and backoff on a clock that does not wait.
 */
export async function runOrgInProcess(
  testOrg: TestOrg,
  argv: string[],
  o: { prompts?: Prompts; clock?: Clock; signal?: AbortSignal; credentials?: AwsCredentialIdentity } = {},
) {
  const stdout = collector();
  const stderr = collector();
  const code = await runWith(
    parseOrgOptions(argv),
    {
      stdout,
      stderr,
      isTTY: { stdin: false, stdout: false, stderr: false },
      signal: o.signal ?? new AbortController().signal,
      stop: () => {},
      prompts: o.prompts,
      clock: o.clock ?? new FakeClock(),
    },
    { ...testOrg.clientOptions, ...(o.credentials ? { credentials: o.credentials } : {}) },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
