// Nothing this run did not make, or the person did not see, is made an admin (issue 12, findings
// 1, 2 and 8): a console password or a key that appears while the step runs stops it before any
// grant; an existing user is shown with what it holds before it is reused, and --yes reuses one
// holding keys or other permissions only when --reuse-user names it; a write whose answer was lost
// is reported as done by this run; and two concurrent --yes runs never leave an admin whose
// password a run that says "done" did not set.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetGroupCommand,
  IAMClient,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { NotGranted, UsageError } from '../../src/errors.js';
import { adminUser } from '../../steps/admin-user.js';
import { ScriptedUI } from '../support/scripted-ui.js';
import { runSteps, useTestAccount, writeCalls } from '../support/test-account.js';

const account = useTestAccount();
const USER = 'admin-jane';
const PASSWORD = 'Str0ng-Passw0rd-2026!';

/** Someone else with access to the account: straight to moto, unseen by the proxy's counts. */
const someoneElse = () => new IAMClient({ endpoint: account.moto.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' } });

const removers: (() => void)[] = [];
afterEach(() => removers.splice(0).forEach((remove) => remove()));

/** Runs `act` once, just before (or after) this run's next `command` call: a change made in that gap. */
function around(when: 'before' | 'after', command: string, act: () => Promise<unknown>) {
  const client = account.aws.iam;
  const name = `${when}-${command}-${removers.length}`;
  let armed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const now = armed && context.commandName === command;
      if (now) armed = false;
      if (now && when === 'before') await act();
      const result = await next(args);
      if (now && when === 'after') await act();
      return result;
    },
    { step: 'initialize', name },
  );
  removers.push(() => client.middlewareStack.remove(name));
}
const justBefore = (command: string, act: () => Promise<unknown>) => around('before', command, act);
const justAfter = (command: string, act: () => Promise<unknown>) => around('after', command, act);

const members = async () => ((await account.aws.iam.send(new GetGroupCommand({ GroupName: 'Administrators' })).catch(() => ({ Users: [] }))).Users ?? []).map((u) => u.UserName);

/** A --yes run: no terminal, the password from standard input. */
const yesRun = (options: { reuseUser?: string; aws?: AwsClients; ui?: ScriptedUI } = {}) =>
  runSteps(account, [adminUser], { 'apply-admin-user': true, 'reuse-user': true }, {
    interactive: false,
    adminUser: USER,
    inputs: { 'admin-user': { password: PASSWORD, ...(options.reuseUser && { reuseUser: options.reuseUser }) } },
    aws: options.aws,
    ui: options.ui,
  });

/** Enough rounds that the two runs meet in different orders (the test checks they did meet). */
const ROUNDS = 12;

const newAdminAnswers = { 'admin-via': 'iam-user', 'admin-user': USER, grant: 'group', 'password-source': 'generate', 'apply-admin-user': true, 'password-saved': true };

