import type { CheckContext } from '../src/engine/types.js';

/** The admin users a follow-up step is about: the one this run set up, or every console admin. */
export async function adminTargets({ read, run }: CheckContext): Promise<string[]> {
  if (run.adminUser) return (await read.user(run.adminUser)) ? [run.adminUser] : [];
  return (await read.admins()).consoleUsers;
}

/** The admin a checklist speaks of: the one this run chose (even before a dry run would create it), else the first console admin. */
export async function adminToGuide({ read, run }: CheckContext): Promise<string | undefined> {
  return run.adminUser ?? (await read.admins()).consoleUsers[0];
}
