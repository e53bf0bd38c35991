// `org status` against moto's organization and the proxy's root sessions, in-process.
import { beforeEach, describe, expect, it } from 'vitest';
import { runOrgInProcess } from '../support/org/run-org.js';
import { MANAGEMENT_ACCOUNT, MIXED_ORGANIZATION, useTestOrg } from '../support/org/test-org.js';

const t = useTestOrg();

interface JsonReport {
  organization: { id: string; managementAccountId: string; centralRootAccess: Record<string, boolean> };
  accounts: { id: string; name: string; state: string; verdict: string; detail: string; root?: { password: boolean; accessKeys: { status: string; lastUsed?: string }[]; mfaDevices: unknown[]; signingCertificates: unknown[] } }[];
  summary: { locked: number; open: number; unknown: number; notApplicable: number };
  ok: boolean;
}

const verdicts = (r: JsonReport) => Object.fromEntries(r.accounts.map((a) => [a.name, a.verdict]));

describe('org status', () => {
  beforeEach(() => t.reset(MIXED_ORGANIZATION));

  it('reads every member root in an audit session and gives each a verdict', async () => {
    const { code, stdout, stderr } = await runOrgInProcess(t, ['status', '--json']);
    const report = JSON.parse(stdout) as JsonReport;
    expect(stderr).toBe('');
    expect(report.organization).toEqual({
      id: t.organizationId,
      managementAccountId: MANAGEMENT_ACCOUNT,
      centralRootAccess: { trustedAccess: true, rootCredentialsManagement: true, rootSessions: true },
    });
    expect(verdicts(report)).toEqual({
      master: 'not-applicable',
      'no-password': 'locked',
      'password-no-mfa': 'open',
      'old-root-key': 'open',
      'password-and-mfa': 'open',
      'already-locked': 'locked',
      closed: 'unknown',
    });
    const byName = Object.fromEntries(report.accounts.map((a) => [a.name, a]));
    expect(byName['password-no-mfa']!.detail).toBe('password without MFA');
    expect(byName['old-root-key']!.root!.accessKeys).toEqual([expect.objectContaining({ status: 'Active', lastUsed: '2021-06-30' })]);
    expect(byName['password-and-mfa']!.detail).toBe('password, 1 MFA device, 1 signing certificate');
    expect(byName.closed!.detail).toMatch(/suspended \(closed\)/);
    expect(report.summary).toEqual({ locked: 2, open: 3, unknown: 1, notApplicable: 1 });
    expect(report.ok).toBe(false);
    expect(code).toBe(1);
  });

  it('opens each session with the audit task policy, on no suspended account, and changes nothing', async () => {
    await runOrgInProcess(t, ['status', '--json']);
    const assumed = t.proxy.calls.filter((c) => c === 'sts:AssumeRoot').length;
    expect(assumed).toBe(5);
    expect(t.proxy.lastParams('sts:AssumeRoot')?.get('TaskPolicyArn.arn')).toBe('arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
    expect(Number(t.proxy.lastParams('sts:AssumeRoot')?.get('DurationSeconds'))).toBeLessThanOrEqual(900);
    expect(t.proxy.calls.filter((c) => /:(Delete|Deactivate|Create|Enable|Register)/.test(c))).toEqual([]);
  });

  it('exits 0 when every active member chosen is locked', async () => {
    const { code, stdout } = await runOrgInProcess(t, ['status', '--accounts', `${t.ids['no-password']},${t.ids['already-locked']}`]);
    expect(stdout).toMatch(new RegExp(`${t.ids['no-password']}\\s+no-password\\s+locked`));
    expect(stdout).toContain('2 locked · 0 open · 0 unknown');
    expect(code).toBe(0);
  });

  it('--ou reads the accounts under an OU at any depth', async () => {
    await t.reset({ members: { a: { ou: 'Prod' }, b: { ou: 'Prod', root: { password: true } }, c: {} } });
    const { stdout } = await runOrgInProcess(t, ['status', '--json', '--ou', t.ous.Prod!]);
    expect(verdicts(JSON.parse(stdout) as JsonReport)).toEqual({ a: 'locked', b: 'open' });
  });

  it('writes CSV with a header and one row per account', async () => {
    const { stdout } = await runOrgInProcess(t, ['status', '--csv']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('account_id,account_name,state,verdict,password,access_keys,mfa_devices,signing_certificates,removed,detail');
    expect(lines).toHaveLength(8);
    expect(lines.find((l) => l.includes('password-no-mfa'))).toMatch(/,ACTIVE,open,yes,,0,0,,password without MFA$/);
  });

  it('reports root sessions being off for every member, without a session', async () => {
    await t.reset({ ...MIXED_ORGANIZATION, access: { rootSessions: false } });
    const { code, stdout } = await runOrgInProcess(t, ['status']);
    expect(stdout).toContain('root sessions off');
    expect(stdout).toMatch(/open|unknown/);
    expect(t.proxy.count('sts:AssumeRoot')).toBe(0);
    expect(code).toBe(1);
  });

  it('names an unknown account id and reads no member', async () => {
    await expect(runOrgInProcess(t, ['status', '--accounts', '999999999999'])).rejects.toThrow(/not in organization .*: 999999999999/);
    expect(t.proxy.count('sts:AssumeRoot')).toBe(0);
  });
});
