import { iamError, type PracticeAccount } from './account.js';
import { bool, groupNameParam, optional, policyArnParam, required, userNameParam, NAME, type Params } from './params.js';
import type { XmlValue } from './query-protocol.js';
import type { ScenarioGroup, ScenarioUser } from './scenario.js';
import type { Handler } from './handlers.js';

/** IAM users, groups, console passwords and managed policy attachments. */

export const userXml = (a: PracticeAccount, u: ScenarioUser): Record<string, XmlValue> => ({
  Path: '/',
  UserName: u.name,
  UserId: u.id,
  Arn: a.userArn(u.name),
  CreateDate: u.created,
  PasswordLastUsed: u.passwordLastUsed,
});

const groupXml = (a: PracticeAccount, g: ScenarioGroup) => ({ Path: '/', GroupName: g.name, GroupId: g.id, Arn: a.groupArn(g.name), CreateDate: g.created });

const loginProfileXml = (u: ScenarioUser) => ({
  UserName: u.name,
  CreateDate: u.loginProfile!.created,
  PasswordResetRequired: u.loginProfile!.passwordResetRequired,
});

const attachedXml = (a: PracticeAccount, arns: string[]) => arns.map((arn) => ({ PolicyName: a.policyName(arn), PolicyArn: arn }));

/** Attaching what is attached, or adding a member twice, is no error in IAM. */
const addOnce = (list: string[], value: string) => (list.includes(value) ? undefined : list.push(value));

