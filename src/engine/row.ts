import type * as z from 'zod';
import type { Step } from './types.js';

/**
 * What the manifest (steps/manifest.ts) says of a step: everything known about it without loading
 * its code, so argument parsing, --help, --skip, the shipped policies and the README's table are
 * derived from one row per step while `--help` loads no AWS code.
 */

/** What a person is asked when the flag was not given (and someone can answer). */
export interface Question {
  message: string;
  default?: string;
  /** A choice instead of free text: the flag's rule is then the list of values. */
  choices?: readonly { value: string; name: string }[];
}

export interface FlagSpec {
  /** The flag without its dashes: `admin-user` is --admin-user. The question's key too. */
  name: string;
  /** The rule its value must meet (from src/inputs.ts, after AWS's own rules). */
  rule?: z.ZodType<string, string>;
  /** A switch whose value is the first line of standard input, so a secret stays out of argv. */
  stdin?: true;
  /** For --help: the value's placeholder (NAME, USD, ...) and what the flag is for. */
  arg?: string;
  help: string;
  /** Asked when the flag is absent and a person is at the terminal. */
  question?: Question;
  /**
   * Under --yes: `needed` when the step cannot do its work without it (checked before the first
   * step is shown); a function when some value is refused there, returning why.
   */
  underYes?: 'needed' | ((value: string) => string | undefined);
}

export type Flags = Readonly<Record<string, FlagSpec>>;

type ValueOf<S extends FlagSpec> = S extends { rule: infer R extends z.ZodType<string, string> } ? z.output<R> : string;

/** A step's inputs, typed from its flags: each is the flag's value, when given. */
export type InputsOf<F extends Flags> = { -readonly [K in keyof F]?: ValueOf<F[K]> };

export interface StepRow<Id extends string = string, F extends Flags = Flags> {
  id: Id;
  title: string;
  /** Counts towards `status` being ok and keeps a wizard run open until done. */
  required: boolean;
  /** Only checked and reported, never changed (its implementation's kind is `advisory`): see `kindOf`. */
  advisory?: true;
  /** Shown by `status` (wizard-only steps, such as the first sign-in, are not). */
  inStatus: boolean;
  /** Steps that must be settled first; otherwise this one is reported as blocked. */
  needs?: readonly string[];
  /** Deleting what a run signed with a root access key is signed with: that run takes this step last. */
  endsRootKeySession?: true;
  flags: F;
  /**
   * The IAM permissions it needs: `status` what its check reads in `status`, `wizard` what the
   * wizard needs besides (the check's reads for a run's own admin user, the plan's reads and
   * writes). policies/*.json are their union; a test holds them equal.
   */
  permissions: { status?: readonly string[]; wizard?: readonly string[] };
  /** The implementation, loaded only when a command runs. */
  load(): Promise<Step>;
}

/**
 * What a step is to a run, from its row: `required` (a run stays open until it is done),
 * `optional` (offered: no, or --skip, leaves the run complete) or `advisory` (only checked: it
 * reports and advises, and changes nothing). --help, the stop note and the summary say it in
 * these words (ON_RERUN), so a person reads one vocabulary everywhere.
 */
export type StepKind = 'required' | 'optional' | 'advisory';

export const kindOf = (step: Pick<StepRow, 'required' | 'advisory'>): StepKind =>
  step.required ? 'required' : step.advisory ? 'advisory' : 'optional';

/** What a run that comes after does with a step of each kind that is not settled: "… are offered". */
export const ON_RERUN: Record<StepKind, string> = { required: 'finished', optional: 'offered', advisory: 'checked again' };
