// Starts the program from its one bundle (dist/main.cjs) through V8's code cache, so a run after
// the first skips parsing and compiling the code it uses. Loaded by the entry, before anything else.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, constants } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

// NODE_DEBUG=code-cache prints what the cache did, as Node's own debug channels do.
const debug = debuglog('code-cache');

/**
 * The folder for the cache, or undefined when there is none: Node's own switches are honoured
 * (NODE_DISABLE_COMPILE_CACHE turns caching off, NODE_COMPILE_CACHE names the folder), else the
 * per-user cache folder ($XDG_CACHE_HOME or ~/.cache, then aws-root-lockdown). Not the shared
 * temporary folder, where another user could plant a cache before us.
 */
export function cacheDir(env: NodeJS.ProcessEnv, home: () => string = homedir): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  if (env.XDG_CACHE_HOME?.startsWith('/')) return join(env.XDG_CACHE_HOME, 'aws-root-lockdown');
  try {
    const h = home();
    return h ? join(h, '.cache', 'aws-root-lockdown') : undefined;
  } catch {
    return undefined; // no home folder (a system user): run without a cache
  }
}

/**
 * Which run the cache is for: the code a run compiles depends on the command, and V8 keeps in a
 * cache only what was compiled before it was made, so each command keeps its own. A guess from
 * the words alone (a flag's value may look like a command): a wrong one costs speed, nothing else.
 * E.g. ['status', '--json'] -> 'status'; ['--yes'] -> 'wizard'; ['practice', 'console'] -> 'practice'.
 */
export function cacheProfile(argv: readonly string[]): string {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  return argv.find((a) => a === 'status' || a === 'practice') ?? 'wizard';
}

/** Our files' names begin so: NODE_COMPILE_CACHE may name a folder other programs use too. */
const PREFIX = 'aws-root-lockdown-';
const STALE_DAYS = 30;
const uid = process.getuid?.();
const ownedAndPrivate = (s: { uid: number; mode: number }) => (uid === undefined || s.uid === uid) && (s.mode & 0o022) === 0;

/**
 * A cache file is only used when it, and its folder, belong to the user who runs this and nobody
 * else can write to them: code from it runs as that user. Returns its contents, 'missing', or
 * 'untrusted'.
 */
function readTrusted(file: string): Buffer | 'missing' | 'untrusted' {
  let fd: number | undefined;
  try {
    if (!ownedAndPrivate(statSync(dirname(file)))) return 'untrusted';
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    return ownedAndPrivate(fstatSync(fd)) ? readFileSync(fd) : 'untrusted';
  } catch (error) {
    // ELOOP: a symbolic link where the cache should be.
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'untrusted' : 'missing';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes the cache into a private folder (made 0700) as a private file (0600), through a temporary
 * file renamed into place, so a concurrent run reads either no cache or a whole one. Caches of
 * other builds made over STALE_DAYS ago are removed: not younger ones, which another copy of the
 * program (an older npx download, a clone) may still be using. A failure only costs speed.
 */
function writeCache(file: string, data: Buffer, build: string): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedAndPrivate(statSync(dir))) return;
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
    const stale = Date.now() - STALE_DAYS * 86_400_000;
    for (const name of readdirSync(dir)) {
      const other = join(dir, name);
      if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${build}-`) && statSync(other).mtimeMs < stale) rmSync(other, { force: true });
    }
  } catch (error) {
    debug('not written: %s', (error as Error).message);
  }
}

/**
 * The bundle's text. The build keeps it ASCII, which read as Latin-1 is the same text, got in a
 * third of the time UTF-8 decoding takes (1.3 MB: 1.4 ms against 4 ms), and held by V8 in one byte
 * a character instead of two. UTF-8 still where it is not ASCII.
 */
const text = (bytes: Buffer) => bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');

/**
 * A short name for the bundle's path (32-bit FNV-1a, hex): a cache is kept per copy of the program,
 * because V8 (11.3, Node 20) gives a script made from a cache the file name it was cached under,
 * and a stack trace (--debug) must name this copy. Not a security measure; the folder checks are.
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The exit codes (src/exit-codes.ts) of a run whose code is worth keeping: one that did its work
 * (0, 1) or that the person stopped (130). A run refused at its flags (2), or cut short by AWS (3)
 * or by missing credentials (4), compiled little; kept, its cache would be accepted by every later
 * run of the command, which would then compile most of its code again each time.
 */
const CACHED_AFTER = new Set([0, 1, 130]);

/**
 * Runs the CommonJS bundle at `file` (its text is `build`'s, a hash of it written in at build
 * time) with V8's code cache for this build, this copy of it, this Node version and this command. When the cache is missing,
 * or V8 refuses it (another V8, other flags), a new one is made as the process exits: after the
 * run, so it holds every function the run compiled, not only those compiled before it started
 * (which is all Node's own compile cache, and v8-compile-cache, hold; measured 14 ms of the 50 ms
 * this saves on `status --json`). V8's cache holds compiled code and no value of the run (Node's
 * vm documentation: "doesn't contain any JavaScript observable states"), so no secret reaches it.
 */
export function runBundle(file: string, build: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const source = text(readFileSync(file));
  const dir = cacheDir(env);
  const cacheFile = dir && join(dir, `${PREFIX}${build}-${fnv1a(file)}-${process.version}-${process.arch}-${cacheProfile(argv)}.v8`);
  const cached = cacheFile ? readTrusted(cacheFile) : 'missing';
  const cachedData = Buffer.isBuffer(cached) ? cached : undefined;
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const verdict = cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : cached;
  debug('%s: %s', cacheFile ?? 'no cache folder', verdict);
  if (cacheFile && (verdict === 'missing' || verdict === 'rejected')) {
    process.once('exit', (code) => {
      if (CACHED_AFTER.has(code)) writeCache(cacheFile, script.createCachedData(), build);
    });
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}
