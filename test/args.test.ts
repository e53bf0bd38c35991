import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/args.js';
import { UsageError } from '../src/errors.js';

const usage = (argv: string[]) => {
  try {
    parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return error.message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

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
      yes: true, 'admin-user': 'admin-jane', 'password-stdin': true, grant: 'direct', wait: 60,
      'poll-interval': 2, profile: 'sso-admin', region: 'eu-central-1', debug: true,
    });
    expect(parseOptions(['status', '--json'])).toMatchObject({ command: 'status', json: true });
  });

  it.each([
    [['--admin-user', 'has space'], '--admin-user: may use only letters'],
    [['--admin-user', 'x'.repeat(65)], '--admin-user: must be at most 64'],
    [['--admin-user', ''], '--admin-user: must not be empty'],
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
    [['--nope'], "Unknown option '--nope'"],
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
      'mfa-in': 'console', 'budget-amount': '20.50', 'alert-email': 'a@example.com', 'security-contact-name': 'Jane Doe',
      'security-contact-email': 's@example.com', 'security-contact-phone': '+1 (555) 0100', 'account-alias': 'jane-corp',
      skip: ['billing-alert', 'account-alias'],
    });
  });

  it('rejects bad values in one line naming the flag and the rule', () => {
    expect(usage(['--budget-amount', '0'])).toBe('--budget-amount: must be more than 0');
    expect(usage(['--budget-amount', '12.345'])).toBe('--budget-amount: must be an amount in US dollars, such as 20 or 20.50');
    expect(usage(['--alert-email', 'nobody'])).toBe('--alert-email: must be an email address');
    expect(usage(['--security-contact-phone', 'call me'])).toBe('--security-contact-phone: may use only digits, spaces and + ( ) -');
    expect(usage(['--account-alias', 'ab'])).toBe('--account-alias: must be 3 to 63 characters');
    expect(usage(['--account-alias', 'Jane'])).toBe('--account-alias: may use only lowercase letters, digits and -');
    expect(usage(['--account-alias=-jane'])).toBe('--account-alias: must start and end with a letter or digit');
    expect(usage(['--account-alias', 'jane--corp'])).toBe('--account-alias: must not hold two hyphens in a row');
    expect(usage(['--mfa-in', 'phone'])).toBe('--mfa-in: must be terminal or console');
    expect(usage(['--skip', 'root'])).toMatch(/^--skip: must be a step id \(root-mfa, /);
  });
});
