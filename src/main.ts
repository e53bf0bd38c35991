import { parseOptions } from './args.js';
import type { RunContext } from './commands/context.js';
import { StoppedError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { detectLauncher, launch, sameAccountFlags, useInvocation } from './invocation.js';
import { processIO, type IO } from './io.js';
import { orgArgv } from './org/argv.js';

/** package.json's version, written in by scripts/build.mjs: the bundle reads no file for --version. */
declare const PACKAGE_VERSION: string;

/** The program, once cli.ts has started it: decide what the terminal can do, parse once, pick the command, map the outcome to an exit code. */
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
    const context: RunContext = { io, signal: controller.signal, stop };
    const launcher = detectLauncher(process.env, process.argv[1] ?? '', process.cwd());
    const org = orgArgv(argv);
    if (!org) return await singleAccount(argv, context, launcher);
    // The org command hands the management account's own root to the single-account wizard, in this process and terminal.
    const { runOrg } = await import('./org/main.js');
    return await runOrg(org, { ...context, launcher, singleAccountWizard: (wizardArgv) => singleAccount(wizardArgv, context, launcher) });
  } catch (error) {
    // Loaded only on an error: it lays its lines out for the window (string-width, slow to load).
    const { reportError } = await import('./report-error.js');
    return reportError(error, debug);
  }
}

/** The single-account commands (the wizard, status), their help and version. */
async function singleAccount(argv: string[], context: RunContext, launcher: string[]): Promise<number> {
  const options = parseOptions(argv);
  useInvocation({ launcher, sameAccount: sameAccountFlags(options) });
  // The usage lines name the program the way this run started it (`npm start -- status`).
  if (options.help) {
    const { helpText } = await import('./help.js');
    return print(context.io, helpText(context.io.columns(), launch()));
  }
  if (options.version) return print(context.io, PACKAGE_VERSION);
  // Loaded only when needed, so --help and --version start instantly.
  const { run } = await import('./commands/run.js');
  return run(options, context);
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
