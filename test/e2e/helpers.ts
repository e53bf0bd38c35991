// Shared support for the end-to-end tests: the built CLI, run in a pty or through pipes, against
// moto behind the root-state proxy. Every test file starts its own moto + proxy (startE2EAccount).
import { AccountClient, GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { BudgetsClient, DescribeBudgetsCommand, DescribeNotificationsForBudgetCommand } from '@aws-sdk/client-budgets';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateAccountAliasCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAccountAliasesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { startAccountProxy, type AccountProxy, type ProxyExtension, type RootState } from '../support/account-proxy.js';
import { createAlertingBudget } from '../support/budget.js';
import { awsEnv } from '../support/aws-env.js';
import type { Env } from '../support/env.js';
import { startMoto, type Moto } from '../support/moto.js';
import { runProcess, type ProcessResult } from '../support/process.js';
import { spawnPty, type PtySession } from '../support/pty.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { CLI, ROOT } from '../support/cli-path.js';

export { CLI, ROOT };
export const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const ACCOUNT_ID = '123456789012';
/** What a write call looks like in proxy.calls ('iam:CreateUser', ...). */
export const WRITE = /:(Create|Attach|Add|Put|Update|Delete|Enable|Detach|Remove)/;

/** Generous: 2 cores, several files in parallel, each CLI start loads the AWS SDK. */
export const SCREEN_TIMEOUT_MS = 30_000;
export const TEST_TIMEOUT_MS = 120_000;
export const SETUP_TIMEOUT_MS = 120_000;

/** Temporary credentials (ASIA…), as CloudShell gives root: the normal case, not a root access key. */
export const TEMPORARY_CREDENTIALS: Env = { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SESSION_TOKEN: 'x' };

export const DEFAULT_STATE: RootState = { caller: 'root', mfa: false, accessKeys: true, password: true, signedIn: new Set() };

export interface E2EAccount {
  moto: Moto;
  proxy: AccountProxy;
  /** SDK clients straight at moto (not through the proxy, so they add no proxy calls). */
  iam: IAMClient;
  account: AccountClient;
  budgets: BudgetsClient;
  /** Environment for the CLI: the proxy as endpoint, temporary root credentials, no real ~/.aws. */
  env(overrides?: Env): Env;
  /** Fresh moto state, the given root state, zeroed proxy calls, no failures planned. */
  reset(state?: Partial<RootState>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The hooks every end-to-end file needs: one account for the file (filled in by beforeAll, so
 * tests use it as a plain E2EAccount), closed after, and reset before each test unless the file
 * resets it itself.
 */
export function useE2EAccount({ resetEach = true, extension }: { resetEach?: boolean; extension?: ProxyExtension } = {}): E2EAccount {
  const account = {} as E2EAccount;
  beforeAll(async () => void Object.assign(account, await startE2EAccount(extension)), SETUP_TIMEOUT_MS);
  afterAll(() => account.close?.());
  if (resetEach) beforeEach(() => account.reset());
  return account;
}

/** `extension` supplies what moto lacks for an area (see account-proxy.ts). */
export async function startE2EAccount(extension?: ProxyExtension): Promise<E2EAccount> {
  const moto = await startMoto();
  const proxy = await startAccountProxy(moto.url, undefined, extension);
  const config = {
    endpoint: moto.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
  };
  const iam = new IAMClient(config);
  const accountClient = new AccountClient(config);
  const budgets = new BudgetsClient(config);
  return {
    moto,
    proxy,
    iam,
    account: accountClient,
    budgets,
    env: (overrides = {}) => ({
      ...awsEnv(proxy.url),
      ...TEMPORARY_CREDENTIALS,
      // A person's terminal: ora hides its spinner when CI is set.
      CI: undefined,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      NODE_DISABLE_COLORS: undefined,
      ...overrides,
    }),
    async reset(state = {}) {
      await moto.reset();
      proxy.state = { ...DEFAULT_STATE, signedIn: new Set(), ...state };
      proxy.resetCounts();
      // A failure a test set up and did not use up (it may have failed first) must not reach the next.
      proxy.clearFailures();
    },
    async close() {
      for (const client of [iam, accountClient, budgets]) client.destroy();
      await proxy.close();
      await moto.stop();
    },
  };
}

export function writeCalls(proxy: AccountProxy): string[] {
  return proxy.calls.filter((c) => WRITE.test(c));
}

/** The CLI in a pseudo-terminal, as a person runs it. */
export function runCliPty(args: string[], env: Env, size: { cols?: number; rows?: number } = {}): PtySession {
  return spawnPty(process.execPath, [CLI, ...args], { env, cwd: ROOT, ...size });
}

/** The CLI with plain pipes: not a terminal. */
export function runCli(args: string[], env: Env, input?: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLI, ...args], { env, cwd: ROOT, input, timeoutMs: 60_000 });
}

/** Resolves with the exit code, or fails with the screen if the CLI does not end in time. */
export async function exitCode(pty: PtySession, timeoutMs = SCREEN_TIMEOUT_MS): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      pty.kill('SIGKILL');
      reject(new Error(`CLI did not exit within ${timeoutMs} ms.\n--- screen ---\n${pty.output().slice(-3000)}`));
    }, timeoutMs);
  });
  try {
    return (await Promise.race([pty.exited, late])).exitCode;
  } finally {
    clearTimeout(timer);
  }
}

