import { CentralizedRoot, rootFromSpec, type RootSpec } from './centralized-root.js';

/** An account of the practice organization, as Organizations describes it. */
export interface PracticeMember {
  id: string;
  name: string;
  email: string;
  /** ACTIVE, SUSPENDED, … (Organizations' `State`). */
  state: string;
  /** The root or OU it sits in. */
  parentId: string;
}

export interface PracticeUnit {
  id: string;
  name: string;
  parentId: string;
}

/**
 * The practice organization: the practice account as its management account, members in the
 * states a learner meets, an OU tree, and centralized root access (CentralizedRoot) over them.
 * It lives for the session: a scenario file holds the single account, not the organization.
 */
export class PracticeOrganization {
  readonly id = 'o-practice0001';
  readonly rootId = 'r-prac';
  readonly members: PracticeMember[] = [];
  readonly units: PracticeUnit[] = [];
  readonly central: CentralizedRoot;

  constructor(readonly managementAccountId: string) {
    this.central = new CentralizedRoot(managementAccountId, this.id);
    this.members.push({ id: managementAccountId, name: 'management', email: 'owner@example.com', state: 'ACTIVE', parentId: this.rootId });
  }

  unit(name: string): string {
    const existing = this.units.find((u) => u.name === name);
    if (existing) return existing.id;
    const id = `ou-prac-${name.toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(8, '0').slice(0, 8)}`;
    this.units.push({ id, name, parentId: this.rootId });
    return id;
  }

  addMember(m: { id: string; name: string; state?: string; ou?: string; root: RootSpec }) {
    const state = m.state ?? 'ACTIVE';
    this.members.push({ id: m.id, name: m.name, email: `aws+${m.name}@example.com`, state, parentId: m.ou ? this.unit(m.ou) : this.rootId });
    this.central.members.set(m.id, state);
    this.central.roots.set(m.id, rootFromSpec(m.id, m.root));
  }
}

/**
 * The built-in organization of `--practice`: six members, one in each state the org commands tell
 * apart. Trusted access and root sessions are on, so `org status --practice` reads every member at
 * once; root credentials management is off, so the org wizard has a switch to turn on and explain.
 */
export function builtInOrganization(managementAccountId: string): PracticeOrganization {
  const org = new PracticeOrganization(managementAccountId);
  org.addMember({ id: '210987654321', name: 'sandbox', ou: 'Sandbox', root: {} });
  org.addMember({ id: '310987654321', name: 'shared-services', ou: 'Infrastructure', root: { password: true } });
  org.addMember({ id: '410987654321', name: 'legacy-billing', root: { keys: [{ status: 'active', lastUsed: '2019-03-14T09:26:53Z' }] } });
  org.addMember({ id: '510987654321', name: 'security', ou: 'Infrastructure', root: { password: true, mfa: ['virtual'] } });
  org.addMember({ id: '610987654321', name: 'prod-web', ou: 'Prod', root: {} });
  org.addMember({ id: '710987654321', name: 'old-project', ou: 'Sandbox', state: 'SUSPENDED', root: { password: true } });
  org.central.trustedAccess = true;
  org.central.features.add('RootSessions');
  return org;
}
