import { hint, invocation } from '../invocation.js';

/**
 * Commands the org command prints, spelled the way this run was started (`npm start -- org …`,
 * `npx ./aws-root-lockdown-0.1.0.tgz org …`, `aws-root-lockdown org …`) and on the same account.
 * During an org run the invocation's launcher ends with `org` (main.ts), so commandLine() and the
 * "Stopped… run … again" line resume the org command.
 */
export function orgCommand(...args: string[]): string {
  const { launcher, sameAccount } = invocation();
  return hint([...launcher, ...args, ...sameAccount]);
}

/** The single-account wizard, started the same way and on the same account. */
export function singleAccountCommand(): string {
  const { launcher, sameAccount } = invocation();
  const words = [...(launcher.at(-1) === 'org' ? launcher.slice(0, -1) : launcher), ...sameAccount];
  if (words.at(-1) === '--') words.pop();
  return hint(words);
}
