import { AMOUNT_FORMS, parseBudgetAmount } from './budget-amount.js';
import { fieldRule, type ExtraRule } from './field-rule.js';

/**
 * Every field this program sends that a person types, and the fixed values it sends, each with
 * its rule: AWS's API model first (src/rules/aws-models.generated.ts), then what AWS documents
 * elsewhere, then this program's own few rules, each named with its source.
 */

/** IAM CreateUser: userNameType. Unique ignoring case, which only the account can tell (steps/admin-user.ts asks it). */
export const USER_NAME = fieldRule({ service: 'iam', member: 'CreateUserRequest.UserName', what: 'IAM user names' });

/** IAM CreateAccountAlias: accountAliasType, whose pattern holds the start, end and double-hyphen rules. */
export const ACCOUNT_ALIAS = fieldRule({
  service: 'iam',
  member: 'CreateAccountAliasRequest.AccountAlias',
  rule: 'IAM account aliases are 3 to 63 of lowercase letters, digits and -, starting and ending with a letter or digit, with no two hyphens in a row',
  diagnose: (v) => (/^-|-$/.test(v) ? 'starts or ends with -' : v.includes('--') ? 'has two hyphens in a row' : undefined),
});

/** Account PutAlternateContact Name: 1 to 64 characters, no pattern (so control characters too: print it made safe). */
export const CONTACT_NAME = fieldRule({ service: 'account', member: 'PutAlternateContactRequest.Name', what: 'contact names' });

/** Account PutAlternateContact Title: the step sends a fixed one. */
export const CONTACT_TITLE = fieldRule({ service: 'account', member: 'PutAlternateContactRequest.Title', what: 'contact titles' });

function emailDiagnosis(value: string): string | undefined {
  const at = value.split('@').length - 1;
  if (at === 0) return 'has no @';
  if (at > 1) return 'has more than one @';
  const [local, domain] = value.trim().split('@') as [string, string];
  if (!local) return 'has nothing before the @';
  if (!/\.\w+$/.test(domain)) return 'needs a domain with a dot after the @, as in example.com';
  return /[^\w.-]/.test(domain) ? `has ${domain.match(/[^\w.-]/)![0]} after the @` : undefined;
}

/** Account PutAlternateContact EmailAddress: no apostrophe, but & and | are fine. */
export const CONTACT_EMAIL = fieldRule({
  service: 'account',
  member: 'PutAlternateContactRequest.EmailAddress',
  rule: 'the Account API takes addresses of letters, digits and _ + = . # | ! & - before the @ and letters, digits, _ . - after it, ending in a dot and a name',
  diagnose: emailDiagnosis,
});

/** Account PutAlternateContact PhoneNumber. */
export const CONTACT_PHONE = fieldRule({ service: 'account', member: 'PutAlternateContactRequest.PhoneNumber', what: 'phone numbers' });

/**
 * Every text a person types for this program: no character a terminal would obey rather than
 * show. ECMA-48 (the standard terminals follow) makes ESC start a command (move the cursor, clear
 * the screen, set the window title, with OSC 52 write the clipboard), BEL end one, and CR and LF
 * move the cursor; Unicode's bidi controls (UAX #9) reorder what follows them. AWS's models allow
 * them in a contact's name and, through \s, line breaks in its phone number and email; the
 * account keeps them and every later reader's terminal would obey them. Only flags and questions
 * apply this rule: the practice account takes what AWS takes.
 */
export const TERMINAL_CONTROLS: ExtraRule = {
  source: 'aws-root-lockdown (ECMA-48 control functions; Unicode UAX #9 bidi controls)',
  problem: (v) => {
    const found = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.exec(v)?.[0];
    if (found === undefined) return undefined;
    const name = { '\x1b': 'ESC', '\x07': 'BEL', '\n': 'a line break', '\r': 'a line break', '\t': 'a tab' }[found];
    const code = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return `has ${name ? `${name} (${code})` : code}, which a terminal would obey rather than show`;
  },
};

/** The Budgets API reference for Subscriber: "the value of Address can't contain line breaks". */
export const NO_LINE_BREAKS: ExtraRule = {
  source: 'AWS Budgets API reference, Subscriber.Address',
  problem: (v) => (/[\n\r\u0085\u2028\u2029]/.test(v) ? 'has a line break' : undefined),
};

