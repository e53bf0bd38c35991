import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import { sameAccountFlags } from '../../src/invocation.js';
import { BUILT_IN_SCENARIOS } from '../../src/practice/scenarios/built-in.js';
import { SCENARIO_NAMES } from '../../src/practice/scenarios/names.js';
import { defaultPracticeAccountPath, openPracticeAccount } from '../../src/practice/scenarios/practice-account.js';
import { scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { tempDir } from './cli.js';

/** The practice account that lasts: where it is kept, how a run comes by it, and the flags that choose it. */

const usage = (argv: string[]) => {
  try {
    parseOptions(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('where the practice account is kept', () => {
  it.each([
    [{ XDG_STATE_HOME: '/var/lib/jane/state' }, '/var/lib/jane/state/aws-root-lockdown/practice-account.json'],
    [{}, '/home/jane/.local/state/aws-root-lockdown/practice-account.json'],
    [{ XDG_STATE_HOME: '' }, '/home/jane/.local/state/aws-root-lockdown/practice-account.json'],
    // The XDG spec: a relative path in these variables is invalid and ignored.
    [{ XDG_STATE_HOME: 'state' }, '/home/jane/.local/state/aws-root-lockdown/practice-account.json'],
  ])('%j: %s', (env, path) => {
    expect(defaultPracticeAccountPath(env, '/home/jane')).toBe(path);
  });
});

describe('how a run comes by its practice account', () => {
  const stateHome = () => ({ XDG_STATE_HOME: tempDir() });

  it('new the first time, kept privately in a folder made for it, resumed with every change the next time', () => {
    const env = stateHome();
    const first = openPracticeAccount({ env });
    expect(first).toMatchObject({ origin: 'new', kept: true, path: join(env.XDG_STATE_HOME, 'aws-root-lockdown', 'practice-account.json') });
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_STATE_HOME, 'aws-root-lockdown')).mode & 0o777).toBe(0o700);

    first.save!({ ...first.scenario, aliases: ['practice-jane'] });
    const second = openPracticeAccount({ env });
    expect(second).toMatchObject({ origin: 'resumed', scenario: { aliases: ['practice-jane'] } });

    expect(openPracticeAccount({ env, reset: true })).toMatchObject({ origin: 'reset', scenario: { aliases: [] } });
    expect(JSON.parse(readFileSync(first.path, 'utf8'))).toMatchObject({ aliases: [] });
  });

  it('starts over from a built-in scenario, saved where the account is kept', () => {
    const env = stateHome();
    const opened = openPracticeAccount({ env, scenario: 'member-account' });
    expect(opened).toMatchObject({ origin: 'scenario', scenarioName: 'member-account', scenario: { root: { password: false } } });
    expect(openPracticeAccount({ env })).toMatchObject({ origin: 'resumed', scenario: { accountId: '444455556666' } });
  });

  it('read-only (status) reads what is kept and writes nothing, not even the folder', () => {
    const env = stateHome();
    const nothing = openPracticeAccount({ env, readOnly: true });
    expect(nothing).toMatchObject({ origin: 'new' });
    expect(nothing.save).toBeUndefined();
    expect(existsSync(join(env.XDG_STATE_HOME, 'aws-root-lockdown'))).toBe(false);

    openPracticeAccount({ env, scenario: 'keys-deleted' });
    const before = readFileSync(nothing.path, 'utf8');
    expect(openPracticeAccount({ env, readOnly: true })).toMatchObject({ origin: 'resumed', scenario: { root: { accessKeys: [] } } });
    expect(readFileSync(nothing.path, 'utf8')).toBe(before);
  });

  it('an instructor file takes the kept account\'s place; a broken kept account says how to start over', () => {
    const file = join(tempDir(), 'lesson.json');
    expect(openPracticeAccount({ stateFile: file, env: stateHome() })).toMatchObject({ kept: false, origin: 'new', path: file });

    const env = stateHome();
    const { path } = openPracticeAccount({ env });
    writeFileSync(path, '{"accountId": "12"}');
    expect(() => openPracticeAccount({ env })).toThrow(`the practice account ${path}: accountId: must be 12 digits; start over with --practice-reset`);
    expect(() => openPracticeAccount({ stateFile: path })).toThrow(`--practice-state ${path}: accountId: must be 12 digits`);
  });

  it.each(SCENARIO_NAMES)('the built-in scenario %s is a valid scenario', (name) => {
    const scenario = BUILT_IN_SCENARIOS[name](new Date('2026-06-01T12:00:00Z'));
    expect(scenarioSchema.safeParse(scenario).success).toBe(true);
  });
});

describe('the practice flags', () => {
  it('each of them means practice mode', () => {
    expect(parseOptions(['--practice-reset'])).toMatchObject({ practice: true, 'practice-reset': true });
    expect(parseOptions(['--practice-scenario', 'keys-deleted'])).toMatchObject({ practice: true, 'practice-scenario': 'keys-deleted' });
    expect(parseOptions(['practice', 'console'])).toMatchObject({ command: 'practice-console', practice: true });
    expect(parseOptions(['status', '--practice-scenario', 'member-account'])).toMatchObject({ command: 'status', practice: true });
  });

  it.each([
    [['--practice-scenario', 'old-account'], '--practice-scenario: must be a built-in scenario (new-account, keys-deleted, old-admin-without-mfa, member-account)'],
    [['status', '--practice-reset'], '--practice-reset: status only reads'],
    [['--practice-reset', '--profile', 'admin'], '--profile: practice mode never uses AWS credentials'],
    [['practice', 'console', '--profile', 'admin'], '--profile: practice mode never uses AWS credentials'],
    [['practice'], '"practice": the practice command is "practice console"'],
    [['practice', 'consoles'], '"practice consoles": the practice command is "practice console"'],
    [['practice', 'console', 'now'], 'unexpected argument "now"'],
    [['practice', 'console', '--json'], '--json: only "status" writes JSON'],
  ])('refuses %j', (argv, message) => {
    expect(usage(argv)).toContain(message);
  });

  it('a hint never carries --practice-reset or --practice-scenario: resuming must not start over', () => {
    const hint = (argv: string[]) => sameAccountFlags(parseOptions(argv));
    expect(hint(['--practice-reset'])).toEqual(['--practice']);
    expect(hint(['--practice-scenario', 'keys-deleted'])).toEqual(['--practice']);
    expect(hint(['practice', 'console'])).toEqual(['--practice']);
    expect(hint(['--practice-scenario', 'keys-deleted', '--practice-state', 'class 1.json'])).toEqual(['--practice-state', "'class 1.json'"]);
  });
});
