import { GetAlternateContactCommand, type AlternateContact } from '@aws-sdk/client-account';
import { DescribeNotificationsForBudgetCommand, paginateDescribeBudgets, type Budget, type Notification } from '@aws-sdk/client-budgets';
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  ListMFADevicesCommand,
  paginateGetAccountAuthorizationDetails,
  paginateGetGroup,
  paginateListAttachedGroupPolicies,
  paginateListEntitiesForPolicy,
  paginateListUsers,
  paginateListVirtualMFADevices,
  type GroupDetail,
  type PasswordPolicy,
  type User,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { isNoSuchEntity, isNotFound } from './aws-error.js';
import type { AwsClients } from './clients.js';
import { newestCredentialReport, waitForCredentialReport, type ReportLookup, type ReportWait } from './credential-report.js';
import { adminPolicyArn, type Identity } from './identity.js';

/** Who holds AdministratorAccess: what one wave of account-level reads can tell. */
export interface AdminHolders {
  /** IAM users holding AdministratorAccess, attached directly or through a group, sorted. */
  users: string[];
  /** IAM Identity Center roles (AWSReservedSSO_*) holding AdministratorAccess. */
  identityCenterRoles: string[];
}

export interface Admins extends AdminHolders {
  /** Those of `users` who can sign in to the console. */
  consoleUsers: string[];
}

/**
 * Which account the reader asks about: known at once from an identity, or still on its way, so
 * that reads which need neither can leave together with GetCallerIdentity.
 */
export interface ReaderScope {
  /** The partition, for AWS-managed policy ARNs (`aws`, `aws-cn`, ...). */
  partition: string | PromiseLike<string>;
  /** The 12-digit account id, for Budgets. */
  account: string | PromiseLike<string>;
}

/** The scope GetCallerIdentity's answer will give: a failed call is reported where the identity is awaited. */
export function scopeOf(identity: Promise<Pick<Identity, 'partition' | 'account'>>): { partition: Promise<string>; account: Promise<string> } {
  const partition = identity.then((i) => i.partition);
  const account = identity.then((i) => i.account);
  // A reader may never need one of them: their failure must not go unhandled.
  partition.catch(() => {});
  account.catch(() => {});
  return { partition, account };
}

/** A virtual MFA device without its seed, which the reader never keeps. */
export interface VirtualMfaDevice {
  serial: string;
  /** The ARN of the user it is assigned to; undefined while unassigned. */
  userArn?: string;
}

export interface BudgetWithNotifications {
  budget: Budget;
  notifications: Notification[];
}

/**
 * Read-only questions about the account, each asked of AWS at most once per reader: `status`
 * runs every check on one reader concurrently, and the wizard takes a fresh reader per check.
 */
export class AccountReader {
  private readonly memo = new Map<string, Promise<unknown>>();

  private readonly iam: AwsClients['iam'];

