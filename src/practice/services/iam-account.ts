import { iamError, ROOT, type PracticeAccount } from '../account.js';
import type { Handler } from './handlers.js';
import { bool, NAME, optional, required, type Params } from '../protocols/params.js';
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

const ALIAS = /[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]/;
const KEY_ID = /[\w]+/;

const intParam = (p: Params, name: string, min: number, max: number): number | undefined => {
  const text = optional(p, name, /\d+/);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (value < min || value > max) {
    throw iamError.validation(`1 validation error detected: Value '${value}' at '${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must be between ${min} and ${max}`);
  }
  return value;
};

const owner = (a: PracticeAccount, p: Params) => {
  const name = optional(p, 'UserName', NAME, 64);
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
    const policy: PracticePasswordPolicy = {
      MinimumPasswordLength: intParam(p, 'MinimumPasswordLength', 6, 128) ?? 6,
      RequireSymbols: bool(p.RequireSymbols),
      RequireNumbers: bool(p.RequireNumbers),
      RequireUppercaseCharacters: bool(p.RequireUppercaseCharacters),
      RequireLowercaseCharacters: bool(p.RequireLowercaseCharacters),
      AllowUsersToChangePassword: bool(p.AllowUsersToChangePassword),
      MaxPasswordAge: intParam(p, 'MaxPasswordAge', 1, 1095),
      PasswordReusePrevention: intParam(p, 'PasswordReusePrevention', 1, 24),
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
    const alias = required(p, 'AccountAlias', ALIAS, 63);
    // An account has one alias: a new one replaces the old.
    a.change((s) => (s.aliases = [alias]));
    return undefined;
  },

  DeleteAccountAlias(a, p) {
    const alias = required(p, 'AccountAlias', ALIAS, 63);
    if (!a.state.aliases.includes(alias)) throw iamError.noSuchEntity(`The account alias ${alias} cannot be found.`);
    a.change((s) => (s.aliases = []));
    return undefined;
  },

  ListAccessKeys(a, p) {
    const who = owner(a, p);
    const keys = a.accessKeysOf(who).map((k) => ({
      UserName: who === ROOT ? undefined : who,
      AccessKeyId: k.id,
      Status: k.status,
      CreateDate: k.created,
    }));
    return { AccessKeyMetadata: keys, IsTruncated: false };
  },

  DeleteAccessKey(a, p) {
    a.deleteAccessKey(owner(a, p), required(p, 'AccessKeyId', KEY_ID, 128));
    return undefined;
  },

  UpdateAccessKey(a, p) {
    const status = required(p, 'Status', /Active|Inactive/) as 'Active' | 'Inactive';
    a.setAccessKeyStatus(owner(a, p), required(p, 'AccessKeyId', KEY_ID, 128), status);
    return undefined;
  },
};
