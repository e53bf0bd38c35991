// The files derived from the manifest (steps/manifest.ts) are held to it: the shipped IAM policies
// and the README's step table. After changing a row's permissions, `npx vitest run test/manifest.test.ts -u`
// rewrites the policies; the README's table is edited by hand and checked here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/args.js';
import { helpText } from '../src/help.js';
import { kindOf } from '../src/engine/row.js';
import { loadSteps, MANIFEST, STEP_IDS } from '../steps/manifest.js';
import { ROOT } from './support/cli-path.js';

/** Permissions no step owns: the account summary that `status` prints above its checks. */
const NOT_OF_A_STEP = { status: ['iam:GetAccountSummary'], wizard: [] as string[] };

const union = (lists: readonly (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))];
const isRead = (action: string) => /:(Get|List|View|Generate|Describe)/.test(action);

const policy = (statements: { Sid: string; Action: string[] }[]) =>
  `${JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Sid: s.Sid, Effect: 'Allow', Action: s.Action, Resource: '*' })) }, null, 2)}\n`;

describe('policies/*.json: the union of the manifest rows\' permissions', () => {
  it('status-policy.json holds what every status check reads, and nothing else', async () => {
    const actions = union([NOT_OF_A_STEP.status, ...MANIFEST.filter((r) => r.inStatus).map((r) => r.permissions.status)]);
    expect(actions.every(isRead)).toBe(true);
    await expect(policy([{ Sid: 'AwsRootLockdownStatusReadOnly', Action: actions }])).toMatchFileSnapshot(join(ROOT, 'policies', 'status-policy.json'));
  });

  it('wizard-policy.json holds what every step reads and writes in the wizard, reads and writes apart', async () => {
    const all = union([
      NOT_OF_A_STEP.status,
      NOT_OF_A_STEP.wizard,
      ...MANIFEST.flatMap((r) => [(r.permissions as { status?: readonly string[] }).status, (r.permissions as { wizard?: readonly string[] }).wizard]),
    ]);
    const document = policy([
      { Sid: 'AwsRootLockdownWizardReads', Action: all.filter(isRead) },
      { Sid: 'AwsRootLockdownWizardWrites', Action: all.filter((a) => !isRead(a)) },
    ]);
    await expect(document).toMatchFileSnapshot(join(ROOT, 'policies', 'wizard-policy.json'));
  });
});

describe("README's step table", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| Step | id | Kind | How | Done when |'));
  const rows = table
    .split('\n')
    .slice(2)
    .filter((line, i, lines) => line.startsWith('| ') && lines.slice(0, i).every((l) => l.startsWith('| ')))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |`/g, '')));

  it('lists every step of the manifest, in its order, with its title and kind', async () => {
    const steps = await loadSteps();
    const kind = (i: number) => {
      const row = MANIFEST[i]!;
      const what = row.required ? '**required**' : steps[i]!.kind === 'advisory' ? 'advisory' : 'optional';
      return row.inStatus ? what : `${what} (wizard only)`;
    };
    expect(rows.map(([title, id, k]) => [title, id, k])).toEqual(MANIFEST.map((row, i) => [row.title, row.id, kind(i)]));
  });
});

describe('derived from the manifest', () => {
  it('--help lists every step, and every step flag with its step', () => {
    // Each option's help joined to its name again, where it wrapped onto the lines under it.
    const HELP = helpText(80).replace(/\n {20,}/g, ' ');
    for (const row of MANIFEST) {
      expect(HELP).toContain(`  ${row.id} `);
      for (const flag of Object.values(row.flags) as { name: string }[]) expect(HELP).toMatch(new RegExp(`--${flag.name}\\b.*\\(${row.id}[;)]`));
    }
  });

  it('--skip takes exactly the step ids', () => {
    expect(parseOptions(STEP_IDS.flatMap((id) => ['--skip', id])).skip).toEqual(STEP_IDS);
    expect(() => parseOptions(['--skip', 'no-such-step'])).toThrow(`--skip: must be a step id (${STEP_IDS.join(', ')})`);
  });

  it('each step file is the row it is loaded for: same id, and the row\'s fields', async () => {
    const steps = await loadSteps();
    expect(steps.map((s) => s.id)).toEqual(STEP_IDS);
    steps.forEach((step, i) => expect(step).toMatchObject({ title: MANIFEST[i]!.title, required: MANIFEST[i]!.required, inStatus: MANIFEST[i]!.inStatus }));
  });

  it('a row says advisory exactly where its step only reports (kind advisory), and --help names each kind in the words of the stop note and the summary', async () => {
    const steps = await loadSteps();
    expect(MANIFEST.map((row) => kindOf(row) === 'advisory')).toEqual(steps.map((step) => step.kind === 'advisory'));
    expect(steps.filter((step) => kindOf(step) === 'advisory').map((step) => step.id)).toEqual(['root-mfa-backup', 'root-hardware-mfa', 'root-recent-use']);
    const HELP = helpText(80).replace(/\n {20,}/g, ' ').replace(/\s+/g, ' ');
    for (const row of MANIFEST) expect(HELP).toContain(`${row.id} ${row.title}${row.required ? '' : ` (${kindOf(row)})`}`);
    expect(HELP).toContain('Optional steps are offered');
    expect(HELP).toContain('advisory checks only report, and are checked again on every run');
  });
});