describe('finding 1: a console password or key that appears while the step runs stops it before any grant', () => {
  it('a console password set by someone else right after CreateUser: no grant, and how to reset it', async () => {
    justAfter('CreateUserCommand', () => someoneElse().send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Their-Passw0rd-1!' })));
    const ui = new ScriptedUI(newAdminAnswers);
    const failure = await runSteps(account, [adminUser], {}, { ui }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotGranted);
    expect((failure as Error).message).toMatch(/^Stopped before making admin-jane an admin: it holds a console password this run did not set/);
    expect((failure as Error).message).toContain('aws iam delete-login-profile --user-name admin-jane');
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateUser']);
    expect(await members()).toEqual([]);
    // No password was shown for nothing: it was never made.
    expect(ui.of('secret')).toEqual([]);
  });

  it('one set between the person saving the password and CreateLoginProfile (EntityAlreadyExists): no grant', async () => {
    justBefore('CreateLoginProfileCommand', () => someoneElse().send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Their-Passw0rd-1!' })));
    const failure = await runSteps(account, [adminUser], newAdminAnswers).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotGranted);
    expect((failure as Error).message).toContain('a console password this run did not set');
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateUser', 'iam:CreateLoginProfile']);
    expect(await members()).toEqual([]);
  });

  it('an access key made for the user after its password, before the grant: no grant, and the command that deletes it', async () => {
    let key = '';
    justAfter('CreateLoginProfileCommand', async () => {
      key = (await someoneElse().send(new CreateAccessKeyCommand({ UserName: USER }))).AccessKey!.AccessKeyId!;
    });
    const failure = await runSteps(account, [adminUser], newAdminAnswers).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotGranted);
    expect((failure as Error).message).toContain(`the access key ${key}`);
    expect((failure as Error).message).toContain(`aws iam delete-access-key --user-name admin-jane --access-key-id ${key}`);
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateUser', 'iam:CreateLoginProfile']);
    expect(await members()).toEqual([]);
  });

  it('a user of that name made between the plan and CreateUser is not this run\'s: no password, no grant', async () => {
    justBefore('CreateUserCommand', () => someoneElse().send(new CreateUserCommand({ UserName: USER })));
    const failure = await yesRun().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotGranted);
    expect(writeCalls(account.proxy)).toEqual(['iam:CreateUser']);
  });

  it(`two concurrent --yes runs, ${ROUNDS} times: a run says "done" after setting a password only when the password in place is its own`, async () => {
    const stops = new Set<string>();
    // At least ROUNDS rounds, and more (up to four times as many) until the runs have met both on
    // the user and on its password: on a loaded machine the timings that make them meet come later.
    const metOnBoth = () => stops.has('user') && stops.has('password');
    for (let round = 0; round < ROUNDS || (!metOnBoth() && round < 4 * ROUNDS); round++) {
      await account.reset();
      // The second run starts after the first has made a few calls (0 to 5), and in the later
      // rounds the first sets the password only once the second has looked for one (as a person
      // saving it gives the other time to): round by round, the two meet before the user exists
      // and between it and its password, however loaded the machine is.
      let startSecond!: () => void;
      const secondMayStart = new Promise<void>((resolve) => (startSecond = resolve));
      let secondLooked!: () => void;
      const secondHasLooked = new Promise<void>((resolve) => (secondLooked = resolve));
      const untilSecondLooked = () => Promise.race([secondHasLooked, new Promise((resolve) => setTimeout(resolve, 5000))]);
      const first = concurrentRun((calls) => calls >= round % 6 && startSecond(), round % 12 < 6 ? undefined : untilSecondLooked);
      const second = secondMayStart.then(() => concurrentRun((_, command) => command === 'GetLoginProfileCommand' && secondLooked()));
      // A second run that stopped on the user never looks: the first need not wait for it then.
      void second.then(secondLooked, secondLooked);
      const runs = await Promise.all([first.finally(() => startSecond()), second]);
      const setters = runs.filter((r) => r.setPassword);
      // IAM lets exactly one CreateLoginProfile through.
      expect(setters).toHaveLength(1);
      for (const run of runs) {
        const claimsItsPassword = run.outcome === 'done' && run.plannedPassword;
        expect({ round, claimsItsPassword, setIt: run.setPassword }).toEqual({ round, claimsItsPassword, setIt: claimsItsPassword || run.setPassword });
        expect(['done', 'already-done', 'stopped']).toContain(run.outcome);
      }
      // The admin is made only by runs that said so, and only with a password a run set.
      const admin = (await members()).includes(USER);
      expect({ round, admin }).toEqual({ round, admin: runs.some((r) => r.outcome === 'done' || r.outcome === 'already-done') });
      for (const run of runs) if (run.stoppedOn) stops.add(run.stoppedOn);
    }
    // Meaningful only if the runs did get in each other's way, on the user and on its password.
    // Other stops are safe too (NotGranted: before any grant), and say why: under load the runs
    // once met on something else as well.
    expect([...stops]).toEqual(expect.arrayContaining(['password', 'user']));
  }, 600_000);
});

/**
 * One --yes run on its own clients, each call delayed a little at random (CreateLoginProfile also
 * until `beforePassword` resolves); `afterCall` hears how many calls it has made, and the last.
 */
async function concurrentRun(afterCall: (calls: number, command: string) => void = () => {}, beforePassword?: () => Promise<unknown>) {
  const aws = await createClients({});
  let setPassword = false;
  let calls = 0;
  aws.iam.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'CreateLoginProfileCommand') await beforePassword?.();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
      try {
        const result = await next(args);
        if (context.commandName === 'CreateLoginProfileCommand') setPassword = true;
        return result;
      } finally {
        afterCall(++calls, context.commandName ?? '');
      }
    },
    { step: 'initialize', name: 'jitter' },
  );
  const ui = new ScriptedUI({ 'apply-admin-user': true, 'reuse-user': true }, false);
  try {
    const { outcomes } = await yesRun({ aws, ui });
    return { outcome: outcomes[0], stoppedOn: undefined, setPassword, plannedPassword: plannedPassword(ui) };
  } catch (error) {
    if (!(error instanceof NotGranted)) throw error;
    const stoppedOn = /console password/.test(error.message) ? 'password' : /a user of that name/.test(error.message) ? 'user' : `other: ${error.message}`;
    return { outcome: 'stopped', stoppedOn, setPassword, plannedPassword: plannedPassword(ui) };
  } finally {
    Object.values(aws).forEach((client) => client.destroy());
  }
}

const plannedPassword = (ui: ScriptedUI) => ui.of('plan').some((p) => p.plan.actions.some((a) => a.cli.startsWith('aws iam create-login-profile')));

