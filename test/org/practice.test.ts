// Practice mode's organization: the org commands on a simulated organization, with no AWS account.
import { expect, it } from 'vitest';
import { runOrg } from '../../src/org/main.js';
import { runCli } from '../e2e/helpers.js';
import { pipeIO } from '../support/org/run-org.js';
import { FakeClock } from '../support/fake-clock.js';
import { ScriptedUI } from '../support/scripted-ui.js';
import type { SelectQuestion } from '../../src/engine/ui.js';
import type { Prompts } from '../../src/org/prompts.js';

/** Whatever credentials a person has must not matter: practice never reads them. */
const STRANGER_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAREALKEYNOTUSED00',
  AWS_SECRET_ACCESS_KEY: 'real-secret-not-used',
  AWS_PROFILE: 'does-not-exist',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9', // nothing listens there
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

it('org status --practice --json works out of the box: a built-in organization of members in mixed states', { tags: ['e2e'], timeout: 60_000 }, async () => {
  const result = await runCli(['org', 'status', '--practice', '--json'], STRANGER_ENV);
  const report = JSON.parse(result.stdout) as { accounts: { name: string; verdict: string; detail: string }[]; summary: Record<string, number> };
  const members = report.accounts.filter((a) => a.verdict !== 'not-applicable');
  expect(members.length).toBeGreaterThanOrEqual(5);
  expect(Object.fromEntries(members.map((a) => [a.name, a.verdict]))).toEqual({
    sandbox: 'locked',
    'shared-services': 'open',
    'legacy-billing': 'open',
    security: 'open',
    'prod-web': 'locked',
    'old-project': 'unknown',
  });
  expect(report.accounts.find((a) => a.name === 'legacy-billing')?.detail).toMatch(/access key AKIA\w+ \(active, last used 2019-03-14\)/);
  expect(result.stderr).toContain('PRACTICE: a simulated organization on this computer');
  expect(result.code).toBe(1);
});

it('the org wizard in practice: turns root credentials management on and locks the members chosen', async () => {
  const { io, stdout } = pipeIO();
  const code = await runOrg(['--practice', '--yes', '--accounts', '310987654321,410987654321,510987654321'], {
    io,
    signal: new AbortController().signal,
    stop: () => {},
    clock: new FakeClock(),
  });
  const text = stdout.text();
  expect(text).toContain('✔ Root credentials management: on');
  expect(text).toMatch(/310987654321\s+shared-services\s+locked\s+removed the root password/);
  expect(text).toMatch(/510987654321\s+security\s+locked\s+removed the root password, MFA device arn:aws:iam::510987654321:mfa\/root-device-0/);
  expect(code).toBe(0);
}, 60_000);

it("the practice banner and the choice of accounts give the organization's size in the same words", async () => {
  const { io, stderr } = pipeIO();
  const scripted = new ScriptedUI({ trustedAccess: true, rootCredentialsManagement: true, rootSessions: true, 'offer-delegated-admin': false, accounts: 'all' });
  const asked: SelectQuestion<string>[] = [];
  const prompts: Prompts = {
    confirm: (q) => scripted.confirm(q),
    text: (q) => scripted.text(q),
    select: (q) => (asked.push(q as SelectQuestion<string>), scripted.select(q)),
  };
  await runOrg(['--practice', '--dry-run'], { io, signal: new AbortController().signal, stop: () => {}, clock: new FakeClock(), prompts });
  const size = '7 accounts: the management account and 6 members';
  expect(stderr.text()).toContain(`PRACTICE: a simulated organization on this computer (${size}); nothing touches AWS.`);
  expect(asked.find((q) => q.key === 'accounts')?.choices.find((c) => c.value === 'all')?.name).toBe(`All ${size}`);
}, 60_000);
