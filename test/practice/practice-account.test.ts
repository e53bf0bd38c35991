import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAMClient } from '@aws-sdk/client-iam';
import { parseOptions } from '../../src/args.js';
import { newestCredentialReport, waitForCredentialReport } from '../../src/aws/credential-report.js';
import { usage } from '../support/usage-error.js';
import { sameAccountFlags } from '../../src/invocation.js';
import { BUILT_IN_SCENARIOS } from '../../src/practice/scenarios/built-in.js';
import { SCENARIO_NAMES } from '../../src/practice/scenarios/names.js';
import { defaultPracticeAccountPath, openPracticeAccount } from '../../src/practice/scenarios/practice-account.js';
import { scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { startPractice, type PracticeSession } from '../../src/practice/session.js';
import { FakeClock } from '../support/fake-clock.js';
import { tempDir } from './cli.js';

/** The practice account that lasts: where it is kept, how a run comes by it, and the flags that choose it. */

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
  /** IAM of a practice session, as the program's clients reach it. */
  const iamOf = (s: PracticeSession) =>
    new IAMClient({ endpoint: s.clientOptions.endpoint, region: s.clientOptions.region, credentials: s.clientOptions.credentials, maxAttempts: 1 });
  /** A practice session opened and closed again: what a run leaves on disk. */
  const run = async (options: Parameters<typeof startPractice>[0], during: (s: PracticeSession) => void = () => {}) => {
    const session = await startPractice(options);
    try {
      during(session);
      return session.where;
    } finally {
      await session.close();
    }
  };

  it('new the first time, kept privately in a folder made for it, resumed with every change the next time', async () => {
    const env = stateHome();
    const first = await run({ env }, (s) => s.server.account.change((a) => a.aliases.push('practice-jane')));
    expect(first).toMatchObject({ origin: 'new', kept: true, saved: true, path: join(env.XDG_STATE_HOME, 'aws-root-lockdown', 'practice-account.json') });
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_STATE_HOME, 'aws-root-lockdown')).mode & 0o777).toBe(0o700);
    expect(await run({ env })).toMatchObject({ origin: 'resumed' });
    expect(JSON.parse(readFileSync(first.path, 'utf8'))).toMatchObject({ aliases: ['practice-jane'] });

    expect(await run({ env, reset: true })).toMatchObject({ origin: 'reset' });
    expect(JSON.parse(readFileSync(first.path, 'utf8'))).toMatchObject({ aliases: [] });
  });

  it('starts over from a built-in scenario, saved where the account is kept', async () => {
    const env = stateHome();
    expect(await run({ env, scenario: 'member-account' })).toMatchObject({ origin: 'scenario', scenarioName: 'member-account' });
    expect(openPracticeAccount({ env })).toMatchObject({ origin: 'resumed', scenario: { accountId: '444455556666', root: { password: false } } });
  });

  it('read-only (status) reads what is kept and writes nothing, not even the folder', async () => {
    const env = stateHome();
    const nothing = await run({ env, readOnly: true });
    expect(nothing).toMatchObject({ origin: 'new', saved: false });
    expect(existsSync(join(env.XDG_STATE_HOME, 'aws-root-lockdown'))).toBe(false);

    await run({ env, scenario: 'keys-deleted' });
    const before = readFileSync(nothing.path, 'utf8');
    expect(openPracticeAccount({ env, readOnly: true })).toMatchObject({ origin: 'resumed', scenario: { root: { accessKeys: [] } } });
    expect(await run({ env, readOnly: true })).toMatchObject({ origin: 'resumed', saved: false });
    expect(readFileSync(nothing.path, 'utf8')).toBe(before);
  });

  it('keeps the credential report the wizard had IAM make, so status finds it later as it would on AWS (for four hours)', async () => {
    const env = stateHome();
    const wizard = await startPractice({ env });
    const made = await waitForCredentialReport(iamOf(wizard), { clock: new FakeClock() }, new AbortController().signal).finally(() => wizard.close());
    const status = await startPractice({ env, readOnly: true });
    const found = await newestCredentialReport(iamOf(status), Date.now(), new AbortController().signal).finally(() => status.close());
    expect(made.report?.rows.map((row) => row.user)).toEqual(['<root_account>']);
    expect(found).toEqual({ report: made.report, renewing: false });
  });

  it('keeps the credential report a read-only status had IAM make, and nothing else it did, so "run this again" comes true', async () => {
    const env = stateHome();
    const status = async () => {
      const s = await startPractice({ env, readOnly: true });
      try {
        s.server.account.change((a) => a.aliases.push('not-kept'));
        return await newestCredentialReport(iamOf(s), Date.now(), new AbortController().signal);
      } finally {
        await s.close();
      }
    };
    expect(await status()).toEqual({ report: undefined, renewing: true }); // nothing kept yet: nothing written
    expect(existsSync(join(env.XDG_STATE_HOME, 'aws-root-lockdown'))).toBe(false);
    await run({ env });
    expect(await status()).toEqual({ report: undefined, renewing: true });
    const second = await status();
    expect(second).toMatchObject({ renewing: false, report: { rows: [{ user: '<root_account>' }] } });
    expect(openPracticeAccount({ env, readOnly: true }).scenario.aliases).toEqual([]);

    // While a wizard holds the account, status leaves the file to it.
    const wizard = await startPractice({ env, reset: true });
    try {
      expect(await status()).toEqual({ report: undefined, renewing: true });
      expect(openPracticeAccount({ env, readOnly: true }).scenario.credentialReport).toBeUndefined();
    } finally {
      await wizard.close();
    }
  });

  it("is one run's at a time: a second run is refused, naming the first's practice console, and may go once the first is over", async () => {
    const env = stateHome();
    const first = await startPractice({ env });
    try {
      const before = readFileSync(first.where.path, 'utf8');
      await expect(startPractice({ env, reset: true })).rejects.toThrow(
        `the practice account ${first.where.path} is open in another run (process ${process.pid}), whose practice console is ${first.server.consoleUrl}: use that one`,
      );
      // Refused before anything was written: the first run's account is as it was.
      expect(readFileSync(first.where.path, 'utf8')).toBe(before);
      // status only reads: it may look at any time.
      expect(await run({ env, readOnly: true })).toMatchObject({ origin: 'resumed' });
    } finally {
      await first.close();
    }
    expect(existsSync(`${first.where.path}.lock`)).toBe(false);
    expect(await run({ env })).toMatchObject({ origin: 'resumed' });
  });

  it("in memory only (the org command's practice organization): nothing is read, saved or locked", async () => {
    const env = stateHome();
    await run({ env, scenario: 'keys-deleted' });
    expect(await run({ env, inMemory: true }, (s) => expect(s.server.account.state.root.accessKeys).toHaveLength(1))).toMatchObject({ origin: 'new', saved: false });
    expect(openPracticeAccount({ env })).toMatchObject({ origin: 'resumed', scenario: { root: { accessKeys: [] } } });
  });

  it('takes over the lock of a run that was killed', async () => {
    const env = stateHome();
    const { path } = await run({ env });
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, console: 'http://localhost:1' }));
    expect(await run({ env })).toMatchObject({ origin: 'resumed' });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("an instructor file takes the kept account's place; a broken kept account says how to start over", async () => {
    const file = join(tempDir(), 'lesson.json');
    expect(await run({ stateFile: file, env: stateHome() })).toMatchObject({ kept: false, origin: 'new', path: file });

    const env = stateHome();
    const { path } = await run({ env });
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
    // status only showed the scenario, and kept nothing: the way on starts from it.
    expect(hint(['status', '--practice-scenario', 'keys-deleted'])).toEqual(['--practice-scenario', 'keys-deleted']);
  });
});
