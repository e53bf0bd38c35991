import * as z from 'zod';
import type { Identity } from '../src/aws/identity.js';
import type { Flags, InputsOf, StepRow } from '../src/engine/row.js';
import type { RowFields, Step, StepImplementation } from '../src/engine/types.js';
import {
  accountAliasSchema,
  alertEmailSchema,
  budgetAmountSchema,
  contactEmailSchema,
  contactNameSchema,
  displayNameSchema,
  familyNameSchema,
  givenNameSchema,
  identityCenterUserSchema,
  phoneSchema,
  regionSchema,
  reuseUserSchema,
  sessionHoursSchema,
  userNameSchema,
  workEmailSchema,
} from '../src/inputs.js';

/**
 * Every step, one row each, in the order the wizard walks them: its id, title, whether it is
 * required, its flags (rule, help, question), the IAM permissions it needs, and where its code is.
 * The step ids, --skip, --help, argument parsing, each step's typed inputs, the shipped policies
 * and the README's step table are derived from here (tests hold the derived files to it).
 *
 * The order: root first, as the seed says; then the admin user, the first step that may need an
 * answer, so a run without a terminal that lacks a flag stops before any write (the password
 * policy after it still binds the admin: the first password must be changed at first sign-in,
 * under the policy then in force); the alias before the first sign-in, so the address to bookmark
 * is the memorable one; then the account-wide settings.
 *
 * This file loads no AWS code: `load()` imports a step's implementation only when a command runs.
 */

const row = <const Id extends string, const F extends Flags>(r: StepRow<Id, F>) => r;

/**
 * What an IAM user holds (AccountReader.userHoldings), read by admin-user before an existing user
 * is reused and again just before the grant: nothing is made an admin unseen (issue 12).
 */
export const USER_HOLDINGS_READS = [
  'iam:ListAccessKeys',
  'iam:GetAccessKeyLastUsed',
  'iam:ListMFADevices',
  'iam:ListGroupsForUser',
  'iam:ListAttachedUserPolicies',
  'iam:ListUserPolicies',
];

/** The group the admin-user step grants AdministratorAccess through, unless --grant direct. */
export const ADMIN_GROUP = 'Administrators';

/**
 * admin-user's choice of way, and the flags of its Identity Center way (steps/admin-identity-center*.ts):
 * the user as identitystore:CreateUser takes it, the session of its permission set, and the region
 * where Identity Center is enabled.
 */
const ADMIN_WAY_FLAGS = {
  adminVia: {
    name: 'admin-via',
    rule: z.enum(['iam-user', 'identity-center'], { message: 'must be iam-user or identity-center' }),
    arg: 'iam-user|identity-center',
    help: 'the daily admin: an IAM user (default) or a user in IAM Identity Center',
    question: {
      message: 'Which kind of admin for daily work?',
      choices: [
        { value: 'iam-user', name: 'An IAM user in this account (simplest: a personal or learning account)' },
        { value: 'identity-center', name: "A user in IAM Identity Center (AWS's recommended way; makes an organization)" },
      ],
      default: 'iam-user',
    },
  },
  identityCenterUser: {
    name: 'identity-center-user',
    rule: identityCenterUserSchema,
    arg: 'NAME',
    help: "the admin's user name in IAM Identity Center",
    question: { message: 'User name in Identity Center (what the admin signs in with)' },
    underYes: 'needed',
  },
  givenName: {
    name: 'given-name',
    rule: givenNameSchema,
    arg: 'NAME',
    help: "the Identity Center admin's first name",
    question: { message: "The admin's first name" },
    underYes: 'needed',
  },
  familyName: {
    name: 'family-name',
    rule: familyNameSchema,
    arg: 'NAME',
    help: "the Identity Center admin's last name",
    question: { message: "The admin's last name" },
    underYes: 'needed',
  },
  displayName: {
    name: 'display-name',
    rule: displayNameSchema,
    arg: 'NAME',
    help: 'the name Identity Center shows for the admin (default: first and last name)',
  },
  workEmail: {
    name: 'admin-email',
    rule: workEmailSchema,
    arg: 'EMAIL',
    help: "the Identity Center admin's work email (password set-up and sign-in codes go there)",
    question: { message: "The admin's work email (the password set-up email and sign-in codes go there)" },
    underYes: 'needed',
  },
  sessionDuration: {
    name: 'session-duration',
    rule: sessionHoursSchema,
    arg: 'HOURS',
    help: "how long the Identity Center admin's AWS session lasts, 1 to 12 hours (default 1, as AWS)",
    question: {
      message: 'How long should a signed-in session of the admin last?',
      choices: [
        { value: 'PT1H', name: "1 hour (AWS's default, the safest)" },
        { value: 'PT4H', name: '4 hours' },
        { value: 'PT8H', name: '8 hours (a working day)' },
        { value: 'PT12H', name: '12 hours (the most AWS allows)' },
      ],
      default: 'PT1H',
    },
  },
  identityCenterRegion: {
    name: 'identity-center-region',
    rule: regionSchema,
    arg: 'REGION',
    help: 'the region IAM Identity Center is, or will be, enabled in (asked at a terminal)',
  },
} as const;

