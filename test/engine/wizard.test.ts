import { describe, expect, it } from 'vitest';
import type { TerminalState } from '../../src/engine/console.js';
import type { AccountReader } from '../../src/aws/account-reader.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import type { Identity } from '../../src/aws/identity.js';
import type { AutomatedStep, CheckResult, ConsoleStep, Step } from '../../src/engine/types.js';
import { openReports, runWizard, type WizardOptions } from '../../src/engine/wizard.js';
import { FakeClock } from '../support/fake-clock.js';
import { ScriptedUI, type Answer } from '../support/scripted-ui.js';

const identity: Identity = {
  account: '123456789012',
  partition: 'aws',
  arn: 'arn:aws:iam::123456789012:root',
  isRoot: true,
  usesRootAccessKey: false,
  hasRootCredentials: true,
};

const explain = { when: 'now', gotcha: 'none', cliCheck: 'aws iam get-account-summary' };

const pass: CheckResult = { status: 'pass', detail: 'ok' };
const fail: CheckResult = { status: 'fail', detail: 'open' };

/** A console step whose check answers from a list, one per call (the last one repeats). */
function consoleStep(id: string, results: CheckResult[], extra: Partial<ConsoleStep> = {}): ConsoleStep & { calls: number } {
  const step: ConsoleStep & { calls: number } = {
    id,
    kind: 'console' as const,
    title: id,
    why: 'because',
    explain,
    required: true,
    inStatus: true,
    waitingFor: id,
    calls: 0,
    async check(): Promise<CheckResult> {
      return results[Math.min(step.calls++, results.length - 1)]!;
    },
    checklist: () => ({ items: ['do it'] }),
    ...extra,
  };
  return step;
}

/** An automated step over a flag that its one action sets. */
function automatedStep(id: string, world: { done: boolean; writes: number }): AutomatedStep {
  return {
    id,
    kind: 'automated',
    title: id,
    why: 'because',
    explain,
    required: true,
    inStatus: true,
    check: async () => (world.done ? pass : fail),
    plan: async () => ({
      summary: 'make it so',
      actions: [
        {
          title: 'write',
          cli: 'aws iam do-it',
          run: async () => {
            world.writes += 1;
            world.done = true;
          },
        },
      ],
    }),
  };
}

function wizard(
  steps: Step[],
  answers: Record<string, Answer | Answer[]> = {},
  overrides: Partial<WizardOptions> & { interactive?: boolean } = {},
) {
  const ui = new ScriptedUI(answers, overrides.interactive ?? true);
  const clock = new FakeClock();
  const options: WizardOptions = {
    steps,
    identity,
    aws: {} as AwsClients,
    ui,
    clock,
    signal: new AbortController().signal,
    inputs: {},
    dryRun: false,
    pollIntervalMs: 5000,
    waitTimeoutMs: 60_000,
    newReader: () => ({}) as AccountReader,
    console: { links: awsConsoleLinks('aws') },
    ...overrides,
  };
  return { ui, clock, run: () => runWizard(options) };
}

