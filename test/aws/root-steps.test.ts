import { describe, expect, it } from 'vitest';
import { rootAccessKeys } from '../../steps/root-access-keys.js';
import { rootMfa } from '../../steps/root-mfa.js';
import { FakeClock } from '../support/fake-clock.js';
import { runSteps, useTestAccount, checkContext } from '../support/test-account.js';

const account = useTestAccount();

async function check(step: typeof rootMfa) {
  const identity = await account.identity();
  return step.check(checkContext(identity, account.reader(identity)));
}

describe('root-mfa', () => {
  it('fails while root signs in with a password alone, passes once MFA is on', async () => {
    expect(await check(rootMfa)).toMatchObject({ status: 'fail' });
    account.proxy.state.mfa = true;
    expect(await check(rootMfa)).toMatchObject({ status: 'pass' });
  });

  it('is not applicable when root has no password at all', async () => {
    account.proxy.state.password = false;
    expect(await check(rootMfa)).toMatchObject({ status: 'not-applicable', detail: expect.stringContaining('no password') });
  });

  it('is not applicable in partitions without root credentials', async () => {
    account.proxy.state.partition = 'aws-cn';
    const identity = await account.identity();
    expect(identity).toMatchObject({ partition: 'aws-cn', isRoot: true, hasRootCredentials: false });
    expect(await check(rootMfa)).toMatchObject({ status: 'not-applicable' });
    expect(await check(rootAccessKeys)).toMatchObject({ status: 'not-applicable' });
  });

  it('tells the way through the console, backup device included, then notices MFA appear while polling', async () => {
    const clock = new FakeClock();
    clock.onSleep = () => {
      if (clock.sleeps.length === 3) account.proxy.state.mfa = true;
    };
    const { ui, outcomes } = await runSteps(account, [rootMfa], {}, { clock });
    expect(outcomes).toEqual(['done']);
    const list = ui.of('checklist')[0]!.list;
    expect(list.url).toBe('https://console.aws.amazon.com/iam/home#/security_credentials');
    expect(list.items.join(' ')).toMatch(/authenticator app.*passkey or security key.*hardware TOTP/i);
    expect(list.tips!.join(' ')).toMatch(/up to 8 MFA devices/);
    expect(account.proxy.count('iam:GetAccountSummary')).toBe(4);
  });
});

describe('root-access-keys', () => {
  it('fails while any key exists (inactive ones count) and passes at zero', async () => {
    expect(await check(rootAccessKeys)).toMatchObject({ status: 'fail', detail: expect.stringContaining('deactivated') });
    account.proxy.state.accessKeys = false;
    expect(await check(rootAccessKeys)).toMatchObject({ status: 'pass' });
  });

  it('asks for deletion, and warns when this very run is signed with a root key', async () => {
    const { ui, outcomes } = await runSteps(account, [rootAccessKeys], {}, { interactive: false, identity: { usesRootAccessKey: true } });
    expect(outcomes).toEqual(['pending']);
    const items = ui.of('checklist')[0]!.list.items.join(' ');
    expect(items).toMatch(/Delete/);
    expect(items).toMatch(/ends this session/);
  });

  it('reads the account summary once when both root checks run on one reader', async () => {
    const identity = await account.identity();
    const read = account.reader(identity);
    account.proxy.resetCounts();
    await Promise.all([rootMfa.check(checkContext(identity, read)), rootAccessKeys.check(checkContext(identity, read))]);
    expect(account.proxy.count('iam:GetAccountSummary')).toBe(1);
  });
});
