// `org status` over a large organization: moto holds the organization (1,000 members by default),
// the test proxy answers root sessions and adds latency to every request, as the internet would.
import { CreateAccountCommand } from '@aws-sdk/client-organizations';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { DEFAULT_CONCURRENCY } from '../../src/org/args.js';
import { CLI, ROOT } from '../../test/support/cli-path.js';
import { rootFromSpec, type RootSpec } from '../../src/practice/services/organization/centralized-root.js';
import { startTestOrg, type TestOrg } from '../../test/support/org/test-org.js';
import { runProcess } from '../../test/support/process.js';
import { peakMemoryOf } from './memory.js';
import { format, summarize, type Row } from './stats.js';

const MEMBERS = Number(process.env.BENCH_ORG_MEMBERS ?? 1000);
const RUNS = Number(process.env.BENCH_ORG_RUNS ?? 3);
const LATENCY_MS = 100;
const THROTTLED = 0.1;

/** Root states in turn, so the audit reads every kind of answer: none, a password, keys, MFA, certificates. */
const STATES: RootSpec[] = [{}, { password: true }, { keys: [{ lastUsed: '2021-06-30T00:00:00Z' }] }, { password: true, mfa: ['virtual'] }, { certificates: 1 }];

/** A fresh organization of `members` accounts made straight in moto, a few at a time. */
async function bigOrganization(t: TestOrg, members: number) {
  await t.reset({ members: {} });
  const make = pLimit(8);
  const ids = await Promise.all(
    Array.from({ length: members }, (_, i) =>
      make(async () => (await t.organizations.send(new CreateAccountCommand({ AccountName: `member-${i}`, Email: `member-${i}@example.com` }))).CreateAccountStatus!.AccountId!),
    ),
  );
  ids.forEach((id, i) => {
    t.org.members.set(id, 'ACTIVE');
    t.org.roots.set(id, rootFromSpec(id, STATES[i % STATES.length]!));
  });
}

interface StatusRun {
  ms: number;
  peakMb: number;
  maxInFlight: number;
  requests: number;
  reported: number;
  /** Members reported locked or open: read to the end, not left unknown. */
  read: number;
}

async function statusRun(t: TestOrg): Promise<StatusRun> {
  t.proxy.resetCounts();
  t.extension.resetStats();
  const memory = peakMemoryOf(process.execPath, [CLI, 'org', 'status', '--json']);
  const started = performance.now();
  const result = await runProcess(memory.command, memory.args, { env: t.env({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined }), cwd: ROOT, timeoutMs: 600_000, onSpawn: (pid) => memory.watch(pid) });
  const ms = performance.now() - started;
  if (result.code !== 1) throw new Error(`org status exited ${result.code}, expected 1 (members open):\n${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stdout) as { accounts: { verdict: string }[] };
  return {
    ms,
    peakMb: memory.peakMb(),
    maxInFlight: t.extension.maxInFlight,
    requests: t.proxy.calls.length,
    reported: report.accounts.length,
    read: report.accounts.filter((a) => a.verdict === 'locked' || a.verdict === 'open').length,
  };
}

/**
 * The org rows of BENCHMARKS.md. The reference for wall time is the least any program could take
 * for the same requests: each takes the added 100 ms, and at most the concurrency limit are in flight.
 */
export async function orgRows(log: (text: string) => void): Promise<{ rows: Row[]; notes: string[] }> {
  const t = await startTestOrg();
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    log(`org: making an organization of ${MEMBERS} members in moto…`);
    const made = performance.now();
    await bigOrganization(t, MEMBERS);
    notes.push(`org: ${MEMBERS} members made in moto in ${format((performance.now() - made) / 1000, 1)} s (not timed).`);
    t.extension.latencyMs = LATENCY_MS;

    for (const throttled of [0, THROTTLED]) {
      t.extension.throttleFraction = throttled;
      const label = throttled ? `, ${throttled * 100} % of AssumeRoot calls throttled` : '';
      log(`org: ${RUNS} runs of org status --json over ${MEMBERS} members${label}…`);
      const runs: StatusRun[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await statusRun(t));
      const ideal = runs.map((r) => (r.requests * LATENCY_MS) / DEFAULT_CONCURRENCY);
      const wall = summarize(runs.map((r) => r.ms));
      rows.push({
        what: `\`org status --json\`, ${MEMBERS} members, +${LATENCY_MS} ms per request${label}: wall time`,
        value: wall,
        unit: 'ms',
        reference: { label: `${DEFAULT_CONCURRENCY} in flight × ${LATENCY_MS} ms, no overhead`, value: summarize(ideal), ratio: summarize(runs.map((r, i) => r.ms / ideal[i]!)) },
        target: '≤ 60 s',
        met: wall.max <= 60_000,
      });
      const inFlight = summarize(runs.map((r) => r.maxInFlight));
      rows.push({ what: `  requests in flight at most${label}`, value: inFlight, unit: 'requests', target: `≤ ${DEFAULT_CONCURRENCY} (the default limit)`, met: inFlight.max <= DEFAULT_CONCURRENCY });
      const peak = summarize(runs.map((r) => r.peakMb));
      rows.push({ what: `  peak memory${label}`, value: peak, unit: 'MB', target: '≤ 150 MB', met: peak.max <= 150 });
      const reported = summarize(runs.map((r) => r.read));
      rows.push({
        what: `  accounts reported with a verdict (locked or open)${label}`,
        value: reported,
        unit: 'accounts',
        target: `${MEMBERS} (every member)`,
        met: reported.min === MEMBERS,
      });
      notes.push(
        `org${label}: ${format(summarize(runs.map((r) => r.requests)).median)} requests per run (median), ` +
          `${runs.map((r) => r.reported).join('/')} accounts in the reports (the management account included).`,
      );
    }
  } finally {
    await t.close();
  }
  return { rows, notes };
}
