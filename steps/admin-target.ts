import type { CheckContext } from '../src/engine/types.js';

/** The admin users a follow-up step is about: the one this run set up, or every console admin. */
export async function adminTargets({ read, adminUser }: CheckContext): Promise<string[]> {
  if (adminUser) return (await read.user(adminUser)) ? [adminUser] : [];
  return (await read.admins()).consoleUsers;
}
