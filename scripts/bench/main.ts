// The benchmark behind BENCHMARKS.md: each figure over several runs (median and min–max), and
// where there is a reference, the ratio to it measured in the same run, pair by pair.
import { GenerateCredentialReportCommand } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ACCOUNT_ID, finishAccount } from '../../test/e2e/helpers.js';
import { CLI, ROOT } from '../../test/support/cli-path.js';
import type { Env } from '../../test/support/env.js';
import { runProcess } from '../../test/support/process.js';
import { spawnPty } from '../../test/support/pty.js';
import { runDepth } from '../../test/support/request-depth.js';
import { startBenchAccount, type BenchAccount } from './account.js';
import { memoryMethod, peakMemoryOf } from './memory.js';
import { orgRows } from './org.js';
import { fullWizardSession, timeToFirstPrompt } from './session.js';
import { format, pairedRatios, spread, summarize, type Row } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 3);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 30);
/** The wizard's default --poll-interval. */
const POLL_INTERVAL_S = 5;
/** Added to every request by the proxy, as for a person far from the AWS region that answers. */
const FAR_LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);

/** Wall time of one run through pipes, ms; a run that ends with another exit code is an error, not a figure. */
async function timed(command: string, args: string[], env: Env, expectedCode = 0): Promise<number> {
  const started = performance.now();
  const result = await runProcess(command, args, { env, cwd: ROOT, timeoutMs: 60_000 });
  const ms = performance.now() - started;
  if (result.code !== expectedCode) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}, expected ${expectedCode}:\n${result.stderr}`);
  }
  return ms;
}

/** Runs subject and reference in turn, RUNS times, after one unmeasured warm-up of each: a row's figures in ms. */
async function paired(label: string, subject: () => Promise<number>, reference: () => Promise<number>) {
  await subject();
  await reference();
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    s.push(await subject());
    r.push(await reference());
  }
  return { value: summarize(s), unit: 'ms', reference: { label, value: summarize(r), ratio: summarize(pairedRatios(s, r)) } };
}

const STATUS_REFERENCE = '`aws iam get-account-summary` (1 call)';

/**
 * status against the AWS CLI's one call, both through the proxy with `latencyMs` added to each
 * request, paired; and how many round trips deep status went. Depth is read from the proxy's
 * timings of one run with FAR_LATENCY_MS added, whatever the row's latency: on loopback answers
 * come back while the first wave is still being sent, which would count it deeper than it is.
 */
async function statusAgainstAwsCli(account: BenchAccount, env: Env, latencyMs: number) {
  try {
    account.proxy.latencyMs = FAR_LATENCY_MS;
    account.proxy.resetCounts();
    await timed(process.execPath, [CLI, 'status', '--json'], env);
    const depth = runDepth(account.proxy.timings);
    const calls = [...account.proxy.calls];
    account.proxy.latencyMs = latencyMs;
    const figures = await paired(
      STATUS_REFERENCE,
      () => timed(process.execPath, [CLI, 'status', '--json'], env),
      () => timed('aws', ['iam', 'get-account-summary', '--endpoint-url', account.proxy.url], env),
    );
    return { ...figures, depth, calls };
  } finally {
    account.proxy.latencyMs = 0;
  }
}

async function peakOfStatus(account: BenchAccount): Promise<number> {
  const memory = peakMemoryOf(process.execPath, [CLI, 'status', '--json']);
  const pty = spawnPty(memory.command, memory.args, { env: account.cliEnv, cwd: ROOT });
  memory.watch(pty.pid);
  const { exitCode } = await pty.exited;
  if (exitCode !== 0) throw new Error(`status exited ${exitCode}:\n${pty.output()}`);
  return memory.peakMb();
}

function machine(): string {
  const awsCli = execFileSync('aws', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split(' ')[0];
  // Other work on the machine moves the absolute figures; the ratios are paired to cancel it.
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, ${awsCli}, ${process.platform} ${process.arch}, load average at the end ${load}`;
}

function table(rows: Row[]): string {
  const lines = [
    '| # | Measure | Runs | Median | Spread (min–max) | Reference: median | Ratio: median (min–max) | Target | Met |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  rows.forEach((row, i) => {
    const digits = row.unit === 'ms' ? 0 : 1;
    const ref = row.reference;
    const met = row.target === undefined ? '–' : row.met ? 'met' : '**missed**';
    lines.push(
      `| ${i + 1} | ${row.what} | ${row.value.runs} | ${format(row.value.median, digits)} ${row.unit} | ${spread(row.value, digits)} | ` +
        `${ref ? `${ref.label}: ${format(ref.value.median)} ms` : '–'} | ` +
        `${ref ? `${format(ref.ratio.median, 2)}x (${spread(ref.ratio, 2)})` : '–'} | ${row.target ?? '–'} | ${met} |`,
    );
  });
  return lines.join('\n');
}

