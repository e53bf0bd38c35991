import type { PtySession } from '../support/pty.js';

/** How a learner answers the wizard's questions in a terminal, shared by the practice end-to-end tests. */

export const WAIT = 20_000;

/** An automated step's plan, shown (when named) and accepted. */
export async function goAhead(term: PtySession, plan?: string) {
  if (plan) await term.waitFor(plan, WAIT);
  await term.waitFor('Go ahead with these changes?', WAIT);
  term.press('enter');
}

/** Creates admin-jane with a generated password, through the Administrators group; returns the password shown. */
export async function createAdmin(term: PtySession): Promise<string> {
  await term.waitFor('Which kind of admin for daily work?', WAIT);
  term.press('enter'); // an IAM user
  await term.waitFor('Name for the admin user', WAIT);
  term.write('admin-jane\r');
  await term.waitFor("How should admin-jane's first console password be made?", WAIT);
  term.press('enter'); // generate
  await term.waitFor('How should AdministratorAccess be given?', WAIT);
  term.press('enter'); // through the group
  await goAhead(term);
  const shown = await term.waitFor('Saved it in a password manager?', WAIT);
  term.write('y\r');
  await term.waitFor('Done: admin-jane is an admin with console access', WAIT);
  return /First console password for admin-jane:\s+(\S+)/.exec(shown)![1]!;
}

export async function acceptPasswordPolicy(term: PtySession) {
  await goAhead(term, '$ aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24');
  await term.waitFor('Done: minimum length 14, reuse prevention the last 24', WAIT);
}

export async function giveAlias(term: PtySession, alias: string) {
  await term.waitFor('Give the account a memorable sign-in address? (optional)', WAIT);
  term.press('enter');
  await term.waitFor('Alias for the sign-in address', WAIT);
  term.write(`${alias}\r`);
  await goAhead(term, `$ aws iam create-account-alias --account-alias ${alias}`);
  await term.waitFor(new RegExp(`Done: IAM users sign in at http://localhost:\\d+/signin/${alias}`), WAIT);
}

export async function chooseAdminMfaIn(term: PtySession, way: 'terminal' | 'console') {
  await term.waitFor('How do you want to add MFA for the admin user?', WAIT);
  if (way === 'console') term.press('down');
  term.press('enter');
}

export async function nameSecurityContact(term: PtySession) {
  await term.waitFor('Security contact: name', WAIT);
  term.write('Jane Doe\r');
  await term.waitFor('Security contact: email address', WAIT);
  term.write('security@example.com\r');
  await term.waitFor('Security contact: phone number', WAIT);
  term.write('+1 555 0100\r');
  await goAhead(term, '$ aws account put-alternate-contact --alternate-contact-type SECURITY');
  await term.waitFor('Done: Jane Doe <security@example.com>', WAIT);
}

/** undefined takes the default amount the wizard offers (20). */
export async function setBudget(term: PtySession, amount?: string) {
  await term.waitFor('Get an email when spending passes a monthly budget? (optional)', WAIT);
  term.press('enter');
  await term.waitFor('Monthly budget in US dollars', WAIT);
  term.write(`${amount ?? ''}\r`);
  await term.waitFor('Email address for the alerts', WAIT);
  term.write('billing@example.com\r');
  await goAhead(term, '$ aws budgets create-budget --account-id 111122223333');
  await term.waitFor(`Done: cost budget "monthly-cost-alert" (${amount ?? '20'} USD a month, 3 alerts)`, WAIT);
}

/** A console step done with "p": the practice console does it, and the wizard sees it at once. */
export async function doInPracticeConsole(term: PtySession, waitingFor: string, did: string | RegExp) {
  await term.waitFor(`Waiting for ${waitingFor}`, WAIT);
  await term.waitFor('p: do it in the practice console for me', WAIT);
  term.write('p');
  await term.waitFor(did, WAIT);
  await term.waitFor(/✔ Done: /, WAIT);
}

/**
 * From the admin's first sign-in to the end, each console step done with "p": the sign-in, MFA in
 * the console, the security contact and the budget.
 */
export async function finishWithP(term: PtySession) {
  await doInPracticeConsole(term, 'a first console sign-in by the admin user', 'PRACTICE console: signed in as admin-jane');
  await chooseAdminMfaIn(term, 'console');
  await doInPracticeConsole(term, 'an MFA device on the admin user', 'PRACTICE console: assigned an authenticator app to admin-jane');
  await nameSecurityContact(term);
  await setBudget(term);
}