/**
 * Budgets' model takes any text as a subscriber's address; an EMAIL subscriber is mailed at it,
 * so this program asks for the shape of one (text@domain.tld, no spaces) and nothing narrower.
 */
const EMAIL_SHAPE: ExtraRule = {
  source: 'aws-root-lockdown (Budgets documents no rule for email addresses)',
  problem: (v) =>
    /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@.\p{Cc}]+$/u.test(v) ? undefined : /\s/.test(v) ? 'has a space' : /\p{Cc}/u.test(v) ? 'has a control character' : 'is not an email address',
};

/** AWS Budgets Subscriber Address: the model's rule and the documented one, as AWS checks it. */
export const SUBSCRIBER_ADDRESS = fieldRule({
  service: 'budgets',
  member: 'Subscriber.Address',
  rule: 'AWS Budgets takes a subscriber address of any characters but line breaks',
  extra: [NO_LINE_BREAKS],
});

/** Where the billing alerts go: a subscriber address (above) that has the shape of an email address. */
export const ALERT_EMAIL = fieldRule({
  service: 'budgets',
  member: 'Subscriber.Address',
  rule: 'the billing alerts go to an email address such as name@example.com',
  extra: [NO_LINE_BREAKS, EMAIL_SHAPE],
});

/** AWS Budgets NumericValue ("20", "20.50"): the amount as sent, and as a scenario file holds it. */
export const BUDGET_AMOUNT = fieldRule({
  service: 'budgets',
  member: 'Spend.Amount',
  rule: 'AWS Budgets takes amounts of digits with an optional decimal point, such as 20 or 20.50',
});

/** An amount as typed ("$1,000") to Budgets' form ("1000"), or the one-line reason it is refused. */
export function readBudgetAmount(typed: string): { amount: string } | { message: string } {
  const read = parseBudgetAmount(typed);
  if ('problem' in read) return { message: `${read.problem}; ${AMOUNT_FORMS}` };
  const message = BUDGET_AMOUNT.check(read.amount);
  return message ? { message } : read;
}

/** IAM EnableMFADevice AuthenticationCode1 and 2: authenticationCodeType. */
export const MFA_CODE = fieldRule({ service: 'iam', member: 'EnableMFADeviceRequest.AuthenticationCode1', rule: 'an MFA code is the 6 digits the app shows' });

/** IAM CreateVirtualMFADevice VirtualMFADeviceName: virtualMFADeviceName (the console's "Device name"). */
export const MFA_DEVICE_NAME = fieldRule({ service: 'iam', member: 'CreateVirtualMFADeviceRequest.VirtualMFADeviceName', what: 'MFA device names' });

/** IAM EnableMFADevice SerialNumber: serialNumberType (a hardware TOTP token's serial number). */
export const MFA_SERIAL_NUMBER = fieldRule({ service: 'iam', member: 'EnableMFADeviceRequest.SerialNumber', what: 'MFA serial numbers' });

/** AWS Budgets UnitValue ("USD"). */
export const BUDGET_UNIT = fieldRule({ service: 'budgets', member: 'Spend.Unit', what: 'budget units' });

/** IAM groupNameType. */
export const GROUP_NAME = fieldRule({ service: 'iam', member: 'CreateGroupRequest.GroupName', what: 'IAM group names' });

/** AWS Budgets BudgetName: no : or backslash, no "/action/", no <script> element. */
export const BUDGET_NAME = fieldRule({
  service: 'budgets',
  member: 'Budget.BudgetName',
  rule: 'budget names are 1 to 100 characters without : or \\ or "/action/" or a <script> element',
  diagnose: (v) => (v.includes('/action/') ? 'has "/action/"' : /<script>.*<\/script>/is.test(v) ? 'has a <script> element' : undefined),
});

/** identitystore CreateUser UserName: its model's documentation reserves two names (compared here ignoring case, to be safe). */
const RESERVED_USER_NAMES: ExtraRule = {
  source: 'identitystore CreateUser UserName documentation: "Administrator and AWSAdministrators are reserved names"',
  problem: (v) => (['administrator', 'awsadministrators'].includes(v.toLowerCase()) ? 'is a name Identity Center keeps for itself' : undefined),
};

