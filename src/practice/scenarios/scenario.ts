import * as z from 'zod';

/**
 * The simulated account as an instructor can hand it out: a JSON file, validated here. It holds
 * only what exists (a login profile, an MFA device), never a secret: passwords and MFA seeds live
 * in memory for one session and are never written anywhere.
 */

const isoDate = z.iso.datetime({ message: 'must be an ISO 8601 date such as 2026-01-31T12:00:00Z' });
const name = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w+=,.@-]+$/, 'may use only letters, digits and + = , . @ _ -');
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

const mfaDevice = z.strictObject({
  serialNumber: z.string().regex(/^arn:aws:iam::\d{12}:mfa\/[\w+=,.@/-]+$/, 'must be an MFA device ARN'),
  /** 'root', an IAM user name, or absent for a virtual device not assigned to anyone. */
  assignedTo: z.string().optional(),
  enabled: isoDate.optional(),
  created: isoDate,
});

const user = z.strictObject({
  name: name.max(64, 'must be at most 64 characters'),
  id: z.string().regex(/^AIDA[A-Z0-9]{16}$/, 'must look like AIDA followed by 16 capital letters or digits'),
  created: isoDate,
  /** Only that the user can sign in; the password itself is never stored. */
  loginProfile: z.strictObject({ created: isoDate, passwordResetRequired: z.boolean() }).optional(),
  passwordLastUsed: isoDate.optional(),
  policies: z.array(policyArn).default([]),
  accessKeys: z.array(accessKey).default([]),
});

const group = z.strictObject({
  name,
  id: z.string().regex(/^AGPA[A-Z0-9]{16}$/, 'must look like AGPA followed by 16 capital letters or digits'),
  created: isoDate,
  policies: z.array(policyArn).default([]),
  members: z.array(name).default([]),
});

const passwordPolicy = z.strictObject({
  MinimumPasswordLength: z.number().int().min(6).max(128),
  RequireSymbols: z.boolean(),
  RequireNumbers: z.boolean(),
  RequireUppercaseCharacters: z.boolean(),
  RequireLowercaseCharacters: z.boolean(),
  AllowUsersToChangePassword: z.boolean(),
  MaxPasswordAge: z.number().int().min(0).max(1095).optional(),
  PasswordReusePrevention: z.number().int().min(1).max(24).optional(),
  HardExpiry: z.boolean().optional(),
});

const email = z.string().regex(/^[\w+=.#|!&-]+@[\w.-]+\.\w+$/, 'must be an email address');

/** An alternate contact (account:PutAlternateContact): one per type. */
const alternateContact = z.strictObject({
  type: z.enum(['SECURITY', 'BILLING', 'OPERATIONS'], { message: 'must be SECURITY, BILLING or OPERATIONS' }),
  name: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  title: z.string().min(1, 'must not be empty').max(50, 'must be at most 50 characters'),
  email,
  phone: z.string().regex(/^[\s0-9()+-]{1,25}$/, 'must be 1 to 25 of digits, spaces and + - ( )'),
});

const budgetNotification = z.strictObject({
  type: z.enum(['ACTUAL', 'FORECASTED'], { message: 'must be ACTUAL or FORECASTED' }),
  comparison: z.enum(['GREATER_THAN', 'LESS_THAN', 'EQUAL_TO'], { message: 'must be GREATER_THAN, LESS_THAN or EQUAL_TO' }),
  threshold: z.number().min(0, 'must be 0 or more').max(1_000_000_000, 'must be at most 1000000000'),
  thresholdType: z.enum(['PERCENTAGE', 'ABSOLUTE_VALUE'], { message: 'must be PERCENTAGE or ABSOLUTE_VALUE' }),
  /** Email addresses the alert goes to. */
  subscribers: z.array(email).min(1, 'must name at least one address').max(11, 'may name at most 11 addresses'),
});

/** An AWS Budgets budget with its alerts (notifications, each with its email subscribers). */
const budget = z.strictObject({
  name: z.string().regex(/^[^:\\]{1,100}$/, 'must be 1 to 100 characters without : or \\'),
  type: z.enum(['COST', 'USAGE'], { message: 'must be COST or USAGE' }),
  timeUnit: z.enum(['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY'], { message: 'must be DAILY, MONTHLY, QUARTERLY or ANNUALLY' }),
  limit: z.strictObject({ amount: z.string().regex(/^\d{1,15}(\.\d{1,2})?$/, 'must be an amount such as 20 or 20.50'), unit: z.string().min(1) }),
  created: isoDate,
  notifications: z.array(budgetNotification).max(5, 'a budget has at most 5 notifications').default([]),
});

export const scenarioSchema = z
  .strictObject({
    accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
    aliases: z.array(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, 'must be 3 to 63 of a-z, 0-9 and -')).max(1).default([]),
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
export type PracticePasswordPolicy = z.infer<typeof passwordPolicy>;
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
