// @module-tag slow
// The shipped org policies, tested for real: the program runs as an IAM user holding only the
// policy (or the policy less one action, or with a condition changed), with moto enforcing IAM on
// the Organizations calls and the proxy enforcing it, conditions included, on the calls it answers.
import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../src/aws/aws-error.js';
import { actionsOf, enforcedUser, orgPolicy, without, type ShippedPolicy } from '../support/org/org-enforcement.js';
import type { PolicyDocument } from '../support/org/policy-evaluator.js';
import { runOrgInProcess } from '../support/org/run-org.js';
import { MIXED_ORGANIZATION, useTestOrg, type OrgSpec, type TestOrg } from '../support/org/test-org.js';
import { ScriptedUI, type Answer } from '../support/scripted-ui.js';

const t = useTestOrg();
const STATUS = orgPolicy('org-status-policy.json');
const WIZARD = orgPolicy('org-wizard-policy.json');
const ARN = (task: string) => `arn:aws:iam::aws:policy/root-task/${task}`;
const TIMEOUT_MS = 60_000;

/** The mixed organization with one member in an OU, so --ou has something to walk. */
const ORG: OrgSpec = { ...MIXED_ORGANIZATION, members: { ...MIXED_ORGANIZATION.members, 'in-prod': { ou: 'Prod', root: { password: true } } } };
const ALL_OFF: OrgSpec = { ...ORG, access: { trustedAccess: false, rootCredentialsManagement: false, rootSessions: false } };

interface Scenario {
  spec?: OrgSpec;
  argv: (t: TestOrg) => string[];
  answers?: Record<string, Answer | Answer[]>;
}

/** Runs a scenario as a user holding exactly `document`. A run that stops gives its one line in `stopped`. */
async function runAs(document: PolicyDocument, scenario: Scenario) {
  await t.reset(scenario.spec ?? ORG);
  const credentials = await enforcedUser(t, 'org-runner', document);
  const prompts = scenario.answers ? new ScriptedUI(scenario.answers) : undefined;
  try {
    return { ...(await runOrgInProcess(t, scenario.argv(t), { credentials, prompts })), stopped: undefined };
  } catch (error) {
    return { code: 3, stdout: '', stderr: '', stopped: describeAwsError(error) };
  }
}

/** The same policy with the task policies its sts:AssumeRoot statement allows replaced. */
function withTasks(document: ShippedPolicy, tasks: string[]): PolicyDocument {
  return {
    ...document,
    Statement: document.Statement.map((s) => (s.Action === 'sts:AssumeRoot' ? { ...s, Condition: { ArnEquals: { 'sts:TaskPolicyArn': tasks.map(ARN) } } } : s)),
  };
}

const verdicts = (stdout: string) => (JSON.parse(stdout) as { accounts: { name: string; verdict: string; detail: string }[] }).accounts;
const activeMembers = (t: TestOrg) => Object.entries(t.ids).filter(([name]) => name !== 'closed').map(([, id]) => id).join(',');
const namesMissing = (text: string) => [...new Set([...text.matchAll(/(?:needs the |needs )([a-z]+:[A-Za-z]+)/g)].map((m) => m[1]))];

const STATUS_RUNS: Record<string, Scenario> = {
  all: { argv: () => ['status', '--json'] },
  ou: { argv: (t) => ['status', '--json', '--ou', t.ous.Prod!] },
};
const statusRunFor = (action: string) => (/ForParent$/.test(action) ? STATUS_RUNS.ou! : STATUS_RUNS.all!);

