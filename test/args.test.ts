import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/args.js';
import { UsageError } from '../src/errors.js';

const usage = (argv: string[]) => {
  try {
    parseOptions(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
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
