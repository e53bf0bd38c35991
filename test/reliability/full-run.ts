// One full --yes run of the wizard on a fresh account, and the account state it leaves, read
// straight from moto (not through the proxy, so reading adds no calls and meets no fault).
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { BudgetsClient, DescribeBudgetsCommand, DescribeNotificationsForBudgetCommand } from '@aws-sdk/client-budgets';
import {
  GetAccountPasswordPolicyCommand,
  GetGroupCommand,
  ListAccountAliasesCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { adminState, type E2EAccount } from '../e2e/helpers.js';

export const FULL_RUN_PASSWORD = 'Full-Run-Passw0rd-42';
export const ADMIN = 'ops-admin';

/** Every value the wizard asks for, as flags: the run asks nothing. */
export const FULL_RUN_FLAGS = [
  '--yes', '--admin-user', ADMIN, '--password-stdin',
  '--security-contact-name', 'Security Team', '--security-contact-email', 'security@example.com', '--security-contact-phone', '+1 555 0100',
  '--budget-amount', '20', '--alert-email', 'billing@example.com', '--account-alias', 'full-run-alias',
];

/** The write calls of that run, in the order it makes them. */
export const FULL_RUN_WRITES = [
  'iam:CreateUser',
  'iam:CreateLoginProfile',
  'iam:CreateGroup',
  'iam:AttachGroupPolicy',
  'iam:AddUserToGroup',
  'iam:UpdateAccountPasswordPolicy',
  'iam:CreateAccountAlias',
  'account:PutAlternateContact',
  'budgets:CreateBudget',
];

const ignoreMissing = <T>(read: Promise<T>) =>
  read.catch((error: Error) => {
    if (/NoSuchEntity|NotFound/.test(error.name)) return undefined;
    throw error;
  });

/** What the wizard can change, in a form two accounts can be compared by. */
export async function accountState(account: E2EAccount) {
  const config = { endpoint: account.moto.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } };
  const budgets = new BudgetsClient(config);
  const contacts = new AccountClient(config);
  const { iam } = account;
  try {
    const admin = await adminState(iam, ADMIN);
    const groups = await Promise.all(
      ((await iam.send(new ListGroupsCommand({}))).Groups ?? []).map(async ({ GroupName }) => ({
        name: GroupName,
        policies: (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies?.map((p) => p.PolicyArn),
        members: (await iam.send(new GetGroupCommand({ GroupName }))).Users?.map((u) => u.UserName),
      })),
    );
    const policy = (await ignoreMissing(iam.send(new GetAccountPasswordPolicyCommand({}))))?.PasswordPolicy;
    const budgetList = (await budgets.send(new DescribeBudgetsCommand({ AccountId: '123456789012' }))).Budgets ?? [];
    return {
      users: admin.users,
      admin: { groups: admin.groups, userPolicies: admin.userPolicies, console: Boolean(admin.loginProfile), mfa: admin.mfa?.length },
      groups,
      passwordPolicy: policy && { length: policy.MinimumPasswordLength, reuse: policy.PasswordReusePrevention },
      aliases: (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases,
      virtualMfa: (await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices?.map((d) => ({ serial: d.SerialNumber, user: d.User?.UserName })),
      securityContact: await ignoreMissing(
        contacts.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })).then((c) => ({
          name: c.AlternateContact?.Name,
          email: c.AlternateContact?.EmailAddress,
          phone: c.AlternateContact?.PhoneNumber,
        })),
      ),
      budgets: await Promise.all(
        budgetList.map(async (b) => ({
          name: b.BudgetName,
          limit: b.BudgetLimit,
          alerts: (
            (await budgets.send(new DescribeNotificationsForBudgetCommand({ AccountId: '123456789012', BudgetName: b.BudgetName }))).Notifications ?? []
          )
            .map((n) => `${n.NotificationType} ${n.Threshold}`)
            .sort(),
        })),
      ),
    };
  } finally {
    budgets.destroy();
    contacts.destroy();
  }
}
