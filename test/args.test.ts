import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/args.js';
import { adminUser } from '../steps/admin-user.js';
import { usage } from './support/usage-error.js';


describe('parseOptions', () => {
  it('defaults to the wizard with a 15-minute wait and a 5-second poll', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ command: 'wizard', yes: false, 'dry-run': false, wait: 900, 'poll-interval': 5 });
  });

  it('reads every flag', () => {
    const o = parseOptions([
      '--yes', '--admin-user', 'admin-jane', '--password-stdin', '--grant', 'direct', '--wait', '60',
      '--poll-interval', '2', '--profile', 'sso-admin', '--region', 'eu-central-1', '--debug',
    ]);
    expect(o).toMatchObject({
      yes: true, wait: 60, 'poll-interval': 2, profile: 'sso-admin', region: 'eu-central-1', debug: true,
      inputs: { 'admin-user': { adminUser: 'admin-jane', grant: 'direct' } },
      fromStdin: { step: 'admin-user', key: 'password', flag: 'password-stdin' },
    });
    expect(parseOptions(['status', '--json'])).toMatchObject({ command: 'status', json: true });
  });

  it.each([
    [['--admin-user', 'has space'], '--admin-user: has a space; IAM user names are 1 to 64 of letters, digits and + , - . = @ _'],
    [['--admin-user', 'x'.repeat(65)], '--admin-user: is 65 characters long, more than 64; IAM user names'],
    [['--admin-user', ''], '--admin-user: is empty; IAM user names'],
    [['--region', 'Mars'], '--region: must look like us-east-1'],
    [['--profile', 'a b'], '--profile: may use only'],
    [['--wait', '-1'], 'wait'],
    [['--wait', '100000'], '--wait: must be at most 86400'],
    [['--poll-interval', '0'], '--poll-interval: must be at least 1'],
    [['--grant', 'root'], '--grant: must be group or direct'],
    [['--json'], '--json: only "status" writes JSON'],
    [['status', '--password-stdin'], '--password-stdin: only the wizard'],
    [['launch'], '"launch": unknown command'],
    [['status', 'extra'], 'unexpected argument "extra"'],
    [['--nope'], 'unknown option --nope'],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(usage(argv)).toContain(message);
  });
});

