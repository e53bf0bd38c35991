import type { Identity } from '../aws/identity.js';
import type { Note } from './ui.js';

/** What the person should know about the identity this run uses, before any step. */
export function introNotes(identity: Identity): Note[] {
  const notes: Note[] = [];
  if (identity.usesRootAccessKey) {
    notes.push({
      level: 'warn',
      text:
        'This run is signed with a ROOT ACCESS KEY, the very thing this wizard helps you delete. ' +
        'So deleting it comes last, once the admin user exists: that ends this session. Continue then in AWS CloudShell, ' +
        'or after "aws login", signed in as the admin user.',
    });
  } else if (identity.isRoot) {
    notes.push({
      level: 'info',
      text:
        'You are signed in as root, which is right for setting things up. When you re-run this later to ' +
        'check on the account, sign in as the admin user instead: every use of root is a use to avoid.',
    });
  }
  if (!identity.hasRootCredentials) {
    notes.push({ level: 'info', text: `${identity.partition} accounts have no root user credentials; the root steps do not apply.` });
  }
  return notes;
}