async function main() {
  const account = await startBenchAccount();
  const rows: Row[] = [];
  const notes: string[] = [];
  const log = (text: string) => process.stderr.write(`${text}\n`);
  try {
    log(`1/5 status --json against aws iam get-account-summary, at 0 and ${FAR_LATENCY_MS} ms added per request…`);
    await account.reset();
    // The end-to-end tests' finished account (root locked; the admin with console access, a
    // sign-in and MFA; password policy, security contact, alias, budget), made straight in moto,
    // with a credential report AWS made an hour ago (status asks for none then).
    await finishAccount(account, 'admin');
    await account.iam.send(new GenerateCredentialReportCommand({}));
    account.proxy.state.rootReport = { passwordLastUsed: 'no_information', generatedAt: new Date(Date.now() - 3_600_000).toISOString() };
    account.proxy.resetCounts();
    const statusJson = await runProcess(process.execPath, [CLI, 'status', '--json'], { env: account.cliEnv, cwd: ROOT });
    if (statusJson.code !== 0) throw new Error(`status on the finished account exited ${statusJson.code}:\n${statusJson.stdout}${statusJson.stderr}`);
    const report = JSON.parse(statusJson.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
    // status is for the admin who comes back with the credentials admins use (IAM Identity
    // Center, `aws login`, a role): their source names the account, as AWS_ACCOUNT_ID does here.
    const namingTheAccount = { ...account.cliEnv, AWS_ACCOUNT_ID: ACCOUNT_ID };
    const what = (latencyMs: number, r: { depth: number; calls: string[] }, credentials = '') =>
      `\`status --json\` (${report.checks.length} checks, ${r.calls.length} API calls), ${latencyMs} ms added per request${credentials}: ${r.depth} round trips deep`;
    const near = await statusAgainstAwsCli(account, namingTheAccount, 0);
    rows.push({ what: what(0, near), ...near, target: '≤ 0.4x', met: near.reference.ratio.median <= 0.4 });
    const far = await statusAgainstAwsCli(account, namingTheAccount, FAR_LATENCY_MS);
    rows.push({ what: what(FAR_LATENCY_MS, far), ...far, target: '≤ 0.75x', met: far.reference.ratio.median <= 0.75 });
    const cloudShell = await statusAgainstAwsCli(account, account.cliEnv, FAR_LATENCY_MS);
    rows.push({ what: what(FAR_LATENCY_MS, cloudShell, ', credentials that do not name the account (CloudShell, access keys)'), ...cloudShell, met: true });
    notes.push(`status made these calls on a finished account: ${near.calls.join(', ')}.`);

    log('2/5 --version against node -e 0…');
    const version = await paired(
      '`node -e 0`',
      () => timed(process.execPath, [CLI, '--version'], account.cliEnv),
      () => timed(process.execPath, ['-e', '0'], account.cliEnv),
    );
    rows.push({ what: '`--version`', ...version, target: '≤ 1.3x', met: version.reference.ratio.median <= 1.3 });

    log('3/5 time to the first prompt in a pseudo-terminal…');
    const prompt = await paired(
      '`node -e 0`',
      () => timeToFirstPrompt(account),
      () => timed(process.execPath, ['-e', '0'], account.cliEnv),
    );
    rows.push({
      what: 'start to first prompt on screen (pty, fresh account: root MFA step waiting)',
      ...prompt,
      target: '≤ 250 ms',
      met: prompt.value.median <= 250,
    });

    log(`4/5 ${SESSIONS} full wizard sessions (${WINDOW_S} s of waiting each)…`);
    const sessions = [];
    for (let i = 0; i < SESSIONS; i++) sessions.push(await fullWizardSession(account, WINDOW_S * 1000, POLL_INTERVAL_S * 1000));
    const perMinute = summarize(sessions.map((s) => s.callsPerMinute));
    rows.push({
      what: `API calls per minute while waiting (${WINDOW_S} s window on the root MFA step, --poll-interval ${POLL_INTERVAL_S})`,
      value: perMinute,
      unit: 'calls/min',
      target: '≤ 15',
      met: perMinute.max <= 15,
    });
    notes.push(`one round of waiting calls: ${[...new Set(sessions.flatMap((s) => s.callsSeen))].join(', ')}.`);
    const latency = summarize(sessions.flatMap((s) => s.flipLatenciesMs));
    rows.push({
      what: 'account change → wizard shows it (4 console steps per session, change at a random moment)',
      value: latency,
      unit: 'ms',
      target: `≤ ${(POLL_INTERVAL_S + 1) * 1000} ms (poll interval + 1 s), every run`,
      met: latency.max <= (POLL_INTERVAL_S + 1) * 1000,
    });

    log('5/5 peak memory…');
    const wizardPeak = summarize(sessions.map((s) => s.peakMb));
    rows.push({ what: `peak memory, full wizard run (the sessions of rows ${rows.length - 1} and ${rows.length})`, value: wizardPeak, unit: 'MB', target: '< 120 MB', met: wizardPeak.max < 120 });
    await account.reset();
    await finishAccount(account, 'admin');
    const statusPeaks: number[] = [];
    for (let i = 0; i < SESSIONS; i++) statusPeaks.push(await peakOfStatus(account));
    const statusPeak = summarize(statusPeaks);
    rows.push({ what: 'peak memory, `status --json`', value: statusPeak, unit: 'MB', target: '< 120 MB', met: statusPeak.max < 120 });
    notes.push(`memory: ${memoryMethod}.`);
  } finally {
    await account.close();
  }
  const org = await orgRows(log);
  rows.push(...org.rows);
  notes.push(...org.notes);

  process.stdout.write(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.\n\n${table(rows)}\n\n`);
  process.stdout.write(notes.map((n) => `- ${n}`).join('\n') + '\n');
  process.exitCode = rows.every((r) => r.met) ? 0 : 1;
}

await main();
