import type { StandardRetryBackoffStrategy } from '@smithy/types';
import { afterAll, beforeAll, beforeEach, onTestFinished, vi } from 'vitest';
import { AccountReader } from '../../src/aws/account-reader.js';
import { createClients, type AwsClients, type ClientOptions } from '../../src/aws/clients.js';
import { whoAmI, type Identity } from '../../src/aws/identity.js';
import type { ReportWait } from '../../src/aws/credential-report.js';
import { awsConsoleLinks } from '../../src/aws/console-links.js';
import type { CheckContext, RunState, Step } from '../../src/engine/types.js';
import type { UI } from '../../src/engine/ui.js';
import { checkFlagsForYes } from '../../src/engine/preflight.js';
import { runWizard, type WizardOptions } from '../../src/engine/wizard.js';
import type { InputsFor, StepId } from '../../steps/manifest.js';
import { startAccountProxy, type AccountProxy, type ProxyExtension, type RootState } from './account-proxy.js';
import { awsEnv } from './aws-env.js';
import { FakeClock } from './fake-clock.js';
import { startMoto, type Moto } from './moto.js';
import { ScriptedUI, type Answer } from './scripted-ui.js';

/** A moto account behind the root-state proxy, with the product's own SDK clients pointed at it. */
export interface TestAccount {
  moto: Moto;
  proxy: AccountProxy;
  aws: AwsClients;
  identity(): Promise<Identity>;
  /** With `wait`, a wizard's reader (it waits for the credential report); without, status's. */
  reader(identity: Identity, wait?: ReportWait): AccountReader;
  /** Fresh moto state, the default root state, zeroed call counts. */
  reset(state?: Partial<RootState>): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_ROOT: RootState = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };

export const TEMPORARY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'session-token' };

/** Options for the account: what the proxy supplies beyond moto, and the product's SDK clients' options. */
export interface TestAccountOptions {
  /** Supplies what moto lacks for an area (Identity Center, Organizations' root access). */
  extension?: ProxyExtension;
  /** Options for the product's SDK clients (e.g. a retry backoff that does not wait). */
  clients?: ClientOptions;
}

export async function startTestAccount({ extension, clients = {} }: TestAccountOptions = {}): Promise<TestAccount> {
  const moto = await startMoto();
  const proxy = await startAccountProxy(moto.url, undefined, extension);
  // The product finds the emulator exactly as it would in real use: through AWS_ENDPOINT_URL.
  // Temporary credentials (ASIA…), as CloudShell gives root: not a root access key.
  for (const [key, value] of Object.entries({ ...awsEnv(proxy.url), ...TEMPORARY_CREDENTIALS })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const aws = await createClients(clients);
  return {
    moto,
    proxy,
    aws,
    identity: () => whoAmI(aws),
    reader: (identity, wait) => new AccountReader(aws, identity, undefined, wait),
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
export function useTestAccount(state: Partial<RootState> = {}, options: TestAccountOptions = {}): TestAccount {
  const account = {} as TestAccount;
  beforeAll(async () => void Object.assign(account, await startTestAccount(options)), 60_000);
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

/**
 * What every test run of the engine is given alike: the run's clients, identity, interface and
 * clock, a signal nobody aborts, the engine's polling figures, and a reader per run on that clock
 * that shows its waits on `ui`.
 */
export const engineOptions = (aws: AwsClients, identity: Identity, ui: UI, clock: FakeClock) => ({
  aws,
  identity,
  ui,
  clock,
  signal: new AbortController().signal,
  pollIntervalMs: 5000,
  waitTimeoutMs: 60_000,
  newReader: () => new AccountReader(aws, identity, undefined, { clock, onWait: (why: string) => ui.busy(why) }),
});

/**
 * Runs the real engine with the given steps against the test account, answering from a table (or
 * through another interface, `options.ui`).
 */
export async function runSteps<U extends UI = ScriptedUI>(
  account: TestAccount,
  steps: Step[],
  answers: Record<string, Answer | Answer[]> = {},
  options: {
    /** Another interface than a fresh ScriptedUI (a PlainUI, a TerminalUI), or one to read what was shown even when the run throws. */
    ui?: U;
    /** The steps' flags, by step id. */
    inputs?: { [Id in StepId]?: InputsFor<Id> };
    /** --admin-user. */
    adminUser?: string;
    dryRun?: boolean;
    interactive?: boolean;
    clock?: FakeClock;
    identity?: Partial<Identity>;
    /** The run's own SDK clients (to watch or slow its calls, or with no retry backoff), else the account's. */
    aws?: AwsClients;
  } = {},
) {
  const ui = options.ui ?? (new ScriptedUI(answers, options.interactive ?? true) as unknown as U);
  const clock = options.clock ?? new FakeClock();
  const identity = { ...(await account.identity()), ...options.identity };
  const aws = options.aws ?? account.aws;
  const wizard: WizardOptions = {
    ...engineOptions(aws, identity, ui, clock),
    steps,
    inputs: { ...options.inputs, 'admin-user': { ...options.inputs?.['admin-user'], ...(options.adminUser && { adminUser: options.adminUser }) } },
    adminUser: options.adminUser,
    adminVia: options.inputs?.['admin-user']?.adminVia,
    dryRun: options.dryRun ?? false,
    console: { links: awsConsoleLinks(identity.partition) },
  };
  // Without a terminal a real run is a --yes run (or a dry run), which checks its flags first.
  if (!ui.interactive && !wizard.dryRun) {
    await checkFlagsForYes(steps, wizard.inputs, [], () => checkContext(identity, wizard.newReader(), { adminUser: options.adminUser, adminVia: wizard.adminVia }));
  }
  const reports = await runWizard(wizard);
  return { ui, clock, reports, outcomes: reports.map((r) => r.outcome) };
}

/** Write calls the proxy saw, e.g. ['iam:CreateUser', ...]. */
export const writeCalls = (proxy: AccountProxy) =>
  proxy.calls.filter((c) => /:(Create|Attach|Add|Put|Update|Delete|Enable|Detach|Remove)/.test(c));

/** A retry backoff that never waits (createClients' retryBackoff): the attempts stay the SDK's own. */
export const NO_BACKOFF: StandardRetryBackoffStrategy = { computeNextBackoffDelay: () => 0, setDelayBase: () => {} };

/**
 * Fresh SDK clients for the test account, as each run of the program has (a retry strategy's budget
 * of retries is per client): retrying without waiting, each retry's notice pushed to `notices`.
 * With `stall`, a call is given up after 2 s instead of 15, for a test that stalls one on purpose.
 * They are destroyed when the test ends.
 */
export async function retryingClients(notices: string[], { stall = false } = {}): Promise<AwsClients> {
  if (stall) vi.stubEnv('AWS_ROOT_LOCKDOWN_REQUEST_TIMEOUT_MS', '2000');
  const aws = await createClients({ retryBackoff: NO_BACKOFF, onRetry: () => (notice) => void notices.push(notice) });
  vi.unstubAllEnvs();
  onTestFinished(() => Object.values(aws).forEach((client) => client.destroy()));
  return aws;
}