/** The key hints under the spinner of a console step (a required step's skip asks first). */
export const SPINNER_KEYS = /Enter: check now · s: skip (for now|\(asks first\))/;

/**
 * Waits until the spinner shows its `n`th check. The waiter starts listening for keys in the same
 * tick as it records a check, before the spinner redraws, so keys pressed after this are heard.
 */
export function waitChecked(pty: PtySession, n = 1, timeoutMs = SCREEN_TIMEOUT_MS): Promise<string> {
  return pty.waitFor(new RegExp(`Last check: [^\\n]*\\(${n} checks? so far\\)`), timeoutMs);
}

/** A step's header, whatever its number: `[3/12] Title (id)`, so adding a step breaks no test. */
export const header = (title: string, id: string) => new RegExp(`\\[\\d+/\\d+\\] ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${id}\\)`);

/**
 * Answers one prompt: waits for `? question`, types `text` (nothing: take the default), presses
 * Enter and waits for inquirer's "✔ question" echo. Resolves with the screen up to the question.
 */
export async function answer(pty: PtySession, question: string, text = ''): Promise<string> {
  const shown = await pty.waitFor(`? ${question}`, SCREEN_TIMEOUT_MS);
  if (text) pty.write(text);
  pty.press('enter');
  await pty.waitFor(`✔ ${question}`, SCREEN_TIMEOUT_MS);
  return shown;
}

/**
 * Answers the admin-user step's questions in the terminal: an IAM user, its name, then the two selects in
 * whichever order they come (each by its first choice unless told), then the plan's confirmation.
 * Each answer waits for inquirer's "✔ question" echo, so a redraw is never answered twice.
 */
export async function answerAdminQuestions(
  pty: PtySession,
  o: { name?: string; grant?: 'group' | 'direct'; password?: 'generate' | 'type'; confirm?: boolean } = {},
): Promise<void> {
  // The kind of admin: an IAM user, the first choice.
  await pty.waitFor('? Which kind of admin for daily work?', SCREEN_TIMEOUT_MS);
  pty.press('enter');
  await pty.waitFor('✔ Which kind of admin for daily work?', SCREEN_TIMEOUT_MS);
  await pty.waitFor('? Name for the admin user', SCREEN_TIMEOUT_MS);
  if (o.name) pty.write(o.name);
  pty.press('enter');
  await pty.waitFor('✔ Name for the admin user', SCREEN_TIMEOUT_MS);
  for (let i = 0; i < 2; i++) {
    const text = await pty.waitFor(/\? How should (AdministratorAccess be given|\S+'s first console password be made)\?/, SCREEN_TIMEOUT_MS);
    const grant = text.endsWith('AdministratorAccess be given?');
    const second = grant ? o.grant === 'direct' : o.password === 'type';
    if (second) pty.press('down');
    pty.press('enter');
    await pty.waitFor(grant ? '✔ How should AdministratorAccess be given?' : /✔ How should \S+'s first console password be made\?/, SCREEN_TIMEOUT_MS);
  }
  if (o.confirm === undefined) return;
  await pty.waitFor('? Go ahead with these changes?', SCREEN_TIMEOUT_MS);
  pty.write(o.confirm ? 'y' : 'n');
  pty.press('enter');
  await pty.waitFor('✔ Go ahead with these changes?', SCREEN_TIMEOUT_MS);
}

/**
 * A finished account as a person leaves it: root MFA on, no root keys, an admin in Administrators
 * (with AdministratorAccess) who has a console password, has signed in and has MFA; the CIS
 * password policy and a security contact (`settings`); an alias and a budget with alerts (`optional`).
 */
export async function finishAccount(
  account: E2EAccount,
  name = 'admin',
  o: { mfa?: boolean; signedIn?: boolean; root?: boolean; settings?: boolean; optional?: boolean } = {},
) {
  const { iam, proxy } = account;
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Pre-Existing-Passw0rd!', PasswordResetRequired: true }));
  await iam.send(new CreateGroupCommand({ GroupName: 'Administrators' }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: ADMIN_POLICY }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: name }));
  if (o.mfa ?? true) await enableUserMfa(iam, name);
  if (o.signedIn ?? true) proxy.state.signedIn.add(name);
  if (o.root ?? true) Object.assign(proxy.state, { mfa: true, accessKeys: false });
  if (o.settings ?? true) {
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, AllowUsersToChangePassword: true }));
    await account.account.send(
      new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Sec Team', Title: 'Security', EmailAddress: 'sec@example.com', PhoneNumber: '+1 555 0100' }),
    );
  }
  if (o.optional ?? true) {
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'finished-e2e' }));
    await account.budgets.send(createAlertingBudget(ACCOUNT_ID, 'bills@example.com'));
  }
}