/** The admin's user in IAM Identity Center (identitystore CreateUser UserName): no spaces. */
export const IC_USER_NAME = fieldRule({
  service: 'identitystore',
  member: 'CreateUserRequest.UserName',
  rule: 'Identity Center user names are 1 to 128 letters, digits, marks, symbols and punctuation, without spaces, and not Administrator or AWSAdministrators',
  extra: [RESERVED_USER_NAMES],
});

const NAME_RULE = (what: string) => `${what} are 1 to 1024 letters, digits, marks, symbols, punctuation and spaces`;

/** identitystore CreateUser DisplayName ("Jane Doe"): required by Identity Center. */
export const IC_DISPLAY_NAME = fieldRule({ service: 'identitystore', member: 'CreateUserRequest.DisplayName', rule: NAME_RULE('Identity Center display names') });

/** identitystore Name.GivenName. */
export const IC_GIVEN_NAME = fieldRule({ service: 'identitystore', member: 'Name.GivenName', rule: NAME_RULE('first names') });

/** identitystore Name.FamilyName. */
export const IC_FAMILY_NAME = fieldRule({ service: 'identitystore', member: 'Name.FamilyName', rule: NAME_RULE('last names') });

/**
 * identitystore Email.Value: the model takes any printable text; Identity Center mails the
 * password set-up and one-time codes there, so this program asks for the shape of an address.
 */
export const IC_EMAIL = fieldRule({
  service: 'identitystore',
  member: 'Email.Value',
  rule: 'the work email is an address such as jane@example.com',
  extra: [EMAIL_SHAPE],
});

/** A permission set's session: the model's ISO-8601 Duration, and the range the IAM Identity Center User Guide gives. */
export const SESSION_HOURS = { min: 1, max: 12 } as const;
export const SESSION_DURATION = fieldRule({
  service: 'sso-admin',
  member: 'CreatePermissionSetRequest.SessionDuration',
  rule: `a session lasts ${SESSION_HOURS.min} to ${SESSION_HOURS.max} hours`,
  extra: [
    {
      source: 'IAM Identity Center User Guide, "Set session duration": 1 to 12 hours',
      problem: (v) => {
        const hours = /^PT(\d+)H$/.exec(v)?.[1];
        return hours && (Number(hours) < SESSION_HOURS.min || Number(hours) > SESSION_HOURS.max) ? `is ${Number(hours)} hours` : undefined;
      },
    },
  ],
});

/** The fixed values this program sends, for the test that checks each against its model. */
/** Organizations' AccountId (`^\d{12}$`): a member account `org` is told to choose, open or delegate to. */
export const ORG_ACCOUNT_ID = fieldRule({
  service: 'organizations',
  member: 'RegisterDelegatedAdministratorRequest.AccountId',
  rule: 'AWS account ids are 12 digits',
  diagnose: (v) => `is ${v.length} digit${v.length === 1 ? '' : 's'}`,
});

/** Organizations' ParentId: the root (`r-…`) or an organizational unit (`ou-…-…`), for `org --ou`. */
export const ORG_PARENT_ID = fieldRule({
  service: 'organizations',
  member: 'ListAccountsForParentRequest.ParentId',
  rule: 'an organizational unit id looks like ou-ab12-cd34ef56, the root id like r-ab12',
  diagnose: (v) => (/^(ou|r)-/.test(v) ? 'is not a whole id' : 'starts with neither ou- nor r-'),
});

export const FIXED_VALUE_RULES = {
  groupName: GROUP_NAME,
  budgetName: BUDGET_NAME,
  contactTitle: CONTACT_TITLE,
  budgetUnit: BUDGET_UNIT,
  deviceName: MFA_DEVICE_NAME,
  permissionSetName: fieldRule({ service: 'sso-admin', member: 'CreatePermissionSetRequest.Name', what: 'permission set names' }),
  permissionSetDescription: fieldRule({ service: 'sso-admin', member: 'CreatePermissionSetRequest.Description', what: 'permission set descriptions' }),
  emailType: fieldRule({ service: 'identitystore', member: 'Email.Type', what: 'email types' }),
};
