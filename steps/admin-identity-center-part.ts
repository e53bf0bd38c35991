import type { AwsClients } from '../src/aws/clients.js';
import type { IdentityCenterClients } from '../src/aws/identity-center.js';
import type { AdvisoryStep, AutomatedStep, ConsoleStep } from '../src/engine/types.js';
import type { InputsFor } from './manifest.js';

/**
 * What the parts of the Identity Center way share: the caller's clients and the run's signal (a
 * check's context carries neither), and Identity Center's region and clients.
 */
export interface IdentityCenterRun {
  aws: AwsClients;
  signal: AbortSignal;
  region: string;
  ic: IdentityCenterClients;
  /** The admin's user name, once the person named or chose it (part 3); the parts after it speak of it. */
  admin: { userName?: string };
}

type Fields = 'required' | 'inStatus';
type Part = Omit<AutomatedStep<InputsFor<'admin-user'>>, Fields> | Omit<ConsoleStep, Fields> | Omit<AdvisoryStep, Fields>;

/** A part of admin-user's Identity Center way: required for the way to be done, never a row of `status`. */
export const part = <P extends Part>(fields: P): P & { required: true; inStatus: false } => ({ ...fields, required: true, inStatus: false });

/**
 * Whether two user names are the same user's. Compared ignoring case, as IAM compares its names: the
 * identity store found the user by the name given, so either spelling names that one user.
 */
export const sameUserName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Said of what no API shows, so nobody takes a passed step for a verified one. */
export const NOT_VERIFIABLE = 'cannot be verified through the API';
