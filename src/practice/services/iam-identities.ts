import { iamError, type PracticeAccount } from '../account.js';
import { bool, groupNameParam, optional, policyArnParam, required, userNameParam, type Params } from '../protocols/params.js';
import type { XmlValue } from '../protocols/query-protocol.js';
import type { ScenarioGroup, ScenarioUser } from '../scenarios/scenario.js';
import type { Handler } from './handlers.js';
import { modelRule, modelViolation } from '../../rules/field-rule.js';

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
    const name = userNameParam(p, 'CreateUser');
    optional(p, 'CreateUser.Path');
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
    const name = optional(p, 'GetUser.UserName');
    if (name === undefined) {
      // The caller is root: GetUser without a name describes root itself.
      const { root, accountId } = a.state;
      return { User: { UserId: accountId, Arn: a.rootArn, CreateDate: root.created } };
    }
    return { User: userXml(a, a.user(name)) };
  },

  ListUsers: (a) => ({ Users: a.state.users.map((u) => userXml(a, u)), IsTruncated: false }),

  CreateGroup(a, p) {
    const name = groupNameParam(p, 'CreateGroup');
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
    const group = a.group(groupNameParam(p, 'GetGroup'));
    return { Group: groupXml(a, group), Users: group.members.map((m) => userXml(a, a.user(m))), IsTruncated: false };
  },

  AddUserToGroup(a, p) {
    const group = a.group(groupNameParam(p, 'AddUserToGroup'));
    const user = a.user(userNameParam(p, 'AddUserToGroup'));
    a.change(() => addOnce(group.members, user.name));
    return undefined;
  },

  ListGroupsForUser: (a, p) => ({ Groups: a.groupsOf(a.user(userNameParam(p, 'ListGroupsForUser')).name).map((g) => groupXml(a, g)), IsTruncated: false }),

  CreateLoginProfile(a, p) {
    const user = a.user(userNameParam(p, 'CreateLoginProfile'));
    const password = required(p, 'CreateLoginProfile.Password');
    if (user.loginProfile) throw iamError.alreadyExists(`Login Profile for user ${user.name} already exists.`);
    a.setPassword(user.name, password);
    a.change(() => (user.loginProfile = { created: a.timestamp(), passwordResetRequired: bool(p.PasswordResetRequired) }));
    return { LoginProfile: loginProfileXml(user) };
  },

  GetLoginProfile(a, p) {
    const user = a.user(userNameParam(p, 'GetLoginProfile'));
    if (!user.loginProfile) throw iamError.noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    return { LoginProfile: loginProfileXml(user) };
  },

  AttachUserPolicy(a, p) {
    const user = a.user(userNameParam(p, 'AttachUserPolicy'));
    const arn = a.policy(policyArnParam(p, 'AttachUserPolicy'));
    a.change(() => addOnce(user.policies, arn));
    return undefined;
  },

  AttachGroupPolicy(a, p) {
    const group = a.group(groupNameParam(p, 'AttachGroupPolicy'));
    const arn = a.policy(policyArnParam(p, 'AttachGroupPolicy'));
    a.change(() => addOnce(group.policies, arn));
    return undefined;
  },

  ListAttachedUserPolicies: (a, p) => ({ AttachedPolicies: attachedXml(a, a.user(userNameParam(p, 'ListAttachedUserPolicies')).policies), IsTruncated: false }),

  ListAttachedGroupPolicies: (a, p) => ({ AttachedPolicies: attachedXml(a, a.group(groupNameParam(p, 'ListAttachedGroupPolicies')).policies), IsTruncated: false }),

  ListEntitiesForPolicy(a, p: Params) {
    const arn = a.policy(policyArnParam(p, 'ListEntitiesForPolicy'));
    const only = entityTypes(p, 'EntityFilter');
    return {
      PolicyGroups: only.has('Group') ? a.state.groups.filter((g) => g.policies.includes(arn)).map((g) => ({ GroupName: g.name, GroupId: g.id })) : [],
      PolicyUsers: only.has('User') ? a.state.users.filter((u) => u.policies.includes(arn)).map((u) => ({ UserName: u.name, UserId: u.id })) : [],
      // The only roles of the practice account: those Identity Center made for its assignments.
      PolicyRoles: only.has('Role') ? a.identityCenter.roles.filter((r) => r.policies.includes(arn)).map((r) => ({ RoleName: r.name, RoleId: r.id })) : [],
      IsTruncated: false,
    };
  },

  /**
   * Users with their groups and policies, groups with theirs. The practice account has no inline or
   * customer managed policies; its only roles, Identity Center's, are listed by ListEntitiesForPolicy
   * alone (the program asks this call for users and groups only).
   */
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

/** IAM's EntityType: the shape of ListEntitiesForPolicy's EntityFilter, and of each item of GetAccountAuthorizationDetails' Filter. */
const ENTITY_TYPE = modelRule('iam', 'ListEntitiesForPolicyRequest.EntityFilter').model;

/**
 * The entity types a request asks for: one `EntityFilter`, or a `Filter.member.N` list; every
 * type when none is given. A value outside IAM's EntityType is refused as IAM refuses it.
 */
function entityTypes(p: Params, name: 'EntityFilter' | 'Filter.member'): Set<string> {
  if (name === 'EntityFilter') {
    const one = optional(p, 'ListEntitiesForPolicy.EntityFilter');
    return new Set(one ? [one] : ENTITY_TYPE.enum ?? []);
  }
  const listed = Object.keys(p).filter((k) => k.startsWith('Filter.member.')).map((k) => p[k]!);
  const wrong = listed.map((v) => modelViolation(ENTITY_TYPE, v)).find(Boolean);
  if (wrong) {
    throw iamError.validation(`1 validation error detected: Value '[${listed.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [${wrong}]`);
  }
  return new Set(listed.length ? listed : ENTITY_TYPE.enum ?? []);
}
