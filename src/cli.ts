#!/usr/bin/env node
import { helpText, parseOptions } from './args.js';
import { StoppedError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { detectLauncher, launch, sameAccountFlags, useInvocation } from './invocation.js';
import { processIO, type IO } from './io.js';
import { reportError } from './report-error.js';

/** package.json's version, written in by scripts/build.mjs: the bundle reads no file for --version. */
declare const PACKAGE_VERSION: string;

/** The entry: decide what the terminal can do, parse once, pick the command, map the outcome to an exit code. */
async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const io = processIO();
  const controller = new AbortController();
  const stop = () => {
    // A second Ctrl-C while unwinding means "now".
    if (controller.signal.aborted) process.exit(EXIT.stopped);
    controller.abort(new StoppedError());
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const options = parseOptions(argv);
    useInvocation({ launcher: detectLauncher(process.env, process.argv[1] ?? '', process.cwd()), sameAccount: sameAccountFlags(options) });
    // The usage lines name the program the way this run started it (`npm start -- status`).
    if (options.help) return print(io, helpText(io.columns(), launch()));
    if (options.version) return print(io, PACKAGE_VERSION);
    // Loaded only when needed, so --help and --version start instantly.
    const { run } = await import('./commands/run.js');
    return await run(options, { io, signal: controller.signal, stop });
  } catch (error) {
    return reportError(error, debug);
  }
}

function print(io: IO, text: string) {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.ok;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A reader that stops early (`| head`) is not an error: stop writing, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT.ok);
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Pending SDK sockets or a paused stdin must not keep a finished run alive.
  setImmediate(() => process.exit(code));
});
