import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { shellArg } from './shell.js';

/**
 * How this process was started, so that every command it prints (resume after Ctrl-C, `status`,
 * "run again") is one the person can paste: `npm start -- …` in a clone, `npx <what they ran>`,
 * the installed name, or `node <path>`; with the flags that choose the account (`--profile`,
 * `--region`) and practice mode (`--practice`, `--practice-state FILE`), so a hint never reaches
 * another account than this run's.
 */
export interface Invocation {
  /** The words that start the program, e.g. ['npm', 'start', '--'] or ['npx', './aws-root-lockdown-0.1.0.tgz']. */
  launcher: string[];
  /** The flags that keep a later run on the same account, e.g. ['--profile', 'admin']. */
  sameAccount: string[];
}

const NAME = 'aws-root-lockdown';

/**
 * Works out the launcher from npm's environment (`npm_lifecycle_event`, `npm_command`), the
 * script path (`argv1`) and the working directory. npx records what it was asked to run in the
 * `_npx.packages` of its cache directory's package.json: that is what the person typed.
 */
export function detectLauncher(env: NodeJS.ProcessEnv, argv1: string, cwd: string): string[] {
  if (env.npm_lifecycle_event === 'start' && env.npm_package_name === NAME) return ['npm', 'start', '--'];
  const script = resolve(cwd, argv1);
  // npx runs the package's bin link; npm_command alone may be inherited (a test run under `npx vitest`).
  if ((env.npm_command === 'exec' || env.npm_lifecycle_event === 'npx') && basename(script) === NAME) {
    return ['npx', npxSpec(argv1) ?? NAME];
  }
  if (basename(script) === NAME) {
    // An installed bin: bare when that directory is on PATH, else the path as typed.
    const onPath = (env.PATH ?? '').split(delimiter).some((dir) => dir && resolve(cwd, dir) === dirname(script));
    return [onPath ? NAME : shellArg(pathFrom(cwd, script))];
  }
  return ['node', shellArg(pathFrom(cwd, script))];
}

/** What npx was asked to run (`aws-root-lockdown`, `./aws-root-lockdown-0.1.0.tgz`), when argv1 is in npx's cache. */
function npxSpec(argv1: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  let path = argv1;
  try {
    path = realpathSync(argv1);
  } catch {
    // keep argv1
  }
  for (const candidate of [argv1, path]) {
    const at = candidate.indexOf(marker);
    if (at < 0) continue;
    const manifest = join(candidate.slice(0, at), 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const spec = (JSON.parse(readFileSync(manifest, 'utf8')) as { _npx?: { packages?: string[] } })._npx?.packages?.[0];
      if (spec) return shellArg(spec);
    } catch {
      // not npx's manifest
    }
  }
  return undefined;
}

const pathFrom = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
};

/**
 * The flags of this run that decide which account a later run reaches. In practice mode that is
 * the scenario file, else the kept practice account: never --practice-reset or --practice-scenario,
 * which would start it over, except after `status --practice-scenario NAME`, which only showed that
 * scenario (and saved nothing): there, starting from it is the way on.
 */
export function sameAccountFlags(options: {
  command?: string;
  profile?: string;
  region?: string;
  practice?: boolean;
  'practice-state'?: string;
  'practice-scenario'?: string;
}): string[] {
  if (options['practice-state']) return ['--practice-state', shellArg(options['practice-state'])];
  if (options.command === 'status' && options['practice-scenario']) return ['--practice-scenario', shellArg(options['practice-scenario'])];
  if (options.practice) return ['--practice'];
  return [
    ...(options.profile ? ['--profile', shellArg(options.profile)] : []),
    ...(options.region ? ['--region', shellArg(options.region)] : []),
  ];
}

let current: Invocation = { launcher: [NAME], sameAccount: [] };

/** Every command line this run has handed out, for the wrapper to keep whole (src/ui/layout.ts). */
const handedOut = new Set<string>();

/**
 * `words` as one command line, remembered as a hint: wherever it is later embedded in prose, the
 * paragraph wrapper keeps it whole (never broken between its words), so it copies and pastes.
 */
export function hint(words: readonly string[]): string {
  const line = words.join(' ');
  handedOut.add(line);
  return line;
}

/** The command lines handed out so far (see `hint`). */
export const hints = (): ReadonlySet<string> => handedOut;

/** Set once at start (cli.ts), and again when a run switches to practice mode. */
export function useInvocation(invocation: Invocation): void {
  current = invocation;
}

/** The program started the same way, with `args` and none of this run's account flags: `npm start -- --practice`. */
export const launch = (...args: string[]): string => hint([...current.launcher, ...args]);

/** This run's invocation. */
export const invocation = (): Invocation => current;

/**
 * A command line that runs this program again the way it was started, on the same account:
 * `commandLine('status')` → `npm start -- status --profile admin`. Without arguments or flags,
 * a bare `npm start` (no dangling `--`).
 */
export function commandLine(...args: string[]): string {
  const words = [...current.launcher, ...args, ...current.sameAccount];
  if (words.at(-1) === '--') words.pop();
  return hint(words);
}

/**
 * The command that serves the practice console alone, on this run's practice account:
 * `npm start -- practice console` (it implies --practice), `… practice console --practice-state FILE`.
 */
export const practiceConsoleLine = (): string =>
  [...current.launcher, 'practice', 'console', ...current.sameAccount.filter((flag) => flag !== '--practice')].join(' ');
