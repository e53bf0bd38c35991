import { homedir } from 'node:os';
import type { PracticeWhere } from '../practice/session.js';

// Apart from the rest of practice mode (practice.ts), which lays text out for the terminal: every
// session names its practice account, and `status --json` loads no text layout (string-width).

/** A path under the home folder as people type it: ~/.local/state/... */
const shortPath = (path: string, home = homedir()) => (home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);

/** One line on where this run's practice account is kept and how the run came by it. */
export function describePracticeAccount(where: PracticeWhere): string {
  const path = shortPath(where.path);
  if (!where.saved) {
    return where.origin === 'new' ? `Practice account: none kept yet (${path}); shown as a new one.` : `Practice account: ${path} (read only).`;
  }
  const kept = where.kept ? `kept in ${path}` : `saved back to ${path}`;
  switch (where.origin) {
    case 'resumed':
      return `Practice account: resumed, ${kept}${where.kept ? ' (--practice-reset starts over)' : ''}.`;
    case 'new':
      return `Practice account: a new one, ${kept}, so you can stop and resume.`;
    case 'reset':
      return `Practice account: started over as a new account, ${kept}.`;
    case 'scenario':
      return `Practice account: started over from the scenario "${where.scenarioName}", ${kept}.`;
  }
}
