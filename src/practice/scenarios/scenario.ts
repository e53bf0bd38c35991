import * as z from 'zod';
import { ruleSchema } from '../../inputs.js';
import { AWS_MODELS, type ModelRule } from '../../rules/aws-models.generated.js';
import { modelRule } from '../../rules/field-rule.js';
import {
  ACCOUNT_ALIAS,
  BUDGET_AMOUNT,
  BUDGET_NAME,
  BUDGET_UNIT,
  CONTACT_EMAIL,
  CONTACT_NAME,
  CONTACT_PHONE,
  CONTACT_TITLE,
  GROUP_NAME,
  SUBSCRIBER_ADDRESS,
  USER_NAME,
} from '../../rules/fields.js';

/**
 * The simulated account as an instructor can hand it out: a JSON file, validated here. It holds
 * only what exists (a login profile, an MFA device), never a secret: passwords and MFA seeds live
 * in memory for one session and are never written anywhere. Every field AWS constrains is checked
 * by the rule the wizard uses for it (src/rules): a scenario holds only what AWS would.
 */

const isoDate = z.iso.datetime({ message: 'must be an ISO 8601 date such as 2026-01-31T12:00:00Z' });
const userName = ruleSchema(USER_NAME);
const groupName = ruleSchema(GROUP_NAME);
const policyArn = z.string().regex(/^arn:aws:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, 'must be a policy ARN');

const accessKey = z.strictObject({
  id: z.string().regex(/^AKIA[A-Z0-9]{16}$/, 'must look like AKIA followed by 16 capital letters or digits'),
  status: z.enum(['Active', 'Inactive'], { message: 'must be Active or Inactive' }),
  created: isoDate,
  /** When the key last signed a request, as the credential report shows it. */
  lastUsed: isoDate.optional(),
});

/** An X.509 signing certificate (IAM's CertificateId is [\w]+, 24 to 128 characters). */
const signingCertificate = z.strictObject({
  id: z.string().regex(/^[A-Z0-9]{24,128}$/, 'must be 24 to 128 capital letters or digits'),
  status: z.enum(['Active', 'Inactive'], { message: 'must be Active or Inactive' }),
  created: isoDate,
});

/**
 * The kinds of MFA device IAM takes (IAM User Guide, "AWS Multi-factor authentication in IAM"):
 * an authenticator app (a virtual device, the only kind with an IAM entity of its own, listed by
 * ListVirtualMFADevices), a passkey or security key (FIDO), and a hardware TOTP token.
 */
export const MFA_DEVICE_TYPES = ['virtual', 'fido', 'hardware'] as const;

/** How each kind's serial number looks: ListMFADevices' SerialNumber (serialNumberType: 9 to 256 of [\w+=/:,.@-]). */
const SERIALS: Record<(typeof MFA_DEVICE_TYPES)[number], [RegExp, string]> = {
  virtual: [/^arn:aws:iam::\d{12}:mfa\/[\w+=,.@/-]+$/, 'must be a virtual MFA device ARN (arn:aws:iam::ACCOUNT:mfa/NAME)'],
  fido: [/^arn:aws:iam::\d{12}:u2f\/(root|user\/[\w+=,.@-]+)\/[\w+=,.@-]+$/, 'must be a FIDO device ARN (arn:aws:iam::ACCOUNT:u2f/root/NAME or u2f/user/USER/NAME)'],
  hardware: [/^[\w+=/:,.@-]{9,256}$/, "must be the token's serial number: 9 to 256 of letters, digits and + = / : , . @ _ -"],
};

const base64url = z.string().regex(/^[\w-]+$/, 'must be base64url text');

