import { parseArgs, type ParseArgsConfig } from 'node:util';

// Apart from the rest of the org command's arguments (src/org/args.ts: zod, the rules, --help's
// layout), so that telling whether a run is the org command loads none of them.

/** The org command's options, as node:util's parseArgs takes them. */
export const ORG_OPTIONS = {
  accounts: { type: 'string', multiple: true },
  ou: { type: 'string' },
  account: { type: 'string' },
  concurrency: { type: 'string' },
  'delegated-admin': { type: 'string' },
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  profile: { type: 'string' },
  region: { type: 'string' },
  practice: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/**
 * The argv of the org command (without the word `org`) when the first positional argument is
 * `org`, else undefined. Org flags may come before it (`--profile p org status`): those that take a
 * value are known here, so their values are not mistaken for the command.
 */
export function orgArgv(argv: string[]): string[] | undefined {
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: argv, options: ORG_OPTIONS, allowPositionals: true, strict: false, tokens: true }));
  } catch {
    return undefined;
  }
  const first = tokens.findIndex((t) => t.kind === 'positional');
  const word = tokens[first];
  if (!word || word.kind !== 'positional' || word.value !== 'org') return undefined;
  // A flag the org command does not know, before the word, may take it as its value (--admin-user org).
  if (tokens.slice(0, first).some((t) => t.kind === 'option' && !(t.name in ORG_OPTIONS))) return undefined;
  return [...argv.slice(0, word.index), ...argv.slice(word.index + 1)];
}