export const identityHandlers: Record<string, Handler> = {
  CreateUser(a, p) {
    const name = userNameParam(p);
    optional(p, 'Path', /\/|\/[\x21-\x7e]*\//, 512);
    const existing = a.findUser(name);
    if (existing) throw iamError.alreadyExists(`User with name ${existing.name} already exists.`);
    const user = a.change((s) => {
      const created: ScenarioUser = { name, id: a.newId('AIDA'), created: a.timestamp(), policies: [], accessKeys: [] };
      s.users.push(created);
      return created;
    });
    return { User: userXml(a, user) };
  },

  GetUser(a, p) {
    const name = optional(p, 'UserName', NAME, 64);
    if (name === undefined) {
      // The caller is root: GetUser without a name describes root itself.
      const { root, accountId } = a.state;
      return { User: { UserId: accountId, Arn: a.rootArn, CreateDate: root.created } };
    }
    return { User: userXml(a, a.user(name)) };
  },

  ListUsers: (a) => ({ Users: a.state.users.map((u) => userXml(a, u)), IsTruncated: false }),

  CreateGroup(a, p) {
    const name = groupNameParam(p);
    if (a.state.groups.some((g) => g.name.toLowerCase() === name.toLowerCase())) {
      throw iamError.alreadyExists(`Group with name ${name} already exists.`);
    }
    const group = a.change((s) => {
      const created: ScenarioGroup = { name, id: a.newId('AGPA'), created: a.timestamp(), policies: [], members: [] };
      s.groups.push(created);
      return created;
    });
    return { Group: groupXml(a, group) };
  },

  GetGroup(a, p) {
    const group = a.group(groupNameParam(p));
    return { Group: groupXml(a, group), Users: group.members.map((m) => userXml(a, a.user(m))), IsTruncated: false };
  },

  AddUserToGroup(a, p) {
    const group = a.group(groupNameParam(p));
    const user = a.user(userNameParam(p));
    a.change(() => addOnce(group.members, user.name));
    return undefined;
  },

  ListGroupsForUser: (a, p) => ({ Groups: a.groupsOf(a.user(userNameParam(p)).name).map((g) => groupXml(a, g)), IsTruncated: false }),

  CreateLoginProfile(a, p) {
    const user = a.user(userNameParam(p));
    const password = required(p, 'Password', undefined, 128);
    if (user.loginProfile) throw iamError.alreadyExists(`Login Profile for user ${user.name} already exists.`);
    a.setPassword(user.name, password);
    a.change(() => (user.loginProfile = { created: a.timestamp(), passwordResetRequired: bool(p.PasswordResetRequired) }));
    return { LoginProfile: loginProfileXml(user) };
  },

  GetLoginProfile(a, p) {
    const user = a.user(userNameParam(p));
    if (!user.loginProfile) throw iamError.noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    return { LoginProfile: loginProfileXml(user) };
  },

  AttachUserPolicy(a, p) {
    const user = a.user(userNameParam(p));
    const arn = a.policy(policyArnParam(p));
    a.change(() => addOnce(user.policies, arn));
    return undefined;
  },

  AttachGroupPolicy(a, p) {
    const group = a.group(groupNameParam(p));
    const arn = a.policy(policyArnParam(p));
    a.change(() => addOnce(group.policies, arn));
    return undefined;
  },

  ListAttachedUserPolicies: (a, p) => ({ AttachedPolicies: attachedXml(a, a.user(userNameParam(p)).policies), IsTruncated: false }),

  ListAttachedGroupPolicies: (a, p) => ({ AttachedPolicies: attachedXml(a, a.group(groupNameParam(p)).policies), IsTruncated: false }),

  ListEntitiesForPolicy(a, p: Params) {
    const arn = a.policy(policyArnParam(p));
    const only = entityTypes(p, 'EntityFilter');
    return {
      PolicyGroups: only.has('Group') ? a.state.groups.filter((g) => g.policies.includes(arn)).map((g) => ({ GroupName: g.name, GroupId: g.id })) : [],
      PolicyUsers: only.has('User') ? a.state.users.filter((u) => u.policies.includes(arn)).map((u) => ({ UserName: u.name, UserId: u.id })) : [],
      // The practice account has no roles.
      PolicyRoles: [],
      IsTruncated: false,
    };
  },

  /** Users with their groups and policies, groups with theirs; the practice account has no roles, inline or customer managed policies. */
  GetAccountAuthorizationDetails(a, p: Params) {
    const only = entityTypes(p, 'Filter.member');
    return {
      UserDetailList: only.has('User')
        ? a.state.users.map((u) => ({
            Path: '/',
            UserName: u.name,
            UserId: u.id,
            Arn: a.userArn(u.name),
            CreateDate: u.created,
            UserPolicyList: [],
            GroupList: a.groupsOf(u.name).map((g) => g.name),
            AttachedManagedPolicies: attachedXml(a, u.policies),
          }))
        : [],
      GroupDetailList: only.has('Group')
        ? a.state.groups.map((g) => ({ ...groupXml(a, g), GroupPolicyList: [], AttachedManagedPolicies: attachedXml(a, g.policies) }))
        : [],
      RoleDetailList: [],
      Policies: [],
      IsTruncated: false,
    };
  },
};

/** IAM's EntityType values. */
const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/**
 * The entity types a request asks for: one `EntityFilter`, or a `Filter.member.N` list; every
 * type when none is given. A value outside IAM's enumeration is refused as IAM refuses it.
 */
function entityTypes(p: Params, name: 'EntityFilter' | 'Filter.member'): Set<string> {
  const given = name === 'EntityFilter' ? [p.EntityFilter] : Object.keys(p).filter((k) => k.startsWith('Filter.member.')).map((k) => p[k]);
  const values = given.filter((v): v is string => v !== undefined);
  if (values.some((v) => !ENTITY_TYPES.includes(v))) {
    const allowed = `Member must satisfy enum value set: [${ENTITY_TYPES.join(', ')}]`;
    throw iamError.validation(
      name === 'EntityFilter'
        ? `1 validation error detected: Value '${values[0]}' at 'entityFilter' failed to satisfy constraint: ${allowed}`
        : `1 validation error detected: Value '[${values.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [${allowed}]`,
    );
  }
  return new Set(values.length ? values : ENTITY_TYPES);
}