/**
 * What the Identity Center way calls: the organization (iam:CreateServiceLinkedRole is AWS's
 * documented minimum for CreateOrganization: Organizations makes its role with the caller's
 * rights), Identity Center's instance, the user, the permission set and the assignment.
 */
const IDENTITY_CENTER_WIZARD = [
  'organizations:DescribeOrganization',
  'organizations:CreateOrganization',
  'iam:CreateServiceLinkedRole',
  'sso:ListInstances',
  'identitystore:GetUserId',
  'identitystore:DescribeUser',
  'identitystore:CreateUser',
  'sso:ListPermissionSets',
  'sso:DescribePermissionSet',
  'sso:CreatePermissionSet',
  'sso:ListManagedPoliciesInPermissionSet',
  'sso:ListAccountsForProvisionedPermissionSet',
  'sso:AttachManagedPolicyToPermissionSet',
  'sso:ListAccountAssignments',
  'sso:CreateAccountAssignment',
  'sso:DescribeAccountAssignmentCreationStatus',
] as const;

export const MANIFEST = [
  row({
    id: 'root-mfa',
    title: 'Turn on MFA for the root user',
    required: true,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GetAccountSummary'] },
    load: (): Promise<Step> => import('./root-mfa.js').then((m) => m.rootMfa),
  }),
  row({
    id: 'root-mfa-backup',
    title: 'Keep a second MFA device for root',
    required: false,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'] },
    load: (): Promise<Step> => import('./root-mfa-backup.js').then((m) => m.rootMfaBackup),
  }),
  row({
    id: 'root-hardware-mfa',
    title: 'Prefer a security key for root',
    required: false,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'] },
    load: (): Promise<Step> => import('./root-hardware-mfa.js').then((m) => m.rootHardwareMfa),
  }),
  row({
    id: 'root-access-keys',
    title: 'Delete every root access key',
    required: true,
    inStatus: true,
    endsRootKeySession: true,
    flags: {},
    permissions: { status: ['iam:GetAccountSummary'] },
    load: (): Promise<Step> => import('./root-access-keys.js').then((m) => m.rootAccessKeys),
  }),
  row({
    id: 'root-signing-certificates',
    title: 'Delete every root signing certificate',
    required: true,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GetAccountSummary'] },
    load: (): Promise<Step> => import('./root-signing-certificates.js').then((m) => m.rootSigningCertificates),
  }),
  row({
    id: 'root-recent-use',
    title: 'Keep root unused',
    required: false,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'] },
    load: (): Promise<Step> => import('./root-recent-use.js').then((m) => m.rootRecentUse),
  }),
  row({
    id: 'admin-user',
    title: 'Create an admin identity for daily work',
    required: true,
    inStatus: true,
    flags: {
      ...ADMIN_WAY_FLAGS,
      adminUser: {
        name: 'admin-user',
        rule: userNameSchema,
        arg: 'NAME',
        help: 'the admin IAM user to create or reuse',
        question: { message: 'Name for the admin user', default: 'admin' },
        underYes: 'needed',
      },
      reuseUser: {
        name: 'reuse-user',
        rule: reuseUserSchema,
        arg: 'NAME',
        help:
          'with --yes: reuse this existing user as the admin: an IAM user that holds access keys or other permissions (they become an admin\'s), ' +
          'or an Identity Center user (its password and MFA cannot be read)',
      },
      password: {
        name: 'password-stdin',
        stdin: true,
        help: "read the admin's first console password from standard input",
        underYes: 'needed',
      },
      grant: {
        name: 'grant',
        rule: z.enum(['group', 'direct'], { message: 'must be group or direct' }),
        arg: 'group|direct',
        help: `give AdministratorAccess through the ${ADMIN_GROUP} group (default) or directly`,
        question: {
          message: 'How should AdministratorAccess be given?',
          choices: [
            { value: 'group', name: `Through the group ${ADMIN_GROUP} (recommended)` },
            { value: 'direct', name: 'Attached straight to the user' },
          ],
          default: 'group',
        },
      },
    },
    permissions: {
      status: ['iam:GetAccountAuthorizationDetails', 'iam:ListEntitiesForPolicy', 'iam:GetLoginProfile'],
      wizard: [
        ...IDENTITY_CENTER_WIZARD,
        'iam:GetGroup',
        'iam:ListUsers',
        'iam:GetUser',
        ...USER_HOLDINGS_READS,
        'iam:GetAccountPasswordPolicy',
        'iam:ListAttachedGroupPolicies',
        'iam:CreateUser',
        'iam:CreateLoginProfile',
        'iam:CreateGroup',
        'iam:AttachGroupPolicy',
        'iam:AttachUserPolicy',
        'iam:AddUserToGroup',
      ],
    },
    load: (): Promise<Step> => import('./admin-user.js').then((m) => m.adminUser),
  }),
  row({
    id: 'password-policy',
    title: 'Require long, fresh passwords for IAM users',
    required: true,
    inStatus: true,
    flags: {},
    permissions: { status: ['iam:GetAccountPasswordPolicy'], wizard: ['iam:UpdateAccountPasswordPolicy'] },
    load: (): Promise<Step> => import('./password-policy.js').then((m) => m.passwordPolicy),
  }),
  row({
    id: 'account-alias',
    title: 'Give the account a memorable sign-in address',
    required: false,
    inStatus: true,
    flags: {
      accountAlias: {
        name: 'account-alias',
        rule: accountAliasSchema,
        arg: 'ALIAS',
        help: 'alias for the sign-in address (3-63 of a-z, 0-9, -)',
        question: { message: 'Alias for the sign-in address (3-63 of a-z, 0-9, -; unique across AWS)' },
      },
    },
    permissions: { status: ['iam:ListAccountAliases'], wizard: ['iam:CreateAccountAlias'] },
    load: (): Promise<Step> => import('./account-alias.js').then((m) => m.accountAlias),
  }),
  row({
    id: 'admin-sign-in',
    title: 'Sign in once as the admin user',
    required: false,
    inStatus: false,
    needs: ['admin-user'],
    flags: {},
    permissions: {
      wizard: ['iam:GetUser', 'iam:GetAccountAuthorizationDetails', 'iam:ListEntitiesForPolicy', 'iam:GetLoginProfile', 'iam:ListAccountAliases'],
    },
    load: (): Promise<Step> => import('./admin-sign-in.js').then((m) => m.adminSignIn),
  }),
  row({
    id: 'admin-mfa',
    title: 'Turn on MFA for the admin user',
    required: true,
    inStatus: true,
    needs: ['admin-user'],
    flags: {
      mfaIn: {
        name: 'mfa-in',
        rule: z.enum(['terminal', 'console'], { message: 'must be terminal or console' }),
        arg: 'terminal|console',
        help: "set up the admin's MFA here (authenticator app) or in the console (passkey, key)",
        question: {
          message: 'How do you want to add MFA for the admin user?',
          choices: [
            { value: 'terminal', name: 'In this terminal (authenticator app: scan a QR code)' },
            { value: 'console', name: 'In the AWS console (passkey or security key; or an app)' },
          ],
          default: 'terminal',
        },
        underYes: (way) => (way === 'terminal' ? 'enrolling an authenticator app needs a terminal (run without --yes)' : undefined),
      },
    },
    permissions: {
      status: ['iam:GetAccountAuthorizationDetails', 'iam:ListEntitiesForPolicy', 'iam:GetLoginProfile', 'iam:ListMFADevices'],
      wizard: ['iam:GetUser', 'iam:ListVirtualMFADevices', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:DeleteVirtualMFADevice'],
    },
    load: (): Promise<Step> => import('./admin-mfa.js').then((m) => m.adminMfa),
  }),
  row({
    id: 'security-contact',
    title: 'Name a security contact for the account',
    required: true,
    inStatus: true,
    flags: {
      name: {
        name: 'security-contact-name',
        rule: contactNameSchema,
        arg: 'NAME',
        help: "the security contact's name (a person or a team)",
        question: { message: 'Security contact: name (a person or a team)' },
      },
      email: {
        name: 'security-contact-email',
        rule: contactEmailSchema,
        arg: 'EMAIL',
        help: "the security contact's email address",
        question: { message: 'Security contact: email address (one that is read)' },
      },
      phone: {
        name: 'security-contact-phone',
        rule: phoneSchema,
        arg: 'PHONE',
        help: "the security contact's phone number, with country code",
        question: { message: 'Security contact: phone number, with country code (e.g. +1 555 0100)' },
      },
    },
    permissions: { status: ['account:GetAlternateContact'], wizard: ['account:PutAlternateContact'] },
    load: (): Promise<Step> => import('./security-contact.js').then((m) => m.securityContact),
  }),
  row({
    id: 'billing-alert',
    title: 'Get an email when spending passes a monthly budget',
    required: false,
    inStatus: true,
    flags: {
      budgetAmount: {
        name: 'budget-amount',
        rule: budgetAmountSchema,
        arg: 'USD',
        help: 'monthly budget for the billing alert (20, $20 or 1,000)',
        question: { message: 'Monthly budget in US dollars (e.g. 20, $20 or 1,000)', default: '20' },
      },
      alertEmail: {
        name: 'alert-email',
        rule: alertEmailSchema,
        arg: 'EMAIL',
        help: 'where the billing alerts go',
        question: { message: 'Email address for the alerts' },
      },
    },
    // Budgets names its permissions by resource, not by operation: ViewBudget covers
    // DescribeBudgets and DescribeNotificationsForBudget, ModifyBudget CreateBudget and CreateNotification.
    permissions: { status: ['budgets:ViewBudget'], wizard: ['budgets:ModifyBudget'] },
    load: (): Promise<Step> => import('./billing-alert.js').then((m) => m.billingAlert),
  }),
] as const;

type Row = (typeof MANIFEST)[number];
export type StepId = Row['id'];

/** The step ids, in the wizard's order: part of the interface (status JSON, --skip, docs). */
export const STEP_IDS = MANIFEST.map((r) => r.id) as [StepId, ...StepId[]];

/** A step's inputs, typed from its row's flags. */
export type InputsFor<Id extends StepId> = InputsOf<Extract<Row, { id: Id }>['flags']>;

/** The row of a step id. */
export const rowOf = (id: StepId): Row => MANIFEST.find((r) => r.id === id)!;

/**
 * A step: its row's fields (id, title, required, ...) with the implementation its own file
 * writes, typed by its row's flags. Every step file exports one.
 */
export function defineStep<Id extends StepId, S extends StepImplementation<InputsFor<Id>>>(id: Id, implementation: S): S & Pick<Step, RowFields> {
  const { load: _load, permissions: _permissions, ...fields } = rowOf(id);
  return { ...fields, ...implementation } as S & Pick<Step, RowFields>;
}

/** Every step's implementation, in the manifest's order (loading the AWS code they use). */
export const loadSteps = (): Promise<Step[]> => Promise.all(MANIFEST.map((r) => r.load()));

/**
 * The order a run takes: the manifest's, by protection (root MFA first). Signed with a root access
 * key, deleting that key ends the session, so that one step (and only it) goes last, when an admin
 * exists to continue with.
 */
export function inRunOrder(steps: Step[], identity: Pick<Identity, 'usesRootAccessKey'>): Step[] {
  if (!identity.usesRootAccessKey) return steps;
  return [...steps.filter((s) => !s.endsRootKeySession), ...steps.filter((s) => s.endsRootKeySession)];
}