describe('finding 2: an existing user is shown with what it holds before it is reused', () => {
  async function existingWithKey() {
    await account.aws.iam.send(new CreateUserCommand({ UserName: 'Admin-Jane' }));
    const key = (await account.aws.iam.send(new CreateAccessKeyCommand({ UserName: 'Admin-Jane' }))).AccessKey!.AccessKeyId!;
    await account.aws.iam.send(new UpdateAccessKeyCommand({ UserName: 'Admin-Jane', AccessKeyId: key, Status: 'Inactive' }));
    await account.aws.iam.send(new CreateGroupCommand({ GroupName: 'Developers' }));
    await account.aws.iam.send(new AddUserToGroupCommand({ GroupName: 'Developers', UserName: 'Admin-Jane' }));
    await account.aws.iam.send(new AttachUserPolicyCommand({ UserName: 'Admin-Jane', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    account.proxy.resetCounts();
    return key;
  }

  it('at a terminal: its keys, groups, policies and console access are shown, and reusing it is not the default', async () => {
    const key = await existingWithKey();
    const { ui, outcomes } = await runSteps(account, [adminUser], { ...newAdminAnswers, 'admin-user': ['admin-jane', 'admin-new'], 'reuse-user': false });
    expect(outcomes).toEqual(['done']);
    const shown = ui.of('note').map((n) => n.note.text);
    expect(shown).toContain('An IAM user "Admin-Jane" already exists (IAM names ignore case: admin-jane is this user). What it holds becomes an admin\'s:');
    expect(shown).toContain('Console password: none.');
    expect(shown).toContainEqual(expect.stringMatching(new RegExp(`^Access keys: ${key} \\(Inactive, made \\d{4}-\\d\\d-\\d\\d, never used\\)\\.$`)));
    expect(shown).toContain('Groups: Developers.');
    expect(shown).toContain('Policies: ReadOnlyAccess.');
    const question = ui.of('ask').find((a) => a.key === 'reuse-user')!;
    expect(question.message).toContain(`an access key (${key})`);
    expect(question.message).toContain('the group Developers, the policy ReadOnlyAccess');
    // Declined: another name, and the old user is left as it was.
    expect(await members()).toEqual(['admin-new']);
  });

  it('under --yes, a user holding a key or other permissions is refused (exit 2) before any write, unless --reuse-user names it', async () => {
    const key = await existingWithKey();
    const refused = await yesRun().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toBe(
      `--admin-user admin-jane: the existing user Admin-Jane holds an access key (${key}) and permissions this program did not grant ` +
        '(the group Developers, the policy ReadOnlyAccess), which would become an admin\'s; look at it first, then pass --reuse-user Admin-Jane ' +
        'to reuse it as it is, or name a new user',
    );
    expect(writeCalls(account.proxy)).toEqual([]);

    const { outcomes } = await yesRun({ reuseUser: 'admin-jane' });
    expect(outcomes).toEqual(['done']);
    expect(await members()).toEqual(['Admin-Jane']);
  });

  it('under --yes, a user holding nothing of that kind is reused, and what it holds is printed', async () => {
    await account.aws.iam.send(new CreateUserCommand({ UserName: USER }));
    const ui = new ScriptedUI({ 'apply-admin-user': true, 'reuse-user': true }, false);
    const { outcomes } = await yesRun({ ui });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('note').map((n) => n.note.text)).toEqual(expect.arrayContaining(['Access keys: none.', 'Groups: none.', 'Policies: none.', 'MFA devices: none.']));
  });
});

describe('finding 8: a write whose answer was lost, and whose effect is found, is reported as done by this run', () => {
  it('CreateLoginProfile made, its answer cut off, the retry meets EntityAlreadyExists: the password in place is this run\'s', async () => {
    account.proxy.injectFault('iam:CreateLoginProfile', 'malformed', 1);
    const ui = new ScriptedUI(newAdminAnswers);
    const { outcomes } = await runSteps(account, [adminUser], {}, { ui });
    expect(outcomes).toEqual(['done']);
    expect(account.proxy.count('iam:CreateLoginProfile')).toBe(2);
    const notes = ui.of('note').map((n) => n.note);
    expect(notes).toContainEqual({ level: 'info', text: "AWS's answer to setting admin-jane's console password was lost; the password in place is the one this run sent." });
    expect(notes.map((n) => n.text)).not.toContainEqual(expect.stringContaining('already had a console password'));
    expect(await members()).toEqual([USER]);
  });

  it('CreateUser made, its answer cut off: the user found is this run\'s, and the step goes on', async () => {
    account.proxy.injectFault('iam:CreateUser', 'malformed', 1);
    const ui = new ScriptedUI(newAdminAnswers);
    const { outcomes } = await runSteps(account, [adminUser], {}, { ui });
    expect(outcomes).toEqual(['done']);
    expect(ui.of('note').map((n) => n.note.text)).toContain("AWS's answer to creating admin-jane was lost; the user found was made by this run's request.");
  });

  it('throttled, then "already exists": nothing of this run\'s landed, so the password found is not taken for this run\'s', async () => {
    justBefore('CreateLoginProfileCommand', () => someoneElse().send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Their-Passw0rd-1!' })));
    account.proxy.failNext('iam:CreateLoginProfile', { status: 400, code: 'Throttling', message: 'Rate exceeded' });
    const failure = await runSteps(account, [adminUser], newAdminAnswers).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotGranted);
    expect(await members()).toEqual([]);
  });
});
