import { GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { CreateBudgetCommand, DeleteBudgetCommand, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  ListMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import { describeScenarioIssue, newAccountScenario, scenarioSchema } from '../../src/practice/scenarios/scenario.js';
import { text, useConsole } from './console-client.js';

/** The practice server's APIs beside its console, and the console's hands (the `p` key), checked through what the wizard reads: the IAM API. */

const c = useConsole();
const summary = async () => (await c.aws.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;

describe('the practice server', () => {
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

  it('does each console task for a learner without a browser', async () => {
    expect(c.server.console.assignRootMfa()).toMatch(/assigned the authenticator app/);
    expect(c.server.console.deleteRootAccessKeys()).toContain('AKIAPRACTICEROOTKEY1');
    c.server.account.change((s) => s.root.signingCertificates.push({ id: 'PRACTICEROOTCERTIFICATE1', status: 'Inactive', created: '2026-01-01T00:00:00Z' }));
    expect(c.server.console.deleteRootSigningCertificates()).toBe("deleted root's signing certificate PRACTICEROOTCERTIFICATE1");
    expect(await summary()).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountSigningCertificatesPresent: 0 });

    await c.aws.iam.send(new CreateUserCommand({ UserName: 'admin-jane' }));
    await c.aws.iam.send(new CreateLoginProfileCommand({ UserName: 'admin-jane', Password: 'First-Passw0rd!', PasswordResetRequired: true }));
    expect(c.server.console.signInAdmins()).toBe('every console admin has signed in already'); // not an admin yet
    c.server.account.change((s) => s.users[0]!.policies.push('arn:aws:iam::aws:policy/AdministratorAccess'));
    expect(c.server.console.signInAdmins()).toBe('signed in as admin-jane and chose a new password');
    expect(c.server.console.assignAdminMfa()).toBe('assigned an authenticator app to admin-jane');
    expect((await c.aws.iam.send(new GetUserCommand({ UserName: 'admin-jane' }))).User?.PasswordLastUsed).toBeInstanceOf(Date);
    expect((await c.aws.iam.send(new ListMFADevicesCommand({ UserName: 'admin-jane' }))).MFADevices).toHaveLength(1);
  });

  it('shows on its home page what the account-wide steps set through the API', async () => {
    const home = async () => text((await c.get('/')).html);
    expect(await home()).toContain('Account alias none (IAM users sign in with the account ID)');
    await c.aws.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'practice-class' }));
    await c.aws.iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }));
    await c.aws.account.send(
      new PutAlternateContactCommand({ AlternateContactType: 'SECURITY', Name: 'Jane Doe', Title: 'Security', EmailAddress: 'sec@example.com', PhoneNumber: '+1 555 0100' }),
    );
    await c.aws.budgets.send(
      new CreateBudgetCommand({
        AccountId: c.server.account.state.accountId,
        Budget: { BudgetName: 'monthly-cost-alert', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '20', Unit: 'USD' } },
      }),
    );
    const page = await home();
    expect(page).toContain('Account alias practice-class');
    expect(page).toContain('Password policy for IAM users minimum length 14, reuse prevention 24');
    expect(page).toContain('Security contact Jane Doe <sec@example.com>, +1 555 0100');
    expect(page).toContain('Budgets monthly-cost-alert: 20 USD monthly, 0 alerts');
    expect((await c.get('/')).html).toContain('<a href="/signin/practice-class">/signin/practice-class</a>');
  });

  it('answers Budgets and the Account API on the same endpoint, and only what it simulates', async () => {
    const { accountId } = c.server.account.state;
    await expect(c.aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(c.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: '999988887777' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect((await c.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: accountId }))).Budgets).toEqual([]);
    // A field the service checks, named in the message; nothing is created.
    await expect(
      c.aws.budgets.send(
        new CreateBudgetCommand({ AccountId: accountId, Budget: { BudgetName: 'b', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 'lots', Unit: 'USD' } } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("budget.budgetLimit.amount") });
    expect(c.server.account.state.budgets).toEqual([]);
    await expect(c.aws.budgets.send(new DeleteBudgetCommand({ AccountId: accountId, BudgetName: 'b' }))).rejects.toMatchObject({
      name: 'InvalidAction',
      message: expect.stringContaining('budgets:DeleteBudget'),
      $metadata: { httpStatusCode: 400 },
    });
    expect(c.server.calls).toEqual(['account:GetAlternateContact', 'budgets:DescribeBudgets', 'budgets:DescribeBudgets', 'budgets:CreateBudget', 'budgets:DeleteBudget']);
  });

  it('refuses API calls signed with any credentials but the practice ones', async () => {
    const other = await createClients({
      endpoint: c.server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    });
    await expect(other.iam.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await expect(other.budgets.send(new DescribeBudgetsCommand({ AccountId: c.server.account.state.accountId }))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(other.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });
});