describe('flags of the later steps', () => {
  it('reads them, --skip repeatable', () => {
    const o = parseOptions([
      '--mfa-in', 'console', '--budget-amount', '20.50', '--alert-email', 'a@example.com',
      '--security-contact-name', 'Jane Doe', '--security-contact-email', 's@example.com', '--security-contact-phone', '+1 (555) 0100',
      '--account-alias', 'jane-corp', '--skip', 'billing-alert', '--skip', 'account-alias',
    ]);
    expect(o).toMatchObject({
      inputs: {
        'admin-mfa': { mfaIn: 'console' },
        'billing-alert': { budgetAmount: '20.50', alertEmail: 'a@example.com' },
        'security-contact': { name: 'Jane Doe', email: 's@example.com', phone: '+1 (555) 0100' },
        'account-alias': { accountAlias: 'jane-corp' },
      },
      skip: ['billing-alert', 'account-alias'],
    });
  });

  it('rejects bad values in one line naming the flag, the problem and the rule', () => {
    const amounts = 'write US dollars as 20, 20.50, $20 or 1,000';
    expect(usage(['--budget-amount', '0'])).toBe(`--budget-amount: must be more than 0 (the alerts are percentages of it); ${amounts}`);
    expect(usage(['--budget-amount', '12.345'])).toBe(
      `--budget-amount: "12.345" has 3 digits after the point: could be a thousands separator, and cents have two; ${amounts}`,
    );
    expect(usage(['--budget-amount', '1,5'])).toBe(`--budget-amount: "1,5" could have a decimal comma or a thousands comma; ${amounts}`);
    expect(usage(['--alert-email', 'nobody'])).toBe('--alert-email: is not an email address; the billing alerts go to an email address such as name@example.com');
    expect(usage(['--security-contact-email', "dana.o'brien@example.com"])).toMatch(/^--security-contact-email: has "'"; the Account API takes addresses of letters, digits and _ \+ = \. # \| ! & - before the @/);
    expect(usage(['--security-contact-phone', 'call me'])).toBe('--security-contact-phone: has "c", "a", "l" and "m" and more; phone numbers are 1 to 25 of digits, spaces and ( ) + -');
    const alias = 'IAM account aliases are 3 to 63 of lowercase letters, digits and -, starting and ending with a letter or digit, with no two hyphens in a row';
    expect(usage(['--account-alias', 'ab'])).toBe(`--account-alias: is 2 characters long, fewer than 3; ${alias}`);
    expect(usage(['--account-alias', 'Jane'])).toBe(`--account-alias: has "J"; ${alias}`);
    expect(usage(['--account-alias=-jane'])).toBe(`--account-alias: starts or ends with -; ${alias}`);
    expect(usage(['--account-alias', 'jane--corp'])).toBe(`--account-alias: has two hyphens in a row; ${alias}`);
    expect(usage(['--mfa-in', 'phone'])).toBe('--mfa-in: must be terminal or console');
    expect(usage(['--skip', 'root'])).toMatch(/^--skip: must be a step id \(root-mfa, /);
  });

  it('takes what AWS takes: amounts as people type them, & in an email, any characters in a name', () => {
    const o = parseOptions(['--budget-amount', '$1,000.50', '--security-contact-email', 'sec&ops@example.com', '--alert-email', "dana.o'brien@example.com", '--security-contact-name', '  Sec Ops  ']);
    expect(o.inputs).toMatchObject({
      'billing-alert': { budgetAmount: '1000.50', alertEmail: "dana.o'brien@example.com" },
      'security-contact': { email: 'sec&ops@example.com', name: '  Sec Ops  ' },
    });
    expect(parseOptions(['--budget-amount', '$20']).inputs['billing-alert']?.budgetAmount).toBe('20');
    expect(parseOptions(['--budget-amount', '20.00']).inputs['billing-alert']?.budgetAmount).toBe('20.00');
  });
});

// --reuse-user names an existing user of either way: IAM's rule or Identity Center's will do when
// the flags are read; once the way is known, its own rule, and with --identity-center-user the same user.
describe('--reuse-user', () => {
  it('takes an IAM user name or an Identity Center one, and refuses what is neither', () => {
    expect(parseOptions(['--reuse-user', 'admin-jane'])).toMatchObject({ inputs: { 'admin-user': { reuseUser: 'admin-jane' } } });
    expect(parseOptions(['--reuse-user', 'jané'])).toMatchObject({ inputs: { 'admin-user': { reuseUser: 'jané' } } });
    expect(usage(['--reuse-user', 'has space'])).toContain('--reuse-user: is not a user name: has a space; IAM user names');
  });

  it.each([
    [{ adminVia: 'iam-user', reuseUser: 'jané' }, '--reuse-user: has U+00E9; IAM user names'],
    [{ adminUser: 'admin-jane', reuseUser: 'x'.repeat(65) }, '--reuse-user: is 65 characters long, more than 64'],
    [{ adminVia: 'identity-center', reuseUser: 'Administrator' }, '--reuse-user: is a name Identity Center keeps for itself'],
    [
      { adminVia: 'identity-center', identityCenterUser: 'jane', reuseUser: 'joe' },
      '--reuse-user joe is not --identity-center-user jane: it names the existing user that may become the admin; give both the same name',
    ],
  ] as const)('refuses %j before any call, naming the flag', (inputs, message) => {
    expect(adminUser.checkInputs!(inputs, () => true)).toContain(message);
  });

  it.each([
    { adminVia: 'identity-center', identityCenterUser: 'jane', reuseUser: 'JANE' },
    { adminVia: 'identity-center', reuseUser: 'jané' },
    { adminVia: 'iam-user', reuseUser: 'Administrator' },
    { reuseUser: 'jané' },
  ] as const)('accepts %j: the way decides later', (inputs) => {
    expect(adminUser.checkInputs!(inputs, () => true)).toBeUndefined();
  });
});