  constructor(
    private readonly aws: Pick<AwsClients, 'iam' | 'budgets' | 'account'>,
    private readonly scope: ReaderScope,
    private readonly signal: AbortSignal = new AbortController().signal,
    /**
     * Without it (status) the credential report is never waited for: the newest one is used and,
     * when over four hours old, a new one asked for. The wizard waits, telling the person why.
     */
    private readonly reportWait?: ReportWait,
  ) {
    this.iam = aws.iam;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memo.set(key, value);
    }
    return value;
  }

  private get options() {
    return { abortSignal: this.signal };
  }

  summary(): Promise<Record<string, number>> {
    return this.once('summary', async () => {
      const answer = await this.iam.send(new GetAccountSummaryCommand({}), this.options);
      return answer.SummaryMap ?? {};
    });
  }

  /**
   * Users and groups holding AdministratorAccess come from one GetAccountAuthorizationDetails
   * (users with their groups, groups with their policies), so group members are known without a
   * GetGroup per group; Identity Center roles from ListEntitiesForPolicy. The two run together.
   */
  adminHolders(): Promise<AdminHolders> {
    return this.once('admin-holders', async () => {
      const arn = adminPolicyArn(await this.scope.partition);
      const holds = (d: UserDetail | GroupDetail) => d.AttachedManagedPolicies?.some((p) => p.PolicyArn === arn) ?? false;
      const [{ users, groups }, roles] = await Promise.all([this.usersAndGroups(), this.rolesHolding(arn)]);
      const adminGroups = new Set(groups.filter(holds).map((g) => g.GroupName));
      const admins = users.filter((u) => holds(u) || u.GroupList?.some((g) => adminGroups.has(g)));
      return {
        users: admins.flatMap((u) => (u.UserName ? [u.UserName] : [])).sort(),
        identityCenterRoles: roles.filter((r) => r.startsWith('AWSReservedSSO_')),
      };
    });
  }

  admins(): Promise<Admins> {
    return this.once('admins', async () => {
      const holders = await this.adminHolders();
      const withConsole = await Promise.all(holders.users.map((u) => this.hasConsoleAccess(u)));
      return { ...holders, consoleUsers: holders.users.filter((_, i) => withConsole[i]) };
    });
  }

  private async usersAndGroups(): Promise<{ users: UserDetail[]; groups: GroupDetail[] }> {
    const users: UserDetail[] = [];
    const groups: GroupDetail[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: this.iam }, { Filter: ['User', 'Group'] })) {
      users.push(...(page.UserDetailList ?? []));
      groups.push(...(page.GroupDetailList ?? []));
    }
    return { users, groups };
  }

  private async rolesHolding(policyArn: string): Promise<string[]> {
    const roles: string[] = [];
    for await (const page of paginateListEntitiesForPolicy({ client: this.iam }, { PolicyArn: policyArn, EntityFilter: 'Role' })) {
      page.PolicyRoles?.forEach((r) => r.RoleName && roles.push(r.RoleName));
    }
    return roles;
  }

  groupMembers(group: string): Promise<string[]> {
    return this.once(`group:${group}`, async () => {
      const names: string[] = [];
      try {
        for await (const page of paginateGetGroup({ client: this.iam }, { GroupName: group })) {
          page.Users?.forEach((u) => u.UserName && names.push(u.UserName));
        }
      } catch (error) {
        if (!isNoSuchEntity(error)) throw error;
      }
      return names;
    });
  }

  /** undefined when the group does not exist. */
  groupPolicies(group: string): Promise<string[] | undefined> {
    return this.once(`group-policies:${group}`, async () => {
      const arns: string[] = [];
      try {
        for await (const page of paginateListAttachedGroupPolicies({ client: this.iam }, { GroupName: group })) {
          page.AttachedPolicies?.forEach((p) => p.PolicyArn && arns.push(p.PolicyArn));
        }
      } catch (error) {
        if (isNoSuchEntity(error)) return undefined;
        throw error;
      }
      return arns;
    });
  }

  hasConsoleAccess(user: string): Promise<boolean> {
    return this.once(`login:${user}`, async () => {
      try {
        await this.iam.send(new GetLoginProfileCommand({ UserName: user }), this.options);
        return true;
      } catch (error) {
        if (isNoSuchEntity(error)) return false;
        throw error;
      }
    });
  }

  mfaDevices(user: string): Promise<string[]> {
    return this.once(`mfa:${user}`, async () => {
      const answer = await this.iam.send(new ListMFADevicesCommand({ UserName: user }), this.options);
      return (answer.MFADevices ?? []).map((d) => d.SerialNumber ?? '');
    });
  }

  /** undefined when there is no such user. */
  user(name: string): Promise<User | undefined> {
    return this.once(`user:${name}`, async () => {
      try {
        return (await this.iam.send(new GetUserCommand({ UserName: name }), this.options)).User;
      } catch (error) {
        if (isNoSuchEntity(error)) return undefined;
        throw error;
      }
    });
  }

  /** IAM user names are unique ignoring case: the existing spelling of `name`, if any. */
  findUserName(name: string): Promise<string | undefined> {
    return this.once(`find-user:${name.toLowerCase()}`, async () => {
      for await (const page of paginateListUsers({ client: this.iam }, {})) {
        const match = page.Users?.find((u) => u.UserName?.toLowerCase() === name.toLowerCase());
        if (match?.UserName) return match.UserName;
      }
      return undefined;
    });
  }

  accountAlias(): Promise<string | undefined> {
    return this.once('alias', async () => {
      const answer = await this.iam.send(new ListAccountAliasesCommand({}), this.options);
      return answer.AccountAliases?.[0];
    });
  }

  /** undefined when the account has no password policy (AWS's default rules apply). */
  passwordPolicy(): Promise<PasswordPolicy | undefined> {
    return this.once('password-policy', async () => {
      try {
        return (await this.iam.send(new GetAccountPasswordPolicyCommand({}), this.options)).PasswordPolicy;
      } catch (error) {
        if (isNoSuchEntity(error)) return undefined;
        throw error;
      }
    });
  }

  /** Every virtual MFA device in the account, assigned or not. */
  virtualMfaDevices(): Promise<VirtualMfaDevice[]> {
    return this.once('virtual-mfa', async () => {
      const devices: VirtualMfaDevice[] = [];
      for await (const page of paginateListVirtualMFADevices({ client: this.iam }, { AssignmentStatus: 'Any' })) {
        page.VirtualMFADevices?.forEach((d) => d.SerialNumber && devices.push({ serial: d.SerialNumber, userArn: d.User?.Arn }));
      }
      return devices;
    });
  }

  credentialReport(): Promise<ReportLookup> {
    return this.once('credential-report', () =>
      this.reportWait
        ? waitForCredentialReport(this.iam, this.reportWait, this.signal)
        : // A report's age is a wall-clock fact, like the report's own timestamps.
          newestCredentialReport(this.iam, Date.now(), this.signal),
    );
  }

  /** The account's COST budgets, each with its notifications. */
  costBudgets(): Promise<BudgetWithNotifications[]> {
    return this.once('cost-budgets', async () => {
      const budgets: Budget[] = [];
      const AccountId = await this.scope.account;
      for await (const page of paginateDescribeBudgets({ client: this.aws.budgets }, { AccountId })) {
        page.Budgets?.forEach((b) => b.BudgetType === 'COST' && budgets.push(b));
      }
      return Promise.all(
        budgets.map(async (budget) => {
          const answer = await this.aws.budgets.send(
            new DescribeNotificationsForBudgetCommand({ AccountId, BudgetName: budget.BudgetName }),
            this.options,
          );
          return { budget, notifications: answer.Notifications ?? [] };
        }),
      );
    });
  }

  /** undefined when no security contact is set. */
  securityContact(): Promise<AlternateContact | undefined> {
    return this.once('security-contact', async () => {
      try {
        const answer = await this.aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }), this.options);
        return answer.AlternateContact;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }
}
