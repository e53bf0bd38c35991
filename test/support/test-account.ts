import { afterAll, beforeAll, beforeEach } from 'vitest';
import { AccountReader } from '../../src/aws/account-reader.js';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { whoAmI, type Identity } from '../../src/aws/identity.js';
import type { Clock } from '../../src/clock.js';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import type { CheckContext, RunState, Step } from '../../src/engine/types.js';
import { checkFlagsForYes } from '../../src/engine/preflight.js';
import { runWizard, type WizardOptions } from '../../src/engine/wizard.js';
import type { InputsFor, StepId } from '../../steps/manifest.js';
import { startAccountProxy, type AccountProxy, type RootState } from './account-proxy.js';
import { awsEnv } from './aws-env.js';
import { FakeClock } from './fake-clock.js';
import { startMoto, type Moto } from './moto.js';
import { ScriptedUI, type Answer } from './scripted-ui.js';
import type { UI } from '../../src/engine/ui.js';

/** A moto account behind the root-state proxy, with the product's own SDK clients pointed at it. */
export interface TestAccount {
  moto: Moto;
  proxy: AccountProxy;
  aws: AwsClients;
  identity(): Promise<Identity>;
  reader(identity: Identity, clock?: Clock): AccountReader;
  /** Fresh moto state, the default root state, zeroed call counts. */
  reset(state?: Partial<RootState>): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_ROOT: RootState = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };

export const TEMPORARY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'session-token' };

export async function startTestAccount(): Promise<TestAccount> {
  const moto = await startMoto();
  const proxy = await startAccountProxy(moto.url);
  // The product finds the emulator exactly as it would in real use: through AWS_ENDPOINT_URL.
  // Temporary credentials (ASIA…), as CloudShell gives root: not a root access key.
  for (const [key, value] of Object.entries({ ...awsEnv(proxy.url), ...TEMPORARY_CREDENTIALS })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const aws = await createClients({});
  return {
    moto,
    proxy,
    aws,
    identity: () => whoAmI(aws),
    reader: (identity, clock) => new AccountReader(aws, identity, undefined, clock),
    async reset(state = {}) {
      await moto.reset();
      proxy.state = { ...DEFAULT_ROOT, signedIn: new Set(), ...state };
      proxy.resetCounts();
      proxy.clearFailures();
    },
    async close() {
      for (const client of Object.values(aws)) client.destroy();
      await proxy.close();
      await moto.stop();
    },
  };
}

/**
 * The hooks every AWS test file needs: one account for the file, reset to `state` before each
 * test. The object is filled in by beforeAll, so tests use it as a plain TestAccount.
 */
export function useTestAccount(state: Partial<RootState> = {}): TestAccount {
  const account = {} as TestAccount;
  beforeAll(async () => void Object.assign(account, await startTestAccount()), 60_000);
  afterAll(() => account.close?.());
  beforeEach(() => account.reset(state));
  return account;
}

/** What a step's check reads: AWS's console of the caller's partition, and the run's state (none, as in status). */
export const checkContext = (identity: Identity, read: AccountReader, run: RunState = {}): CheckContext => ({
  identity,
  read,
  run,
  console: awsConsoleLinks(identity.partition),
});

/** Runs the real engine with the given steps against the test account, answering from a table. */
export async function runSteps<U extends UI = ScriptedUI>(
  account: TestAccount,
  steps: Step[],
  answers: Record<string, Answer | Answer[]> = {},
  options: {
    /** The steps' flags, by step id. */
    inputs?: { [Id in StepId]?: InputsFor<Id> };
    /** --admin-user. */
    adminUser?: string;
    dryRun?: boolean;
    interactive?: boolean;
    clock?: FakeClock;
    identity?: Partial<Identity>;
    /** To read what was shown even when the run throws; or another interface (the terminal's, the plain one). */
    ui?: U;
  } = {},
) {
  const ui = options.ui ?? (new ScriptedUI(answers, options.interactive ?? true) as UI as U);
  const clock = options.clock ?? new FakeClock();
  const identity = { ...(await account.identity()), ...options.identity };
  const wizard: WizardOptions = {
    steps,
    identity,
    aws: account.aws,
    ui,
    clock,
    signal: new AbortController().signal,
    inputs: { ...options.inputs, 'admin-user': { ...options.inputs?.['admin-user'], ...(options.adminUser && { adminUser: options.adminUser }) } },
    adminUser: options.adminUser,
    dryRun: options.dryRun ?? false,
    pollIntervalMs: 5000,
    waitTimeoutMs: 60_000,
    newReader: () => account.reader(identity, clock),
    console: { links: awsConsoleLinks(identity.partition) },
  };
  // Without a terminal a real run is a --yes run (or a dry run), which checks its flags first.
  if (!ui.interactive && !wizard.dryRun) {
    await checkFlagsForYes(steps, wizard.inputs, [], () => checkContext(identity, wizard.newReader(), { adminUser: options.adminUser }));
  }
  const reports = await runWizard(wizard);
  return { ui, clock, reports, outcomes: reports.map((r) => r.outcome) };
}

/** Write calls the proxy saw, e.g. ['iam:CreateUser', ...]. */
export const writeCalls = (proxy: AccountProxy) =>
  proxy.calls.filter((c) => /:(Create|Attach|Add|Put|Update|Delete|Enable|Detach|Remove)/.test(c));