const mfaDevice = z
  .strictObject({
    /** Absent in older files: an authenticator app. */
    type: z.enum(MFA_DEVICE_TYPES, { message: 'must be virtual, fido or hardware' }).default('virtual'),
    serialNumber: z.string(),
    /** 'root', an IAM user name, or absent for a virtual device not assigned to anyone. */
    assignedTo: z.string().optional(),
    enabled: isoDate.optional(),
    created: isoDate,
    /**
     * A passkey or security key's credential id and public key (SPKI, base64url) with its COSE
     * algorithm: public values, kept so that a later run can check a sign-in with it. Absent for
     * the practice console's stand-in key, used where the browser offers no WebAuthn.
     */
    credentialId: base64url.optional(),
    publicKey: base64url.optional(),
    algorithm: z.number().int().optional(),
  })
  .superRefine((d, ctx) => {
    const [pattern, message] = SERIALS[d.type];
    if (!pattern.test(d.serialNumber)) ctx.addIssue({ code: 'custom', path: ['serialNumber'], message });
    if (d.type !== 'virtual' && !d.assignedTo) ctx.addIssue({ code: 'custom', path: ['assignedTo'], message: `is required: a ${d.type} device exists only assigned` });
    if (d.type !== 'fido' && (d.credentialId || d.publicKey)) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: 'belongs to a fido device only' });
  });

const user = z.strictObject({
  name: userName,
  id: z.string().regex(/^AIDA[A-Z0-9]{16}$/, 'must look like AIDA followed by 16 capital letters or digits'),
  created: isoDate,
  /** Only that the user can sign in; the password itself is never stored. */
  loginProfile: z.strictObject({ created: isoDate, passwordResetRequired: z.boolean() }).optional(),
  passwordLastUsed: isoDate.optional(),
  policies: z.array(policyArn).default([]),
  accessKeys: z.array(accessKey).default([]),
});

const group = z.strictObject({
  name: groupName,
  id: z.string().regex(/^AGPA[A-Z0-9]{16}$/, 'must look like AGPA followed by 16 capital letters or digits'),
  created: isoDate,
  policies: z.array(policyArn).default([]),
  members: z.array(userName).default([]),
});

/** The account password policy as IAM holds it: PasswordPolicy's fields, defaults filled in. */
export interface PracticePasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

const integer = (model: ModelRule, min = model.min) => {
  let schema = z.number().int('must be a whole number');
  if (min !== undefined) schema = schema.min(min, `must be at least ${min}`);
  return model.max === undefined ? schema : schema.max(model.max, `must be at most ${model.max}`);
};

/**
 * Every field of IAM's PasswordPolicy shape, as \`aws iam get-account-password-policy\` prints it
 * (pasted whole, {"PasswordPolicy": {...}}, or its inside). ExpirePasswords is derived (true exactly
 * when MaxPasswordAge is above 0, which the model's documentation says it may be 0 when read).
 */
const passwordPolicyFields = Object.fromEntries(
  Object.entries(AWS_MODELS.services.iam.members)
    .filter(([member]) => member.startsWith('PasswordPolicy.'))
    .map(([member, model]) => {
      const field = member.slice('PasswordPolicy.'.length);
      const schema = model.type === 'boolean' ? z.boolean() : integer(model, field === 'MaxPasswordAge' ? 0 : undefined);
      return [field, schema.optional()];
    }),
);

const passwordPolicy = z.preprocess(
  (value) => (value && typeof value === 'object' && 'PasswordPolicy' in value && Object.keys(value).length === 1 ? value.PasswordPolicy : value),
  z
    .strictObject(passwordPolicyFields)
    .superRefine((p, ctx) => {
      if (p.ExpirePasswords !== undefined && p.ExpirePasswords !== Boolean(p.MaxPasswordAge)) {
        ctx.addIssue({ code: 'custom', path: ['ExpirePasswords'], message: 'must be true exactly when MaxPasswordAge is above 0, as IAM reports it' });
      }
    })
    .transform((p): PracticePasswordPolicy => {
      const flag = (name: string) => (p[name] as boolean | undefined) ?? false;
      const number = (name: string) => p[name] as number | undefined;
      return {
        MinimumPasswordLength: number('MinimumPasswordLength') ?? (modelRule('iam', 'UpdateAccountPasswordPolicyRequest.MinimumPasswordLength').model.default as number),
        RequireSymbols: flag('RequireSymbols'),
        RequireNumbers: flag('RequireNumbers'),
        RequireUppercaseCharacters: flag('RequireUppercaseCharacters'),
        RequireLowercaseCharacters: flag('RequireLowercaseCharacters'),
        AllowUsersToChangePassword: flag('AllowUsersToChangePassword'),
        ...(number('MaxPasswordAge') ? { MaxPasswordAge: number('MaxPasswordAge') } : {}),
        ...(p.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: number('PasswordReusePrevention') } : {}),
        ...(p.HardExpiry !== undefined ? { HardExpiry: p.HardExpiry as boolean } : {}),
      };
    }),
);