describe('org-status-policy.json', () => {
  it('only reads, and opens root sessions for the audit task alone', () => {
    expect(actionsOf(STATUS).filter((a) => !/^(organizations|iam):(Describe|List)|^sts:AssumeRoot$/.test(a))).toEqual([]);
    expect(STATUS.Statement.find((s) => s.Action === 'sts:AssumeRoot')?.Condition).toEqual({ ArnEquals: { 'sts:TaskPolicyArn': ARN('IAMAuditRootUserCredentials') } });
  });

  it.each(Object.keys(STATUS_RUNS))(
    'is enough: status (%s) reads every active member',
    async (run) => {
      const { stdout, stderr, stopped } = await runAs(STATUS, STATUS_RUNS[run]!);
      expect(stopped).toBeUndefined();
      expect(stderr).toBe('');
      expect(verdicts(stdout).filter((a) => a.verdict === 'unknown').map((a) => a.name)).toEqual(run === 'all' ? ['closed'] : []);
    },
    TIMEOUT_MS,
  );

  it.each(actionsOf(STATUS).filter((a) => a !== 'sts:AssumeRoot'))(
    'is needed whole: without %s the run stops, saying exactly that permission is missing',
    async (action) => {
      const result = await runAs(without(STATUS, action), statusRunFor(action));
      expect(result.stopped).toBe(`${action} failed: access denied. The identity you are using needs the ${action} permission.`);
    },
    TIMEOUT_MS,
  );

  it(
    'is needed whole: without sts:AssumeRoot every member it would audit is unknown, the denial named (exit 1)',
    async () => {
      const result = await runAs(without(STATUS, 'sts:AssumeRoot'), statusRunFor('sts:AssumeRoot'));
      const unknown = verdicts(result.stdout).filter((a) => a.verdict === 'unknown' && a.name !== 'closed');
      expect(unknown.length).toBeGreaterThan(0);
      expect(unknown.every((a) => a.detail.startsWith('sts:AssumeRoot was denied'))).toBe(true);
      expect(result.code).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    'its condition counts: a user allowed only the delete task cannot audit',
    async () => {
      const { stdout } = await runAs(withTasks(STATUS, ['IAMDeleteRootUserCredentials']), STATUS_RUNS.all!);
      expect(verdicts(stdout).filter((a) => a.detail.startsWith('sts:AssumeRoot was denied'))).toHaveLength(6);
    },
    TIMEOUT_MS,
  );
});

/** How to reach each wizard action in a run on an organization. */
const WIZARD_RUNS: Record<string, Scenario> = {
  // Everything off: turn it all on, register a delegated administrator, remove every member's root credentials.
  'turn on, delegate, remove': { spec: ALL_OFF, argv: (t) => ['--yes', '--accounts', activeMembers(t), '--delegated-admin', t.ids['already-locked']!] },
  'an OU chosen from the tree': {
    argv: () => [],
    answers: { 'offer-delegated-admin': false, accounts: 'ou', ou: () => t.ous.Prod!, remove: true },
  },
  'break glass': { argv: (t) => ['break-glass', '--account', t.ids['already-locked']!, '--yes'] },
};
const wizardRunFor = (action: string) =>
  action === 'organizations:ListRoots' || /ForParent$/.test(action)
    ? WIZARD_RUNS['an OU chosen from the tree']!
    : WIZARD_RUNS['turn on, delegate, remove']!;

describe('org-wizard-policy.json', () => {
  it('holds everything status needs', () => {
    expect(actionsOf(WIZARD)).toEqual(expect.arrayContaining(actionsOf(STATUS)));
  });

  it.each(Object.keys(WIZARD_RUNS))(
    'is enough: %s',
    async (run) => {
      const { code, stderr, stdout, stopped } = await runAs(WIZARD, WIZARD_RUNS[run]!);
      expect(stopped).toBeUndefined();
      expect(stderr).toBe('');
      expect(namesMissing(stdout)).toEqual([]);
      expect(code).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    'is enough to turn everything on and leave every member locked',
    async () => {
      await runAs(WIZARD, WIZARD_RUNS['turn on, delegate, remove']!);
      expect(t.org.trustedAccess).toBe(true);
      expect(t.org.features.size).toBe(2);
      expect(t.org.delegatedAdmins).toEqual([t.ids['already-locked']]);
      const members = Object.entries(t.ids).filter(([name]) => name !== 'closed');
      for (const [name, id] of members) expect(t.org.rootOf(id).password, name).toBeUndefined();
    },
    TIMEOUT_MS,
  );

  it.each(actionsOf(WIZARD).filter((a) => a !== 'sts:AssumeRoot'))(
    'is needed whole: without %s the run stops with one line naming exactly it',
    async (action) => {
      const { stopped } = await runAs(without(WIZARD, action), wizardRunFor(action));
      expect(stopped).toBe(`${action} failed: access denied. The identity you are using needs the ${action} permission.`);
    },
    TIMEOUT_MS,
  );

  const TASKS = ['IAMAuditRootUserCredentials', 'IAMDeleteRootUserCredentials', 'IAMCreateRootUserPassword'];

  it.each(['IAMAuditRootUserCredentials', 'IAMDeleteRootUserCredentials'])(
    'each task policy in its condition is needed: without %s, the members that need it are unknown, denied by name',
    async (task) => {
      const { stdout, code } = await runAs(withTasks(WIZARD, TASKS.filter((x) => x !== task)), { argv: (t: TestOrg) => ['--yes', '--accounts', activeMembers(t)] });
      expect(stdout).toMatch(/unknown\s+sts:AssumeRoot was denied/);
      expect(code).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    'each task policy in its condition is needed: without IAMCreateRootUserPassword, break glass stops, naming sts:AssumeRoot',
    async () => {
      const { stopped } = await runAs(withTasks(WIZARD, TASKS.filter((x) => x !== 'IAMCreateRootUserPassword')), WIZARD_RUNS['break glass']!);
      expect(stopped).toBe('sts:AssumeRoot failed: access denied. The identity you are using needs the sts:AssumeRoot permission.');
    },
    TIMEOUT_MS,
  );

  it(
    'its service-principal condition counts: trusted access for another service does not let it trust IAM',
    async () => {
      const other = {
        ...WIZARD,
        Statement: WIZARD.Statement.map((s) => (s.Condition && 'StringEquals' in s.Condition ? { ...s, Condition: { StringEquals: { 'organizations:ServicePrincipal': 'guardduty.amazonaws.com' } } } : s)),
      };
      const { stopped } = await runAs(other, WIZARD_RUNS['turn on, delegate, remove']!);
      expect(stopped).toBe('organizations:EnableAWSServiceAccess failed: access denied. The identity you are using needs the organizations:EnableAWSServiceAccess permission.');
    },
    TIMEOUT_MS,
  );
});
