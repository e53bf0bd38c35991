import { iamError, ROOT, type PracticeAccount } from '../account.js';
import type { Handler } from './handlers.js';
import { bool, documentedDefault, optional, optionalInteger, required, type Params } from '../protocols/params.js';
import { XmlMap } from '../protocols/query-protocol.js';
import type { PracticePasswordPolicy } from '../scenarios/scenario.js';

/** Account-wide settings and the account summary, plus access keys (root's when no user is named). */

const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  GroupsPerUserQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  VersionsPerPolicyQuota: 5,
  PolicyVersionsInUseQuota: 10000,
  PolicySizeQuota: 6144,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  AssumeRolePolicySizeQuota: 2048,
};

export function summaryMap(a: PracticeAccount): Record<string, number> {
  const s = a.state;
  const attachments = s.users.reduce((n, u) => n + u.policies.length, 0) + s.groups.reduce((n, g) => n + g.policies.length, 0);
  return {
    ...QUOTAS,
    Users: s.users.length,
    Groups: s.groups.length,
    Roles: 0,
    Policies: 0,
    InstanceProfiles: 0,
    Providers: 0,
    ServerCertificates: 0,
    PolicyVersionsInUse: attachments,
    MFADevices: s.mfaDevices.length,
    MFADevicesInUse: s.mfaDevices.filter((d) => d.assignedTo).length,
    AccountMFAEnabled: Number(a.mfaDevicesOf(ROOT).length > 0),
    // A deactivated root key still counts: only deleting it helps.
    AccountAccessKeysPresent: Number(s.root.accessKeys.length > 0),
    AccountPasswordPresent: Number(s.root.password),
    AccountSigningCertificatesPresent: Number(s.root.signingCertificates.length > 0),
    GlobalEndpointTokenVersion: 1,
  };
}

/** The access keys of the user named in `operation`'s UserName, or root's when none is. */
const owner = (a: PracticeAccount, p: Params, operation: string) => {
  const name = optional(p, `${operation}.UserName`);
  return name === undefined ? ROOT : a.user(name).name;
};

export const accountHandlers: Record<string, Handler> = {
  GetAccountSummary: (a) => ({ SummaryMap: new XmlMap(summaryMap(a)) }),

  GetAccountPasswordPolicy(a) {
    const policy = a.state.passwordPolicy;
    if (!policy) throw iamError.noSuchEntity(`The Password Policy with domain name ${a.state.accountId} cannot be found.`);
    return { PasswordPolicy: { ...policy, ExpirePasswords: Boolean(policy.MaxPasswordAge) } };
  },

  UpdateAccountPasswordPolicy(a, p) {
    const number = (name: string) => optionalInteger(p, `UpdateAccountPasswordPolicy.${name}`);
    const policy: PracticePasswordPolicy = {
      MinimumPasswordLength: number('MinimumPasswordLength') ?? (documentedDefault('UpdateAccountPasswordPolicy.MinimumPasswordLength') as number),
      RequireSymbols: bool(p.RequireSymbols),
      RequireNumbers: bool(p.RequireNumbers),
      RequireUppercaseCharacters: bool(p.RequireUppercaseCharacters),
      RequireLowercaseCharacters: bool(p.RequireLowercaseCharacters),
      AllowUsersToChangePassword: bool(p.AllowUsersToChangePassword),
      MaxPasswordAge: number('MaxPasswordAge'),
      PasswordReusePrevention: number('PasswordReusePrevention'),
      HardExpiry: p.HardExpiry === undefined ? undefined : bool(p.HardExpiry),
    };
    a.change((s) => (s.passwordPolicy = JSON.parse(JSON.stringify(policy)) as PracticePasswordPolicy));
    return undefined;
  },

  DeleteAccountPasswordPolicy(a) {
    if (!a.state.passwordPolicy) throw iamError.noSuchEntity('The account policy with name PasswordPolicy cannot be found.');
    a.change((s) => delete s.passwordPolicy);
    return undefined;
  },

  ListAccountAliases: (a) => ({ AccountAliases: [...a.state.aliases], IsTruncated: false }),

  CreateAccountAlias(a, p) {
    const alias = required(p, 'CreateAccountAlias.AccountAlias');
    // An account has one alias: a new one replaces the old.
    a.change((s) => (s.aliases = [alias]));
    return undefined;
  },

  DeleteAccountAlias(a, p) {
    const alias = required(p, 'DeleteAccountAlias.AccountAlias');
    if (!a.state.aliases.includes(alias)) throw iamError.noSuchEntity(`The account alias ${alias} cannot be found.`);
    a.change((s) => (s.aliases = []));
    return undefined;
  },

  ListAccessKeys(a, p) {
    const who = owner(a, p, 'ListAccessKeys');
    const keys = a.accessKeysOf(who).map((k) => ({
      UserName: who === ROOT ? undefined : who,
      AccessKeyId: k.id,
      Status: k.status,
      CreateDate: k.created,
    }));
    return { AccessKeyMetadata: keys, IsTruncated: false };
  },

  DeleteAccessKey(a, p) {
    a.deleteAccessKey(owner(a, p, 'DeleteAccessKey'), required(p, 'DeleteAccessKey.AccessKeyId'));
    return undefined;
  },

  UpdateAccessKey(a, p) {
    const status = required(p, 'UpdateAccessKey.Status');
    // In IAM's enum, but a key only expires by itself: nobody sets it.
    if (status !== 'Active' && status !== 'Inactive') throw iamError.invalidInput(`The status ${status} cannot be set; use Active or Inactive.`);
    a.setAccessKeyStatus(owner(a, p, 'UpdateAccessKey'), required(p, 'UpdateAccessKey.AccessKeyId'), status);
    return undefined;
  },
};
