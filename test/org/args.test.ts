// The org command's own flags, and where its calls go. No AWS: bad input is refused before any call.
import { describe, expect, it } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import { parseOptions } from '../../src/args.js';
import { DEFAULT_CONCURRENCY, orgHelpText, parseOrgOptions } from '../../src/org/args.js';
import { orgArgv } from '../../src/org/argv.js';
import { orgClients } from '../../src/org/clients.js';
import { openRootSession, ROOT_SESSION_SECONDS } from '../../src/org/root-session.js';
import { modelRule, numberViolation } from '../../src/rules/field-rule.js';

describe('org arguments', () => {
  it('the word org is found after global flags, and taken out', () => {
    expect(orgArgv(['org', 'status', '--json'])).toEqual(['status', '--json']);
    expect(orgArgv(['--profile', 'org', 'org', 'status'])).toEqual(['--profile', 'org', 'status']);
    expect(orgArgv(['status'])).toBeUndefined();
    expect(orgArgv(['--admin-user', 'org'])).toBeUndefined();
  });

  it('defaults: the wizard, every account, a bounded concurrency', () => {
    const o = parseOrgOptions([]);
    expect(o).toMatchObject({ command: 'wizard', yes: false, json: false, csv: false, concurrency: DEFAULT_CONCURRENCY });
    expect(o.accounts).toBeUndefined();
    expect(parseOrgOptions(['status', '--accounts', '111111111111,222222222222', '--accounts', '333333333333']).accounts).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
  });

  it.each([
    [['--yes'], '--yes: removes root credentials without asking only from accounts you name: add --accounts ID,… or --ou ID'],
    [['status', '--accounts', '12345'], '--accounts: is 5 digits; AWS account ids are 12 digits'],
    [['status', '--accounts', '1234567890ab'], '--accounts: has "a" and "b"; AWS account ids are 12 digits'],
    [['status', '--ou', 'prod'], '--ou: starts with neither ou- nor r-; an organizational unit id looks like ou-ab12-cd34ef56, the root id like r-ab12'],
    [['status', '--json', '--csv'], '--csv: choose one of --json and --csv'],
    [['--json'], '--json: only "org status" writes JSON or CSV'],
    [['status', '--accounts', '111111111111', '--ou', 'r-ab12'], '--ou: choose one of --accounts and --ou'],
    [['break-glass'], '--account: "org break-glass" needs the one account to open: --account ID'],
    [['break-glass', '--account', '111111111111', '--accounts', '222222222222'], '--accounts: "org break-glass" opens one account at a time: use --account ID'],
    [['status', '--concurrency', '0'], '--concurrency: must be at least 1'],
    [['status', '--concurrency', '51'], '--concurrency: must be at most 50'],
    [['status', '--yes'], '--yes: "org status" asks nothing: it has no --yes'],
    [['status', '--delegated-admin', '111111111111'], '--delegated-admin: only the org wizard registers a delegated administrator'],
    [['remove'], '"org remove": unknown org command (the org commands are: status, break-glass, or none for the wizard)'],
    [['--practice', '--profile', 'p'], '--profile: practice mode never uses AWS credentials'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseOrgOptions(argv)).toThrow(message);
  });

  it('--yes is accepted with accounts named, an OU, or a dry run', () => {
    expect(parseOrgOptions(['--yes', '--accounts', '111111111111']).yes).toBe(true);
    expect(parseOrgOptions(['--yes', '--ou', 'ou-ab12-cd34ef56']).ou).toBe('ou-ab12-cd34ef56');
    expect(parseOrgOptions(['--yes', '--dry-run'])['dry-run']).toBe(true);
  });
});

describe('the root session length', () => {
  it("is within what AWS's model allows for AssumeRoot's DurationSeconds", () => {
    const { model } = modelRule('sts', 'AssumeRootRequest.DurationSeconds');
    expect(numberViolation(model, ROOT_SESSION_SECONDS)).toBeUndefined();
  });
});

describe('where AssumeRoot goes', () => {
  it('a regional STS endpoint, never the global one (which refuses AssumeRoot)', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const aws = await createClients({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } });
      const clients = orgClients(aws);
      let host = '';
      clients.sts.middlewareStack.add(
        () => async (args) => {
          host = (args.request as { hostname: string }).hostname;
          throw new Error('not sent');
        },
        { step: 'finalizeRequest', name: 'captureHost' },
      );
      await expect(openRootSession(clients, 'aws', '111122223333', 'IAMAuditRootUserCredentials', new AbortController().signal)).rejects.toThrow('not sent');
      expect(host).toMatch(/^sts\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com$/);
      for (const client of Object.values(aws)) client.destroy();
    } finally {
      if (saved !== undefined) process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe('org --help and mistyped commands', () => {
  it.each([
    ['aws-root-lockdown', 80],
    ['npm start --', 80],
    ['npx ./aws-root-lockdown-0.1.0.tgz', 80],
    ['npm start --', 60],
  ])('started as %s, %i columns: no line wider, every text continues under its own start', (program, width) => {
    const rows = orgHelpText(width, program).trimEnd().split('\n');
    expect(rows.filter((row) => row.length > width)).toEqual([]);
    expect(rows.filter((row) => row.startsWith(`  ${program} org`))).toHaveLength(3);
    // Every continuation row starts where its text does: a usage line's at 6, an option's at 28.
    const continued = rows.filter((row) => /^ {3,}\S/.test(row)).map((row) => row.search(/\S/));
    expect(new Set(continued)).toEqual(new Set([6, 28]));
  });

  it('a mistyped org command or flag names the nearest; the top-level list names org', () => {
    expect(() => parseOrgOptions(['stauts'])).toThrow('"org stauts": unknown org command (did you mean status?)');
    expect(() => parseOrgOptions(['status', '--jsn'])).toThrow('unknown option --jsn (did you mean --json?)');
    expect(() => parseOptions(['launch'])).toThrow('"launch": unknown command (the commands are: status, practice console, org, or none for the wizard)');
  });
});