/** Waits until `predicate` holds, checking every 50 ms. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = SCREEN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Gives an IAM user a real (moto) virtual MFA device, as a person would in the console. */
export async function enableUserMfa(iam: IAMClient, userName: string): Promise<string> {
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${userName}-phone` }));
  const serial = device.VirtualMFADevice?.SerialNumber;
  if (!serial) throw new Error('moto returned no MFA serial number');
  await iam.send(
    new EnableMFADeviceCommand({ UserName: userName, SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
  );
  return serial;
}

/**
 * The admin set-up as it stands in moto, read back through the SDK. moto keeps no
 * PasswordResetRequired from CreateLoginProfile (it always reads back false): tests check that
 * flag in the request the CLI sent (proxy.lastParams).
 */
export async function adminState(iam: IAMClient, userName: string) {
  const users = (await iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName) ?? [];
  const exists = users.includes(userName);
  if (!exists) return { users, exists };
  const user = (await iam.send(new GetUserCommand({ UserName: userName }))).User;
  const groups = (await iam.send(new ListGroupsForUserCommand({ UserName: userName }))).Groups?.map((g) => g.GroupName) ?? [];
  const userPolicies =
    (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }))).AttachedPolicies?.map((p) => p.PolicyArn) ?? [];
  const groupPolicies: Record<string, (string | undefined)[]> = {};
  for (const group of groups) {
    groupPolicies[group!] =
      (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }))).AttachedPolicies?.map((p) => p.PolicyArn) ?? [];
  }
  let loginProfile: { PasswordResetRequired?: boolean } | undefined;
  try {
    loginProfile = (await iam.send(new GetLoginProfileCommand({ UserName: userName }))).LoginProfile;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchEntity' && (error as Error).name !== 'NoSuchEntityException') throw error;
  }
  const mfa = (await iam.send(new ListMFADevicesCommand({ UserName: userName }))).MFADevices?.map((d) => d.SerialNumber) ?? [];
  return { users, exists, user, groups, userPolicies, groupPolicies, loginProfile, mfa };
}

/** The account-wide settings as they stand in moto: password policy, alias, security contact, cost budgets. */
export async function accountSettings(account: E2EAccount) {
  const { iam } = account;
  let passwordPolicy;
  try {
    passwordPolicy = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchEntity' && (error as Error).name !== 'NoSuchEntityException') throw error;
  }
  const aliases = (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases ?? [];
  let securityContact;
  try {
    securityContact = (await account.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).AlternateContact;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  const budgets = (await account.budgets.send(new DescribeBudgetsCommand({ AccountId: ACCOUNT_ID }))).Budgets ?? [];
  const budgetAlerts: Record<string, number> = {};
  for (const b of budgets) {
    const answer = await account.budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT_ID, BudgetName: b.BudgetName }));
    budgetAlerts[b.BudgetName!] = answer.Notifications?.length ?? 0;
  }
  return { passwordPolicy, aliases, securityContact, budgets, budgetAlerts };
}

/** How the summary shows a console step a run left open with its checklist (no terminal, --yes), and one a dry run at a terminal would wait for. */
export const IN_CONSOLE = 'to do in the console (its checklist is above)';
export const WOULD_WAIT = 'would wait for you in the console';

/** A run's closing summary, read back: the steps in each part and what it says of each, and the steps done by this run. */
export function summaryOf(output: string): {
  required: Record<string, string>;
  planned: Record<string, string>;
  optional: Record<string, string>;
  advisory: Record<string, string>;
  doneNow: string[];
  text: string;
} {
  const text = output.slice(Math.max(output.lastIndexOf('\nSummary'), output.lastIndexOf('\nDry run: nothing was changed')) + 1);
  const part = (heading: RegExp) => {
    const start = text.search(heading);
    if (start < 0) return {};
    const rows = text.slice(start).split('\n').slice(1);
    const entries: [string, string][] = [];
    for (const row of rows) {
      const m = /^ {2}• .* \(([a-z-]+)\): (.*)$/.exec(row);
      // A bullet the window wrapped goes on under it, indented.
      if (!m && /^ {4}\S/.test(row) && entries.length > 0) entries[entries.length - 1]![1] += ` ${row.trim()}`;
      else if (!m) break;
      else entries.push([m[1]!, m[2]!]);
    }
    return Object.fromEntries(entries);
  };
  // "Done (N steps): a, b; in this run: c, d." is one paragraph, which a window may have wrapped.
  const done = /^Done \(.*(?:\n.+)*/m.exec(text)?.[0].replace(/\n/g, ' ') ?? '';
  const doneNow = /; in this run: (.*)\.$|^Done \(\d+ steps?\): in this run: (.*)\.$/.exec(done)?.slice(1).find(Boolean)?.split(/,\s+/) ?? [];
  return {
    required: part(/^Still to do, required/m),
    planned: part(/^Would be done by a run without --dry-run:/m),
    optional: part(/^Optional, not done \(offered on a re-run\):/m),
    advisory: part(/^Advisory, not checked \(checked again on a re-run\):/m),
    doneNow,
    text,
  };
}

export { loosely } from '../support/ansi.js';
