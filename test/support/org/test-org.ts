// An AWS Organization for the org tests: moto (without AWS's managed policies, so members are made
// in milliseconds) holds the organization, its accounts and OUs; the test proxy in front of it adds
// centralized root access and root sessions (org-extension.ts). The program reaches it through
// AWS_ENDPOINT_URL (a spawned CLI) or an explicit endpoint (in-process runs), signed as an IAM user.
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll } from 'vitest';
import { startAccountProxy, type AccountProxy } from '../account-proxy.js';
import { awsEnv } from '../aws-env.js';
import type { Env } from '../env.js';
import { startMoto, type Moto } from '../moto.js';
import { CentralizedRoot, rootFromSpec, type RootSpec } from '../../../src/practice/services/organization/centralized-root.js';
import { stopEnforcing } from './org-enforcement.js';
import { orgExtension, type OrgExtension } from './org-extension.js';

/** moto's default account: the one an unknown access key acts in, so the management account here. */
export const MANAGEMENT_ACCOUNT = '123456789012';
/** An IAM user's long-term key (not root): what `org` must be run with. */
export const IAM_USER_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface MemberSpec {
  root?: RootSpec;
  /** SUSPENDED: closed in moto (CloseAccount). */
  state?: 'ACTIVE' | 'SUSPENDED';
  /** The OU (by name, directly under the root) the account is moved into. */
  ou?: string;
  scpDeniesRoot?: boolean;
}

export interface OrgSpec {
  /** Members by name; their ids come from moto. */
  members: Record<string, MemberSpec>;
  /** Where centralized root access stands; every switch on unless said. */
  access?: { trustedAccess?: boolean; rootCredentialsManagement?: boolean; rootSessions?: boolean };
  delegatedAdmin?: string;
  /** An organization with consolidated billing only (not all features). */
  consolidatedBillingOnly?: boolean;
}

export interface TestOrg {
  moto: Moto;
  proxy: AccountProxy;
  extension: OrgExtension;
  /** The emulated centralized root access of the current organization. */
  org: CentralizedRoot;
  /** Organizations straight at moto, as the management account (not through the proxy). */
  organizations: OrganizationsClient;
  /** Member ids by the names the spec gave them. */
  ids: Record<string, string>;
  /** OU ids by name. */
  ous: Record<string, string>;
  organizationId: string;
  /** A fresh organization as the spec says; call counts and stats zeroed. */
  reset(spec: OrgSpec): Promise<void>;
  /** Environment for the CLI: the proxy as endpoint, an IAM user's key. */
  env(overrides?: Env): Env;
  /** Client options for an in-process run: the proxy as endpoint, an IAM user's key. */
  clientOptions: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  close(): Promise<void>;
}

export async function startTestOrg(): Promise<TestOrg> {
  const moto = await startMoto({ managedPolicies: false });
  const extension = orgExtension(new CentralizedRoot(MANAGEMENT_ACCOUNT, 'o-unset'));
  const proxy = await startAccountProxy(moto.url, { caller: 'user' }, extension);
  extension.callerIsRoot = () => proxy.state.caller === 'root';
  const organizations = new OrganizationsClient({ endpoint: moto.url, region: 'us-east-1', credentials: IAM_USER_CREDENTIALS });
  const testOrg: TestOrg = {
    moto,
    proxy,
    extension,
    org: extension.org,
    organizations,
    ids: {},
    ous: {},
    organizationId: '',
    async reset(spec) {
      await stopEnforcing(testOrg);
      await moto.reset();
      proxy.state = { caller: 'user', mfa: true, accessKeys: false, password: true, signedIn: new Set() };
      proxy.resetCounts();
      proxy.clearFailures();
      Object.assign(extension, { latencyMs: 0, throttleFraction: 0, callerAccount: MANAGEMENT_ACCOUNT });
      const created = await organizations.send(new CreateOrganizationCommand({ FeatureSet: spec.consolidatedBillingOnly ? 'CONSOLIDATED_BILLING' : 'ALL' }));
      testOrg.organizationId = created.Organization!.Id!;
      const org = new CentralizedRoot(MANAGEMENT_ACCOUNT, testOrg.organizationId);
      org.allFeatures = !spec.consolidatedBillingOnly;
      extension.org = org;
      testOrg.org = org;
      const rootId = (await organizations.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      testOrg.ids = {};
      testOrg.ous = {};
      for (const [name, member] of Object.entries(spec.members)) {
        const status = await organizations.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
        const id = status.CreateAccountStatus!.AccountId!;
        testOrg.ids[name] = id;
        org.members.set(id, member.state ?? 'ACTIVE');
        org.roots.set(id, rootFromSpec(id, member.root ?? {}));
        if (member.scpDeniesRoot) org.scpDeniesRoot.add(id);
        if (member.state === 'SUSPENDED') await organizations.send(new CloseAccountCommand({ AccountId: id }));
        if (member.ou) {
          testOrg.ous[member.ou] ??= (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: member.ou }))).OrganizationalUnit!.Id!;
          await organizations.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: testOrg.ous[member.ou] }));
        }
      }
      const access = { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true, ...spec.access };
      org.trustedAccess = access.trustedAccess;
      if (access.rootCredentialsManagement) org.features.add('RootCredentialsManagement');
      if (access.rootSessions) org.features.add('RootSessions');
      if (spec.delegatedAdmin) org.delegatedAdmins.push(testOrg.ids[spec.delegatedAdmin] ?? spec.delegatedAdmin);
      proxy.resetCounts();
      extension.resetStats();
    },
    env: (overrides = {}) => ({
      ...awsEnv(proxy.url),
      AWS_ACCESS_KEY_ID: IAM_USER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: IAM_USER_CREDENTIALS.secretAccessKey,
      CI: undefined,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      NODE_DISABLE_COLORS: undefined,
      ...overrides,
    }),
    clientOptions: { endpoint: proxy.url, region: 'us-east-1', credentials: IAM_USER_CREDENTIALS },
    async close() {
      organizations.destroy();
      extension.stopEnforcing();
      await proxy.close();
      await moto.stop();
    },
  };
  return testOrg;
}

/** One organization for a test file, started before its tests and closed after; each test resets it. */
export function useTestOrg(): TestOrg {
  let current: TestOrg | undefined;
  beforeAll(async () => void (current = await startTestOrg()), 120_000);
  afterAll(() => current?.close());
  // Each property read goes to the live object: reset() replaces the ids and the organization.
  return new Proxy({} as TestOrg, {
    get: (_, key) => {
      if (!current) throw new Error('useTestOrg: the organization is not started yet (use it inside a test or hook)');
      return current[key as keyof TestOrg];
    },
  });
}

/** The organization of the issue: one member in each state the program must tell apart. */
export const MIXED_ORGANIZATION: OrgSpec = {
  members: {
    'no-password': { root: {} },
    'password-no-mfa': { root: { password: true } },
    'old-root-key': { root: { keys: [{ status: 'active', lastUsed: '2021-06-30T12:00:00Z' }] } },
    'password-and-mfa': { root: { password: true, mfa: ['virtual'], certificates: 1 } },
    'already-locked': { root: {} },
    closed: { state: 'SUSPENDED', root: { password: true } },
  },
};
