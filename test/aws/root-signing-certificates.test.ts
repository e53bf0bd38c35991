import { describe, expect, it } from 'vitest';
import { newAccountScenario } from '../../src/practice/scenarios/scenario.js';
import { rootSigningCertificates } from '../../steps/root-signing-certificates.js';
import { FakeClock } from '../support/fake-clock.js';
import { runPracticeSteps, startPracticeRun } from '../support/practice-run.js';
import { ScriptedUI } from '../support/scripted-ui.js';
import { checkContext, runSteps, useTestAccount } from '../support/test-account.js';

const account = useTestAccount();

async function check() {
  const identity = await account.identity();
  return rootSigningCertificates.check(checkContext(identity, account.reader(identity)));
}

describe('root-signing-certificates', () => {
  it('fails while root has a signing certificate, passes at none', async () => {
    account.proxy.state.signingCertificates = true;
    expect(await check()).toEqual({ status: 'fail', detail: 'root still has an X.509 signing certificate' });
    account.proxy.state.signingCertificates = false;
    expect(await check()).toEqual({ status: 'pass', detail: 'root has no signing certificates' });
  });

  it('is not applicable in partitions without root credentials', async () => {
    Object.assign(account.proxy.state, { partition: 'aws-us-gov', signingCertificates: true });
    expect(await check()).toMatchObject({ status: 'not-applicable' });
  });

  it('is a console step: asks for deletion on root\'s security credentials page, then notices it while polling', async () => {
    account.proxy.state.signingCertificates = true;
    const clock = new FakeClock();
    clock.onSleep = () => {
      if (clock.sleeps.length === 2) account.proxy.state.signingCertificates = false;
    };
    const { ui, outcomes } = await runSteps(account, [rootSigningCertificates], {}, { clock });
    expect(outcomes).toEqual(['done']);
    const list = ui.of('checklist')[0]!.list;
    expect(list.url).toBe('https://console.aws.amazon.com/iam/home#/security_credentials');
    expect(list.items.join(' ')).toMatch(/X\.509 certificates.*Delete/);
    expect(ui.of('result').map((e) => e.result.status)).toEqual(['fail', 'pass']);
    expect(account.proxy.count('iam:GetAccountSummary')).toBe(3);
  });

  it('without a terminal, lists the checklist and stays open: the wizard never deletes a root credential', async () => {
    account.proxy.state.signingCertificates = true;
    const { outcomes } = await runSteps(account, [rootSigningCertificates], {}, { interactive: false });
    expect(outcomes).toEqual(['pending']);
    expect(account.proxy.calls.filter((c) => !/:(Get|List)/.test(c))).toEqual([]);
  });

  it('in practice mode, "do it for me" deletes the certificate in the practice console, and the poll sees it', async () => {
    const scenario = newAccountScenario();
    scenario.root.signingCertificates.push({ id: 'PRACTICEROOTCERTIFICATE1', status: 'Active', created: scenario.root.created });
    const run = await startPracticeRun(scenario);
    try {
      const ui = new ScriptedUI();
      const clock = new FakeClock();
      clock.onSleep = () => void ui.of('waiting')[0]?.doItForMe?.();
      const { reports } = await runPracticeSteps(run, [rootSigningCertificates], ui, clock);
      expect(reports.map((r) => r.outcome)).toEqual(['done']);
      expect(ui.of('checklist')[0]!.list.url).toBe(`${run.server.url}/security_credentials`);
      expect(run.server.account.state.root.signingCertificates).toEqual([]);
    } finally {
      await run.close();
    }
  });
});
