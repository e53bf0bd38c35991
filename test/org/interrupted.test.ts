// @module-tag e2e
// The org wizard killed outright in the middle of an organization (SIGKILL: no chance to clean up),
// then run again: every member ends locked, and nothing is removed twice. Spawned: the behaviour is
// about the process dying.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { CLI, ROOT, runCli, until } from '../e2e/helpers.js';
import { mergeEnv } from '../support/env.js';
import { useTestOrg } from '../support/org/test-org.js';

const t = useTestOrg();

it(
  'killed mid-organization, a re-run converges: every member locked, each credential removed once',
  async () => {
    const names = Array.from({ length: 8 }, (_, i) => `member-${i}`);
    await t.reset({ members: Object.fromEntries(names.map((n) => [n, { root: { password: true, keys: [{}, { status: 'inactive' }], mfa: ['virtual'] } }])) });
    t.extension.latencyMs = 20;
    const args = [CLI, 'org', '--yes', '--concurrency', '3', '--accounts', Object.values(t.ids).join(',')];
    const child = spawn(process.execPath, args, { env: mergeEnv(t.env()), cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await until(() => t.proxy.count('iam:DeleteAccessKey') >= 5, 'five root access keys are deleted', 60_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const lockedAfterKill = names.filter((n) => !t.org.rootOf(t.ids[n]!).password && t.org.rootOf(t.ids[n]!).accessKeys.length === 0);
    expect(lockedAfterKill.length).toBeLessThan(names.length); // it really was stopped half-way

    t.extension.latencyMs = 0;
    const again = await runCli(args.slice(1), t.env());
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    for (const name of names) {
      const root = t.org.rootOf(t.ids[name]!);
      const mfa = root.mfaDevices.filter((d) => d.assigned).length;
      expect({ name, password: root.password, keys: root.accessKeys.length, mfa }).toEqual({ name, password: undefined, keys: 0, mfa: 0 });
    }
    // Each run reads first, so what the killed run removed is not removed again.
    expect(t.proxy.count('iam:DeleteLoginProfile')).toBe(names.length);
    expect(t.proxy.count('iam:DeleteAccessKey')).toBe(names.length * 2);
    // A kill between DeactivateMFADevice and DeleteVirtualMFADevice leaves an unassigned virtual
    // device: no longer root's (ListMFADevices does not show it, and it signs nobody in), and out of
    // a root session's reach (the task policy has no ListVirtualMFADevices).
    expect(t.proxy.count('iam:DeactivateMFADevice')).toBe(names.length);
  },
  120_000,
);