const contactFields = z.strictObject({
  type: z.enum(['SECURITY', 'BILLING', 'OPERATIONS'], { message: 'must be SECURITY, BILLING or OPERATIONS' }),
  name: ruleSchema(CONTACT_NAME),
  title: ruleSchema(CONTACT_TITLE),
  email: ruleSchema(CONTACT_EMAIL),
  phone: ruleSchema(CONTACT_PHONE),
});

/** AWS's names for an alternate contact's fields (GetAlternateContact), and this file's. */
const CONTACT_NAMES: Record<string, string> = { AlternateContactType: 'type', Name: 'name', Title: 'title', EmailAddress: 'email', PhoneNumber: 'phone' };

/**
 * An alternate contact (account:PutAlternateContact): one per type. Also taken as
 * \`aws account get-alternate-contact\` prints it ({"AlternateContact": {...}} or its inside).
 */
const alternateContact = z.preprocess((value) => {
  if (!value || typeof value !== 'object') return value;
  const inner = 'AlternateContact' in value && Object.keys(value).length === 1 ? (value.AlternateContact as object) : value;
  if (!inner || typeof inner !== 'object' || !('AlternateContactType' in inner)) return inner;
  return Object.fromEntries(Object.entries(inner).map(([key, v]) => [CONTACT_NAMES[key] ?? key, v]));
}, contactFields);

const budgetNotification = z.strictObject({
  type: z.enum(['ACTUAL', 'FORECASTED'], { message: 'must be ACTUAL or FORECASTED' }),
  comparison: z.enum(['GREATER_THAN', 'LESS_THAN', 'EQUAL_TO'], { message: 'must be GREATER_THAN, LESS_THAN or EQUAL_TO' }),
  threshold: z
    .number()
    .min(modelRule('budgets', 'Notification.Threshold').model.min!, `must be at least ${modelRule('budgets', 'Notification.Threshold').model.min}`)
    .max(modelRule('budgets', 'Notification.Threshold').model.max!, `must be at most ${modelRule('budgets', 'Notification.Threshold').model.max}`),
  thresholdType: z.enum(['PERCENTAGE', 'ABSOLUTE_VALUE'], { message: 'must be PERCENTAGE or ABSOLUTE_VALUE' }),
  /** Email addresses the alert goes to. */
  subscribers: z.array(ruleSchema(SUBSCRIBER_ADDRESS)).min(1, 'must name at least one address').max(11, 'may name at most 11 addresses'),
});

/** An AWS Budgets budget with its alerts (notifications, each with its email subscribers). */
const budget = z.strictObject({
  name: ruleSchema(BUDGET_NAME),
  type: z.enum(['COST', 'USAGE'], { message: 'must be COST or USAGE' }),
  timeUnit: z.enum(['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY'], { message: 'must be DAILY, MONTHLY, QUARTERLY or ANNUALLY' }),
  limit: z.strictObject({ amount: ruleSchema(BUDGET_AMOUNT), unit: ruleSchema(BUDGET_UNIT) }),
  created: isoDate,
  notifications: z.array(budgetNotification).max(5, 'a budget has at most 5 notifications').default([]),
});

