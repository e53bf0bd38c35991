import { PassThrough } from 'node:stream';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Clock } from '../../../src/clock.js';
import { processIO } from '../../../src/io.js';
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

/** The IO of a run with no terminal at all (as under cron), decided as cli.ts decides it, with what it writes kept. */
export function pipeIO() {
  const stdout = collector();
  const stderr = collector();
  const io = processIO({ stdin: new PassThrough(), stdout, stderr, env: {} } as unknown as NodeJS.Process);
  return { io, stdout, stderr };
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
  const { io, stdout, stderr } = pipeIO();
  const code = await runWith(
    parseOrgOptions(argv),
    {
      io,
      signal: o.signal ?? new AbortController().signal,
      stop: () => {},
      prompts: o.prompts,
      clock: o.clock ?? new FakeClock(),
    },
    { ...testOrg.clientOptions, ...(o.credentials ? { credentials: o.credentials } : {}) },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