describe('runWizard', () => {
  it('shows what is already done and does not act on it', async () => {
    const step = consoleStep('a', [pass]);
    const { ui, run } = wizard([step]);
    const reports = await run();
    expect(reports.map((r) => r.outcome)).toEqual(['already-done']);
    expect(ui.of('checklist')).toEqual([]);
    expect(ui.of('waiting')).toEqual([]);
  });

  it('shows the checklist of a console step and polls until it is done', async () => {
    const step = consoleStep('a', [fail, fail, fail, pass]);
    const { ui, clock, run } = wizard([step]);
    const [report] = await run();
    expect(report!.outcome).toBe('done');
    expect(ui.of('checklist')[0]!.list.items).toEqual(['do it']);
    expect(clock.sleeps).toHaveLength(3);
    expect(step.calls).toBe(4);
    expect(ui.of('result').map((e) => e.when)).toEqual(['before', 'after']);
  });

  it('leaves a console step pending without a person to wait for', async () => {
    const step = consoleStep('a', [fail, pass]);
    const { ui, run } = wizard([step], {}, { interactive: false });
    const reports = await run();
    expect(reports[0]!.outcome).toBe('pending');
    expect(reports[0]!.console).toBe('left'); // the summary says it is the console's to do, its checklist above
    expect(ui.of('waiting')).toEqual([]);
    expect(openReports(reports)).toHaveLength(1);
  });

  it('in a dry run at a terminal, a console step is what a real run would wait for', async () => {
    const step = consoleStep('a', [fail, pass]);
    const { ui, run } = wizard([step], {}, { dryRun: true });
    const reports = await run();
    expect(reports.map((r) => [r.outcome, r.console])).toEqual([['pending', 'would-wait']]);
    expect(ui.of('checklist')).toHaveLength(1);
    expect(ui.of('waiting')).toEqual([]);
  });

  it('reports a console step the person skips, and goes on to the next step', async () => {
    const a = consoleStep('a', [fail]);
    const b = consoleStep('b', [pass]);
    const { ui, run } = wizard([a, b]);
    ui.waitCommands.push('skip');
    expect((await run()).map((r) => r.outcome)).toEqual(['skipped', 'already-done']);
  });

  it('applies an automated plan only after confirmation, then verifies', async () => {
    const world = { done: false, writes: 0 };
    const { ui, run } = wizard([automatedStep('x', world)], { 'apply-x': true });
    const reports = await run();
    expect(world.writes).toBe(1);
    expect(reports[0]!.outcome).toBe('done');
    expect(ui.of('plan')[0]!.plan.actions[0]!.cli).toBe('aws iam do-it');
    expect(ui.of('ask').map((e) => e.key)).toEqual(['apply-x']);
  });

  it('changes nothing when the plan is declined', async () => {
    const world = { done: false, writes: 0 };
    const { run } = wizard([automatedStep('x', world)], { 'apply-x': false });
    expect((await run())[0]!.outcome).toBe('declined');
    expect(world.writes).toBe(0);
  });

  it('shows the plan but neither asks nor writes in a dry run', async () => {
    const world = { done: false, writes: 0 };
    const { ui, run } = wizard([automatedStep('x', world)], {}, { dryRun: true });
    expect((await run())[0]!.outcome).toBe('planned');
    expect(world.writes).toBe(0);
    expect(ui.of('plan')[0]!.dryRun).toBe(true);
    expect(ui.of('ask')).toEqual([]);
  });

  it('re-checks a few times after writing, since IAM reads can lag', async () => {
    const world = { done: false, writes: 0 };
    const lagging = automatedStep('x', world);
    let reads = 0;
    lagging.check = async () => (world.done && ++reads > 2 ? pass : fail);
    const { clock, run } = wizard([lagging], { 'apply-x': true });
    expect((await run())[0]!.outcome).toBe('done');
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('blocks a step whose prerequisite is not settled', async () => {
    const world = { done: false, writes: 0 };
    const dependent = consoleStep('after', [fail], { needs: ['x'] });
    const { ui, run } = wizard([automatedStep('x', world), dependent], { 'apply-x': false });
    expect((await run()).map((r) => r.outcome)).toEqual(['declined', 'blocked']);
    expect(dependent.calls).toBe(0);
    expect(ui.of('waiting')).toEqual([]);
  });

  it('does not count an optional step as open', async () => {
    const optional = consoleStep('opt', [fail], { required: false });
    const { run } = wizard([optional], {}, { interactive: false });
    expect(openReports(await run())).toEqual([]);
  });

  it('shows an optional or advisory check that fails as unknown, with its reason, and goes on to the required steps', async () => {
    const broken = (id: string, extra: Partial<ConsoleStep>) =>
      consoleStep(id, [], {
        required: false,
        check: async () => {
          throw Object.assign(new Error('Rate of credential report generation exceeded'), { name: 'LimitExceeded', action: 'iam:GenerateCredentialReport' });
        },
        ...extra,
      });
    const advisory = { ...broken('advice', {}), kind: 'advisory' as const, advice: () => ({ items: [] }) } as unknown as Step;
    const optional = broken('optional', {});
    const required = consoleStep('required', [pass]);
    const { ui, run } = wizard([advisory, optional, required]);
    const reports = await run();
    expect(reports.map((r) => r.outcome)).toEqual(['unknown', 'unknown', 'already-done']);
    expect(reports[0]!.result).toEqual({ status: 'unknown', detail: 'iam:GenerateCredentialReport failed: LimitExceeded: Rate of credential report generation exceeded' });
    expect(ui.of('result').map((e) => [e.id, e.result.status])).toEqual([['advice', 'unknown'], ['optional', 'unknown'], ['required', 'pass']]);
    expect(openReports(reports)).toEqual([]);
  });

  it('a required check that fails still stops the run', async () => {
    const failing = consoleStep('required', [], {
      check: async () => {
        throw Object.assign(new Error('boom'), { name: 'ServiceFailure', $metadata: { httpStatusCode: 500 } });
      },
    });
    await expect(wizard([failing]).run()).rejects.toThrow('boom');
  });

  it('--skip leaves a step out without running its check, and it stays open when required', async () => {
    const skipped = consoleStep('a', [pass]);
    const next = consoleStep('b', [pass]);
    const { ui, run } = wizard([skipped, next], {}, { skip: ['a'] });
    const reports = await run();
    expect(skipped.calls).toBe(0);
    expect(reports.map((r) => r.outcome)).toEqual(['skipped', 'already-done']);
    expect(ui.of('note').map((e) => e.note.text)).toEqual(['Skipped (--skip a): not checked this run.']);
    expect(openReports(reports).map((r) => r.step.id)).toEqual(['a']);
  });

  it('after a prerequisite left out with --skip, a step settled anyway is reported, an open one is blocked', async () => {
    const done = consoleStep('done-anyway', [pass], { needs: ['first'] });
    const open = consoleStep('open', [fail], { needs: ['first'] });
    const { ui, run } = wizard([consoleStep('first', [pass]), done, open], {}, { skip: ['first'] });
    expect((await run()).map((r) => r.outcome)).toEqual(['skipped', 'already-done', 'blocked']);
    expect(ui.of('result').at(-1)!.result.detail).toBe('comes after first, which was skipped');
    expect(ui.of('waiting')).toEqual([]);
  });

  describe('a plan that continues as parts', () => {
    /** A step whose plan is `parts`, done when every part is; its flag `who` is asked by its parts. */
    function withParts(parts: Step[]): AutomatedStep {
      return {
        ...automatedStep('whole', { done: false, writes: 0 }),
        flags: { who: { name: 'who', help: 'whom', question: { message: 'Who?' } } },
        check: async () => (parts.every((p) => (p as { settled?: () => boolean }).settled?.()) ? pass : fail),
        plan: async () => ({ summary: '', actions: [], parts }),
      };
    }
    /** An automated part over its own world, asking its owner's flag in its plan. */
    function part(id: string, world: { done: boolean; writes: number; asked?: string }): AutomatedStep & { settled: () => boolean } {
      return {
        ...automatedStep(id, world),
        settled: () => world.done,
        plan: async (ctx) => {
          world.asked = (await ctx.input('who')) as string;
          return { summary: id, actions: [{ title: id, cli: 'aws x', run: async () => void ((world.writes += 1), (world.done = true)) }] };
        },
      };
    }

    it('walks the parts in order, each by its kind, answering to the step\'s flags; then the step\'s check decides', async () => {
      const first = { done: true, writes: 0 };
      const second = { done: false, writes: 0 } as { done: boolean; writes: number; asked?: string };
      const waitFor = { ...consoleStep('console-part', [fail, pass]), settled: () => true };
      const parts = [part('first', first), waitFor, part('second', second)];
      const { ui, run } = wizard([withParts(parts)], { 'apply-second': true, who: 'jane' });
      const [report] = await run();
      expect(report!.outcome).toBe('done');
      expect(ui.of('note').map((n) => n.note.text)).toEqual(['Part 1 of 3: first. because', 'Part 2 of 3: console-part. because', 'Part 3 of 3: second. because']);
      expect(ui.of('result').map((r) => [r.id, r.when, r.result.status])).toEqual([
        ['whole', 'before', 'fail'],
        ['first', 'before', 'pass'],
        ['console-part', 'before', 'fail'],
        ['console-part', 'after', 'pass'],
        ['second', 'before', 'fail'],
        ['second', 'after', 'pass'],
        ['whole', 'after', 'pass'],
      ]);
      expect([first.writes, second.writes, second.asked]).toEqual([0, 1, 'jane']);
    });

    it('stops at the first part left open, with its outcome, and never reaches the parts after it', async () => {
      const later = { done: false, writes: 0 };
      const { ui, run } = wizard([withParts([consoleStep('console-part', [fail]), part('later', later)])], {}, { interactive: false });
      const reports = await run();
      expect(reports.map((r) => [r.step.id, r.outcome, r.console])).toEqual([['whole', 'pending', 'left']]);
      expect(later.writes).toBe(0);
      expect(ui.of('checklist').map((c) => c.id)).toEqual(['console-part']);
      expect(openReports(reports)).toHaveLength(1);
    });

    it('in a dry run, shows the first open part\'s plan, writes nothing, and is planned', async () => {
      const world = { done: false, writes: 0 };
      const { ui, run } = wizard([withParts([part('only', world)])], { who: 'jane' }, { dryRun: true });
      expect((await run()).map((r) => r.outcome)).toEqual(['planned']);
      expect(ui.of('plan').map((p) => [p.id, p.dryRun])).toEqual([['only', true]]);
      expect(world.writes).toBe(0);
    });
  });

  it('learns of practice mode only through the console port: the links, and the hands a step declares for "do it for me"', async () => {
    const hands = {
      assignRootMfa: () => 'assigned',
      deleteRootAccessKeys: () => 'deleted',
      deleteRootSigningCertificates: () => 'certificates deleted',
      signInAdmins: () => 'signed in',
      assignAdminMfa: () => 'mfa',
      enableIdentityCenter: () => 'enabled',
    };
    const links = {
      rootCredentials: 'http://127.0.0.1:1/security_credentials',
      signIn: (a: string) => `http://127.0.0.1:1/signin/${a}`,
      iamUser: (u: string) => u,
      identityCenter: () => 'http://127.0.0.1:1/identity-center',
      accessPortal: () => 'http://127.0.0.1:1/portal',
    };
    const declared = consoleStep('declared', [fail, pass], {
      checklist: (ctx) => ({ url: ctx.console.rootCredentials, items: ['do it'] }),
      doItForMe: (h) => h.deleteRootAccessKeys(),
    });
    const undeclared = consoleStep('undeclared', [fail, pass]);
    const told: TerminalState[] = [];
    const { ui, run } = wizard([declared, undeclared], {}, { console: { links, practice: { url: 'http://127.0.0.1:1', hands, tell: (state) => void told.push(state) } } });
    ui.waitCommands.push('check', 'check');
    await run();
    expect(ui.of('checklist')[0]!.list.url).toBe('http://127.0.0.1:1/security_credentials');
    const [first, second] = ui.of('waiting');
    expect(first!.doItForMe?.()).toBe('deleted');
    expect(second!.doItForMe).toBeUndefined();
    // The practice console is told what the terminal waits for, when it saw it, and when the run ended.
    expect(told.map((t) => t.kind)).toEqual(['waiting', 'idle', 'done', 'waiting', 'idle', 'done', 'finished']);
    expect(told[0]).toMatchObject({ kind: 'waiting', stepId: 'declared', url: 'http://127.0.0.1:1/security_credentials' });
    expect(told.at(-1)).toEqual({ kind: 'finished', summary: 'Root is locked away.' });

    const onAws = wizard([consoleStep('declared', [fail, pass], { doItForMe: (h) => h.deleteRootAccessKeys() })]);
    onAws.ui.waitCommands.push('check');
    await onAws.run();
    expect(onAws.ui.of('waiting')[0]!.doItForMe).toBeUndefined();
  });
});
