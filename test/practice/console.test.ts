import { GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { CreateBudgetCommand, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  ListMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { describeScenarioIssue, newAccountScenario, scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { PRACTICE_CREDENTIALS, startPracticeServer, type PracticeServer } from '../../src/practice/server.js';
import { twoConsecutiveCodes } from '../../src/totp.js';

/** The practice console over HTTP, checked through what the wizard reads: the IAM API. */

let server: PracticeServer;
let aws: AwsClients;

beforeEach(async () => {
  server = await startPracticeServer(new PracticeAccount(newAccountScenario()));
  aws = await createClients({ endpoint: server.url, region: 'us-east-1', credentials: PRACTICE_CREDENTIALS });
});
afterEach(() => server.close());

const summary = async () => (await aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;

async function submit(path: string, form: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const field = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? '';

async function startMfa(principal: string) {
  const page = await submit('/mfa/start', { principal });
  expect(page.status).toBe(200);
  expect(page.html).toContain('<svg');
  return { secret: field(page.html, /<code id="secret">([A-Z2-7]+)<\/code>/), token: field(page.html, /name="token" value="([0-9a-f]+)"/) };
}

describe('the practice console', () => {
  it('says PRACTICE on every page', async () => {
    await aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
    const pages = ['/', '/security_credentials', `/signin/${server.account.state.accountId}`, '/users/admin-jane', '/users/nobody', '/no-such-page'];
    for (const path of pages) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html).toMatch(/<title>PRACTICE · /);
      expect(html).toMatch(/<strong>PRACTICE<\/strong>/);
    }
    expect(await submit('/mfa/start', { principal: 'admin-jane' })).toMatchObject({ html: expect.stringMatching(/<strong>PRACTICE<\/strong>/) });
  });

  it('assigns root an MFA device only for two consecutive codes from the secret it showed', async () => {
    const { secret, token } = await startMfa('root');
    expect(secret).toHaveLength(32);

    const wrong = await submit('/mfa/finish', { token, code1: '123456', code2: '654321' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('not two consecutive codes');
    expect((await summary()).AccountMFAEnabled).toBe(0);

    const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
    const right = await submit('/mfa/finish', { token, code1, code2 });
    expect(right).toMatchObject({ status: 303, location: expect.stringMatching(/^\/security_credentials\?/) });
    expect((await summary()).AccountMFAEnabled).toBe(1);
    // The seed is not in the scenario, which is all that is ever saved.
    expect(JSON.stringify(server.account.state)).not.toContain(secret);
  });

  it('lists root access keys; deactivating keeps the key counted, deleting removes it', async () => {
    const page = await (await fetch(`${server.url}/security_credentials`)).text();
    expect(page).toContain('AKIAPRACTICEROOTKEY1');

    await submit('/access-keys/status', { id: 'AKIAPRACTICEROOTKEY1', status: 'Inactive' });
    expect(server.account.state.root.accessKeys[0]?.status).toBe('Inactive');
    expect((await summary()).AccountAccessKeysPresent).toBe(1);

    const deleted = await submit('/access-keys/delete', { id: 'AKIAPRACTICEROOTKEY1' });
    expect(deleted.status).toBe(303);
    expect((await summary()).AccountAccessKeysPresent).toBe(0);
    expect(await (await fetch(`${server.url}/security_credentials`)).text()).not.toContain('AKIAPRACTICEROOTKEY1');
  });

  it('takes root signing certificates from a scenario: at most 2, each with an IAM certificate id', () => {
    const withCertificates = (certificates: unknown[]) => {
      const scenario = { ...newAccountScenario(), root: { ...newAccountScenario().root, signingCertificates: certificates } };
      const parsed = scenarioSchema.safeParse(scenario);
      return parsed.success ? 'ok' : describeScenarioIssue(parsed.error);
    };
    const certificate = (id: string) => ({ id, status: 'Active', created: '2026-01-01T00:00:00Z' });
    expect(withCertificates([certificate('PRACTICEROOTCERTIFICATE1'), certificate('PRACTICEROOTCERTIFICATE2')])).toBe('ok');
    expect(withCertificates([1, 2, 3].map((n) => certificate(`PRACTICEROOTCERTIFICATE${n}`)))).toBe('root.signingCertificates: root can have at most 2 signing certificates');
    expect(withCertificates([certificate('short')])).toBe('root.signingCertificates.0.id: must be 24 to 128 capital letters or digits');
    expect(newAccountScenario().root.signingCertificates).toEqual([]); // a new AWS account has none
  });

  it("lists root's X.509 signing certificates; deactivating keeps one counted, deleting removes it", async () => {
    const id = 'PRACTICEROOTCERTIFICATE1';
    server.account.change((s) => s.root.signingCertificates.push({ id, status: 'Active', created: '2026-01-01T00:00:00Z' }));
    expect((await summary()).AccountSigningCertificatesPresent).toBe(1);
    expect(await (await fetch(`${server.url}/security_credentials`)).text()).toContain(`<tr data-certificate="${id}">`);

    await submit('/signing-certificates/status', { id, status: 'Inactive' });
    expect(server.account.state.root.signingCertificates[0]?.status).toBe('Inactive');
    expect((await summary()).AccountSigningCertificatesPresent).toBe(1);

    expect(await submit('/signing-certificates/delete', { id })).toMatchObject({ status: 303, location: expect.stringMatching(/^\/security_credentials\?/) });
    expect((await summary()).AccountSigningCertificatesPresent).toBe(0);
    expect(await (await fetch(`${server.url}/security_credentials`)).text()).toContain('No X.509 certificates.');
    expect((await submit('/signing-certificates/delete', { id })).status).toBe(404);
  });

  it('signs an IAM user in: checks the password, asks for a new one when required, sets PasswordLastUsed', async () => {
    await aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
    await aws.iam.send(new CreateLoginProfileCommand({ UserName: 'admin-jane', Password: 'First-Passw0rd!', PasswordResetRequired: true }));
    const signIn = `/signin/${server.account.state.accountId}`;

    expect((await submit(signIn, { user: 'admin-jane', password: 'wrong-Passw0rd!' })).status).toBe(401);
    const asked = await submit(signIn, { user: 'admin-jane', password: 'First-Passw0rd!' });
    expect(asked.html).toContain('Choose a new password');
    expect((await aws.iam.send(new GetUserCommand({ UserName: 'admin-jane' }))).User?.PasswordLastUsed).toBeUndefined();

    const tooShort = await submit(signIn, { user: 'admin-jane', password: 'First-Passw0rd!', newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    const done = await submit(signIn, { user: 'admin-jane', password: 'First-Passw0rd!', newPassword: 'Second-Passw0rd!' });
    expect(done.html).toContain('Signed in as admin-jane');
    expect((await aws.iam.send(new GetUserCommand({ UserName: 'admin-jane' }))).User?.PasswordLastUsed).toBeInstanceOf(Date);
    // The new password is the one that works now.
    expect((await submit(signIn, { user: 'admin-jane', password: 'First-Passw0rd!' })).status).toBe(401);
  });

  it('assigns an IAM user an MFA device from the user page', async () => {
    await aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
    expect(await (await fetch(`${server.url}/users/admin-jane`)).text()).toContain('Assign MFA device');
    const { secret, token } = await startMfa('admin-jane');
    const [code1, code2] = twoConsecutiveCodes(secret, Date.now());
    expect((await submit('/mfa/finish', { token, code1, code2 })).location).toMatch(/^\/users\/admin-jane\?/);
    expect((await aws.iam.send(new ListMFADevicesCommand({ UserName: 'admin-jane' }))).MFADevices).toHaveLength(1);
  });

  it('does each console task for a learner without a browser', async () => {
    expect(server.console.assignRootMfa()).toMatch(/assigned the authenticator app/);
    expect(server.console.deleteRootAccessKeys()).toContain('AKIAPRACTICEROOTKEY1');
    server.account.change((s) => s.root.signingCertificates.push({ id: 'PRACTICEROOTCERTIFICATE1', status: 'Inactive', created: '2026-01-01T00:00:00Z' }));
    expect(server.console.deleteRootSigningCertificates()).toBe("deleted root's signing certificate PRACTICEROOTCERTIFICATE1");
    expect(await summary()).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountSigningCertificatesPresent: 0 });

    await aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
    await aws.iam.send(new CreateLoginProfileCommand({ UserName: 'admin-jane', Password: 'First-Passw0rd!', PasswordResetRequired: true }));
    expect(server.console.signInAdmins()).toBe('every console admin has signed in already'); // not an admin yet
    server.account.change((s) => s.users[0]!.policies.push('arn:aws:iam::aws:policy/AdministratorAccess'));
    expect(server.console.signInAdmins()).toBe('signed in as admin-jane and chose a new password');
    expect(server.console.assignAdminMfa()).toBe('assigned an authenticator app to admin-jane');
    expect((await aws.iam.send(new GetUserCommand({ UserName: 'admin-jane' }))).User?.PasswordLastUsed).toBeInstanceOf(Date);
    expect((await aws.iam.send(new ListMFADevicesCommand({ UserName: 'admin-jane' }))).MFADevices).toHaveLength(1);
  });

  it('shows on its home page what the account-wide steps set through the API', async () => {
    const home = async () => (await fetch(`${server.url}/`)).text();
    expect(await home()).toMatch(/Account alias<\/th><td>none/);
    await aws.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'practice-class' }));
    await aws.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
    await aws.account.send(
      new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Jane Doe', Title: 'Security', EmailAddress: 'sec@example.com', PhoneNumber: '+1 555 0100' }),
    );
    await aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: server.account.state.accountId,
        Budget: { BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '20', Unit: 'USD' } },
      }),
    );
    const page = await home();
    expect(page).toContain('<td>practice-class</td>');
    expect(page).toContain('minimum length 14, reuse prevention 24');
    expect(page).toContain('Jane Doe &lt;sec@example.com&gt;, +1 555 0100');
    expect(page).toContain('monthly-cost-alert: 20 USD monthly, 0 alerts');
    expect(page).toContain('href="/signin/practice-class"');
  });

  it('answers Budgets and the Account API on the same endpoint, and only what it simulates', async () => {
    const { accountId } = server.account.state;
    await expect(aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(aws.budgets.send(new DescribeBudgetsCommand({ AccountId: '999988887777' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect((await aws.budgets.send(new DescribeBudgetsCommand({ AccountId: accountId }))).Budgets).toEqual([]);
    // A field the service checks, named in the message; nothing is created.
    await expect(
      aws.budgets.send(
        new CreateBudgetCommand({ AccountId: accountId, Budget: { BudgetName: 'b', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 'lots', Unit: 'USD' } } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("budget.budgetLimit.amount") });
    expect(server.account.state.budgets).toEqual([]);
    const unknown = await fetch(server.url, { method: 'POST', headers: { 'x-amz-target': 'AWSBudgetServiceGateway.DeleteBudget', authorization: 'AWS4-HMAC-SHA256 Credential=ASIAPRACTICE00000000/x' }, body: '{}' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'InvalidAction', message: expect.stringContaining('budgets:DeleteBudget') });
    expect(server.calls).toEqual(['account:GetAlternateContact', 'budgets:DescribeBudgets', 'budgets:DescribeBudgets', 'budgets:CreateBudget', 'budgets:DeleteBudget']);
  });

  it('refuses API calls signed with any credentials but the practice ones', async () => {
    const other = await createClients({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    });
    await expect(other.iam.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await expect(other.budgets.send(new DescribeBudgetsCommand({ AccountId: server.account.state.accountId }))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(other.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });
});
