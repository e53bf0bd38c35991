import type { UserHoldings } from '../src/aws/account-reader.js';
import { NotGranted } from '../src/errors.js';
import { ADMIN_GROUP } from './manifest.js';

/**
 * What an IAM user holds, as the admin-user step shows it before reusing the user, and as it
 * checks it again just before granting AdministratorAccess: whatever the user holds becomes an
 * admin's, so nothing may be there that this run did not make or the person did not see.
 */

const day = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : 'an unknown day');

const keyLine = (k: UserHoldings['accessKeys'][number]) =>
  `${k.id} (${k.status}, made ${day(k.created)}, ${k.lastUsed ? `last used ${day(k.lastUsed)}${k.lastService && k.lastService !== 'N/A' ? ` with ${k.lastService}` : ''}` : 'never used'})`;

const policyName = (arn: string) => arn.split('/').pop() ?? arn;

/** One line per kind of holding, for the person to read before agreeing to reuse the user. */
export function describeHoldings(h: UserHoldings): string[] {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  return [
    `Console password: ${h.loginProfile ? `yes, set ${day(h.loginProfile.created)}${h.loginProfile.passwordResetRequired ? ' (to be changed at the next sign-in)' : ''}` : 'none'}.`,
    `Access keys: ${list(h.accessKeys.map(keyLine))}.`,
    `MFA devices: ${list(h.mfaDevices)}.`,
    `Groups: ${list(h.groups)}.`,
    `Policies: ${list([...h.attachedPolicies.map(policyName), ...h.inlinePolicies.map((p) => `${p} (inline)`)])}.`,
  ];
}

/**
 * What --yes does not make an admin's without --reuse-user: access keys (a long-lived admin key
 * is the very risk this program removes from root) and permissions other than the ones it grants.
 */
export function risksOf(h: UserHoldings, adminPolicyArn: string): string[] {
  const risks: string[] = [];
  if (h.accessKeys.length) risks.push(`${h.accessKeys.length === 1 ? 'an access key' : `${h.accessKeys.length} access keys`} (${h.accessKeys.map((k) => k.id).join(', ')})`);
  const others = [
    ...h.groups.filter((g) => g.toLowerCase() !== ADMIN_GROUP.toLowerCase()).map((g) => `the group ${g}`),
    ...h.attachedPolicies.filter((p) => p !== adminPolicyArn).map((p) => `the policy ${policyName(p)}`),
    ...h.inlinePolicies.map((p) => `the inline policy ${p}`),
  ];
  if (others.length) risks.push(`permissions this program did not grant (${others.join(', ')})`);
  return risks;
}

/** What this run made for the user: its id (or when it asked for it, if the answer was lost), and its console password. */
export interface MadeByThisRun {
  user?: { userId: string } | { since: Date };
  loginProfile?: { created: Date | undefined } | { since: Date };
}

/** AWS's clocks and this computer's may differ by this much. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Whether a thing found, made at `found`, is the one this run made: made exactly then, or (its answer lost) not before this run asked. */
export function madeThen(made: { created: Date | undefined } | { since: Date }, found: Date | undefined): boolean {
  if ('since' in made) return found !== undefined && found.getTime() >= made.since.getTime() - CLOCK_SKEW_MS;
  // IAM's dates have whole seconds; the answer and a later read may spell them differently.
  const second = (date: Date) => Math.floor(date.getTime() / 1000);
  return made.created === undefined || (found !== undefined && second(found) === second(made.created));
}

/** One thing the user holds that nobody expected, with the AWS CLI command that removes it. */
export interface Surprise {
  what: string;
  reset: string;
}

/**
 * What `now` holds beyond what the person saw (`seen`, undefined for a user this run created)
 * and what this run made or is about to grant. Empty when nothing is out of place.
 */
export function surprises(name: string, now: UserHoldings | undefined, seen: UserHoldings | undefined, made: MadeByThisRun, adminPolicyArn: string): Surprise[] {
  if (!now) return [{ what: 'the user is gone', reset: `aws iam get-user --user-name ${name}` }];
  const found: Surprise[] = [];
  const user = made.user;
  const sameUser = user ? ('userId' in user ? now.userId === user.userId : true) : seen ? now.userId === seen.userId : true;
  if (!sameUser) found.push({ what: `it is not the user ${seen ? 'you saw' : 'this run created'} (it was deleted and made again)`, reset: `aws iam get-user --user-name ${now.name}` });

  const profile = now.loginProfile;
  const expected = made.loginProfile ?? (seen?.loginProfile ? { created: seen.loginProfile.created } : undefined);
  const deleteProfile = `aws iam delete-login-profile --user-name ${now.name}`;
  if (profile && !expected) found.push({ what: `a console password this run did not set (made ${day(profile.created)})`, reset: deleteProfile });
  if (profile && expected && !madeThen(expected, profile.created)) {
    found.push({ what: `a console password other than the one ${made.loginProfile ? 'this run set' : 'you saw'} (made ${day(profile.created)})`, reset: deleteProfile });
  }
  const seenKeys = new Set(seen?.accessKeys.map((k) => k.id));
  for (const key of now.accessKeys.filter((k) => !seenKeys.has(k.id))) {
    found.push({ what: `the access key ${key.id}`, reset: `aws iam delete-access-key --user-name ${now.name} --access-key-id ${key.id}` });
  }
  for (const serial of now.mfaDevices.filter((d) => !seen?.mfaDevices.includes(d))) {
    found.push({ what: `the MFA device ${serial}`, reset: `aws iam deactivate-mfa-device --user-name ${now.name} --serial-number ${serial}` });
  }
  for (const group of now.groups.filter((g) => g.toLowerCase() !== ADMIN_GROUP.toLowerCase() && !seen?.groups.includes(g))) {
    found.push({ what: `the group ${group}`, reset: `aws iam remove-user-from-group --user-name ${now.name} --group-name ${group}` });
  }
  for (const arn of now.attachedPolicies.filter((p) => p !== adminPolicyArn && !seen?.attachedPolicies.includes(p))) {
    found.push({ what: `the policy ${policyName(arn)}`, reset: `aws iam detach-user-policy --user-name ${now.name} --policy-arn ${arn}` });
  }
  for (const policy of now.inlinePolicies.filter((p) => !seen?.inlinePolicies.includes(p))) {
    found.push({ what: `the inline policy ${policy}`, reset: `aws iam delete-user-policy --user-name ${now.name} --policy-name ${policy}` });
  }
  return found;
}

/** Stops before any grant, saying what appeared and how to undo it if it was not the person's doing. */
export function notGranted(name: string, found: Surprise[]): NotGranted {
  return new NotGranted(
    `Stopped before making ${name} an admin: it holds ${found.map((s) => s.what).join('; ')}, which this run did not make and ` +
      `you did not see (another person, or another run of this program, changed it meanwhile). Nothing was granted. ` +
      `If that was not you, undo it: ${found.map((s) => s.reset).join('; ')}. Then run this again, and it shows what the user holds.`,
  );
}
