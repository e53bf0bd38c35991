import type { ParseArgsConfig } from 'node:util';
import * as z from 'zod';
import { MANIFEST, STEP_IDS, type StepId } from '../steps/manifest.js';
import type { FlagSpec } from './engine/row.js';
import type { Inputs } from './engine/types.js';
import { UsageError } from './errors.js';
import { firstIssue, parseCommandLine, profileSchema, regionSchema } from './inputs.js';
import { SCENARIO_NAMES } from './practice/scenarios/names.js';

/**
 * The command line: the run's own options here, each step's flags from its manifest row. Parsing
 * checks every value by its rule before anything else happens, so bad input changes nothing.
 */

const seconds = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** The options of the run as a whole (the steps' own flags are in the manifest). */
const RUN_OPTIONS = {
  yes: { type: 'boolean', short: 'y', default: false },
  'dry-run': { type: 'boolean', default: false },
  skip: { type: 'string', multiple: true },
  wait: { type: 'string' },
  'poll-interval': { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean', default: false },
  practice: { type: 'boolean', default: false },
  'practice-state': { type: 'string' },
  'practice-reset': { type: 'boolean', default: false },
  'practice-scenario': { type: 'string' },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies ParseArgsConfig['options'];

const schema = z
  .object({
    command: z.enum(['wizard', 'status', 'practice-console'], { message: 'unknown command (the commands are: status, practice console, org, or none for the wizard)' }),
    yes: z.boolean(),
    'dry-run': z.boolean(),
    skip: z.array(z.enum(STEP_IDS, { message: `must be a step id (${STEP_IDS.join(', ')})` })).default([]),
    wait: seconds(0, 86_400).default(900),
    'poll-interval': seconds(1, 300).default(5),
    profile: profileSchema.optional(),
    region: regionSchema.optional(),
    json: z.boolean(),
    practice: z.boolean(),
    'practice-state': z.string().min(1, 'must name a file').optional(),
    'practice-reset': z.boolean(),
    'practice-scenario': z.enum(SCENARIO_NAMES, { message: `must be a built-in scenario (${SCENARIO_NAMES.join(', ')})` }).optional(),
    debug: z.boolean(),
    help: z.boolean(),
    version: z.boolean(),
  })
  .refine((o) => !o.json || o.command === 'status', { message: 'only "status" writes JSON', path: ['json'] })
  // Every practice flag, and the practice console, means practice: none is ever read against a real account.
  .transform((o) => ({
    ...o,
    practice: o.practice || o['practice-state'] !== undefined || o['practice-reset'] || o['practice-scenario'] !== undefined || o.command === 'practice-console',
  }))
  .refine((o) => !o.practice || !o.profile, { message: 'practice mode never uses AWS credentials', path: ['profile'] })
  .refine((o) => o.command !== 'status' || !o['practice-reset'], {
    message: 'status only reads, and --practice-reset starts the practice account over: run it with the wizard or "practice console"',
    path: ['practice-reset'],
  });

/** Every step flag with the step and input it belongs to. */
export const STEP_FLAGS = MANIFEST.flatMap((row) => Object.entries(row.flags as Record<string, FlagSpec>).map(([key, flag]) => ({ step: row.id, key, flag })));

/** The run's options and every step flag (a switch for a flag read from standard input, else a value). */
const OPTIONS = {
  ...RUN_OPTIONS,
  ...Object.fromEntries(STEP_FLAGS.map(({ flag }) => [flag.name, { type: flag.stdin ? 'boolean' : 'string' } as const])),
} satisfies ParseArgsConfig['options'];

export type Options = z.infer<typeof schema> & {
  /** Each step's inputs from its flags, by step id, checked by the flags' rules. */
  inputs: Partial<Record<StepId, Inputs>>;
  /** The input whose value is standard input's first line (--password-stdin), if that flag was given. */
  fromStdin?: { step: StepId; key: string; flag: string };
};

/** The command named by the positional words ("practice console" is two), and what is left over. */
function commandOf(positionals: string[]): [string, string[]] {
  const [first = 'wizard', ...rest] = positionals;
  if (first !== 'practice') return [first, rest];
  const [sub, ...extra] = rest;
  if (sub !== 'console') throw new UsageError(`"practice${sub ? ` ${sub}` : ''}": the practice command is "practice console" (the practice console alone, to look around)`);
  return ['practice-console', extra];
}

/** Parses argv once; every problem becomes a UsageError naming the flag and the rule. */
export function parseOptions(argv: string[]): Options {
  const { checked, values } = parseCommandLine(argv, OPTIONS, schema, undefined, commandOf);
  const options: Options = { ...checked, inputs: {} };
  for (const { step, key, flag } of STEP_FLAGS) {
    const value = values[flag.name];
    if (value === undefined || value === false) continue;
    if (flag.stdin) {
      if (options.command !== 'wizard') throw new UsageError(`--${flag.name}: only the wizard reads standard input`);
      options.fromStdin = { step, key, flag: flag.name };
      continue;
    }
    const input = flag.rule!.safeParse(value);
    if (!input.success) throw new UsageError(`--${flag.name}: ${firstIssue(input.error)}`);
    (options.inputs[step] ??= {})[key] = input.data;
  }
  return options;
}
