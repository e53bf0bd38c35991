import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Moto {
  url: string;
  port: number;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 20_000;
const PORT_ATTEMPTS = 3;

/** moto_server with only the AWS managed policies the project uses (see the script for why). */
const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'moto-server.py');

// Holding the wrapper's stdin open is the lifeline: when this process dies by
// any means (even SIGKILL) the pipe closes, `read` returns and moto is killed.
const WRAPPER = [
  'exec 3<&0 </dev/null',
  'python3 "$2" -H 127.0.0.1 -p "$1" & m=$!',
  '{ read _ <&3; kill $m 2>/dev/null; } &',
  'wait $m',
].join('\n');

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.stdin?.destroy();
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Attempt = { ok: true; child: ChildProcess } | { ok: false; portInUse: boolean; reason: string };

async function attempt(port: number, deadline: number, managedPolicies: boolean): Promise<Attempt> {
  const child = spawn('sh', ['-c', WRAPPER, 'sh', String(port), SERVER], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: String(managedPolicies) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  // moto logs every request; keep only the start-up part for error messages.
  const stopLogging = () => {
    child.stdout!.removeAllListeners('data').resume();
    child.stderr!.removeAllListeners('data').resume();
  };
  const status: { exited?: string } = {};
  child.once('exit', (code, signal) => (status.exited = `exited with ${signal ?? `code ${code}`}`));
  child.once('error', (err) => (status.exited = `failed to spawn: ${err.message}`));
  child.stdin!.on('error', () => {}); // EPIPE once the wrapper is gone is expected
  live.add(child);
  child.once('exit', () => live.delete(child));

  const url = `http://127.0.0.1:${port}`;
  while (Date.now() < deadline) {
    if (status.exited) break;
    if (await answers(url)) {
      stopLogging();
      return { ok: true, child };
    }
    await sleep(100);
  }
  stopLogging();
  if (!status.exited) await terminate(child);
  const reason = `moto_server on port ${port} ${status.exited ?? `did not answer within ${START_DEADLINE_MS} ms`}.\n--- moto output ---\n${log.trim()}`;
  return { ok: false, portInUse: /in use/i.test(log), reason };
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/**
 * moto builds its IAM backend on the first IAM call after a start or reset. Made here, that work is
 * not charged to the first call a test makes, which may run with a short request timeout.
 */
async function warmUpIam(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: 'Action=ListUsers&Version=2010-05-08',
  });
  // Any answer will do, a refusal too: with IAM enforcement on (iam-enforcement.ts), checking the
  // key builds the backend just the same.
  await res.arrayBuffer();
}

/**
 * `managedPolicies: false` leaves AWS's managed policies out of moto's IAM altogether (even the one
 * moto-server.py keeps): each account's IAM then starts at once, for the organization tests, where
 * moto makes an account per member.
 */
export async function startMoto({ managedPolicies = true } = {}): Promise<Moto> {
  installExitHook();
  const deadline = Date.now() + START_DEADLINE_MS;
  let lastReason = '';
  for (let i = 0; i < PORT_ATTEMPTS && Date.now() < deadline; i++) {
    const port = await freePort();
    const result = await attempt(port, deadline, managedPolicies);
    if (result.ok) {
      const url = `http://127.0.0.1:${port}`;
      const { child } = result;
      await warmUpIam(url);
      return {
        url,
        port,
        async reset() {
          const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
          await warmUpIam(url);
        },
        stop: () => terminate(child),
      };
    }
    lastReason = result.reason;
    if (!result.portInUse) break;
  }
  throw new Error(`Could not start moto_server: ${lastReason}`);
}