export const scenarioSchema = z
  .strictObject({
    accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
    aliases: z.array(ruleSchema(ACCOUNT_ALIAS)).max(1).default([]),
    root: z.strictObject({
      /** Whether root can sign in with a password at all (Organizations can remove it). */
      password: z.boolean(),
      created: isoDate,
      /** When root last signed in to the console, as the credential report shows it. */
      passwordLastUsed: isoDate.optional(),
      accessKeys: z.array(accessKey).max(2, 'root can have at most 2 access keys'),
      /** Long-lived root credentials too: some older AWS services sign requests with them. */
      signingCertificates: z.array(signingCertificate).max(2, 'root can have at most 2 signing certificates').default([]),
    }),
    users: z.array(user).default([]),
    groups: z.array(group).default([]),
    mfaDevices: z.array(mfaDevice).default([]),
    passwordPolicy: passwordPolicy.optional(),
    alternateContacts: z.array(alternateContact).default([]),
    budgets: z.array(budget).default([]),
    /**
     * The last credential report IAM made, as GetCredentialReport hands it out: AWS keeps it for
     * four hours, so a later run (status) finds it as it would on AWS. Names and dates, no secret.
     */
    credentialReport: z.strictObject({ generated: isoDate, csv: z.string().max(1_000_000, 'must be at most 1,000,000 characters') }).optional(),
  })
  .superRefine((s, ctx) => {
    const lower = s.users.map((u) => u.name.toLowerCase());
    lower.forEach((n, i) => {
      if (lower.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['users', i, 'name'], message: 'is a duplicate (IAM user names ignore case)' });
    });
    s.groups.forEach((g, gi) =>
      g.members.forEach((m, mi) => {
        if (!lower.includes(m.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['groups', gi, 'members', mi], message: `names no user in "users"` });
      }),
    );
    s.mfaDevices.forEach((d, i) => {
      if (d.assignedTo && d.assignedTo !== 'root' && !lower.includes(d.assignedTo.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['mfaDevices', i, 'assignedTo'], message: 'must be "root" or a user in "users"' });
      }
      if (d.assignedTo && !d.enabled) ctx.addIssue({ code: 'custom', path: ['mfaDevices', i, 'enabled'], message: 'is required for an assigned device' });
    });
    s.alternateContacts.forEach((c, i) => {
      if (s.alternateContacts.findIndex((o) => o.type === c.type) !== i) {
        ctx.addIssue({ code: 'custom', path: ['alternateContacts', i, 'type'], message: 'is a duplicate (an account has one contact of each type)' });
      }
    });
    s.budgets.forEach((b, i) => {
      if (s.budgets.findIndex((o) => o.name === b.name) !== i) ctx.addIssue({ code: 'custom', path: ['budgets', i, 'name'], message: 'is a duplicate' });
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioUser = Scenario['users'][number];
export type ScenarioGroup = Scenario['groups'][number];
export type AccessKey = z.infer<typeof accessKey>;
export type SigningCertificate = z.infer<typeof signingCertificate>;
export type MfaDevice = Scenario['mfaDevices'][number];
export type AlternateContact = z.infer<typeof alternateContact>;
export type ScenarioBudget = Scenario['budgets'][number];
export type BudgetNotification = ScenarioBudget['notifications'][number];

/** The account a newcomer starts with: root with a password, no MFA, one active access key, nobody else. */
export function newAccountScenario(now = new Date()): Scenario {
  const created = new Date(now.getTime() - 86_400_000).toISOString();
  return {
    accountId: '111122223333',
    aliases: [],
    root: { password: true, created, accessKeys: [{ id: 'AKIAPRACTICEROOTKEY1', status: 'Active', created }], signingCertificates: [] },
    users: [],
    groups: [],
    mfaDevices: [],
    alternateContacts: [],
    budgets: [],
  };
}

/** "users.0.name: must be at most 64 characters": the field and the rule, for one line of output. */
export function describeScenarioIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is not a valid scenario';
  const where = issue.path.length ? issue.path.join('.') : 'the file';
  return `${where}: ${issue.message}`;
}
