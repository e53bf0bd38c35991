// Starts the program from its one bundle (dist/main.cjs) through V8's code cache, so a run after
// the first skips parsing and compiling the code it uses. Loaded by the entry, before anything else.
import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { EXIT } from './exit-codes.js';

// NODE_DEBUG=code-cache prints what the cache did, as Node's own debug channels do.
const debug = debuglog('code-cache');

/** Where the cache goes. */
export interface CacheDir {
  dir: string;
  /** Named by the person (NODE_COMPILE_CACHE): that folder is made wherever it is (see makeDir). */
  chosen: boolean;
}

/**
 * The folder for the cache, or undefined when there is none: Node's own switches are honoured
 * (NODE_DISABLE_COMPILE_CACHE turns caching off, NODE_COMPILE_CACHE names the folder), else the
 * per-user cache folder ($XDG_CACHE_HOME if absolute, as the XDG spec says, or ~/.cache, then
 * aws-root-lockdown). Not the shared temporary folder, where another user could plant a cache first.
 */
export function cacheDir(env: NodeJS.ProcessEnv, home: () => string = homedir): CacheDir | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.NODE_COMPILE_CACHE) return { dir: env.NODE_COMPILE_CACHE, chosen: true };
  if (env.XDG_CACHE_HOME?.startsWith('/')) return { dir: join(env.XDG_CACHE_HOME, 'aws-root-lockdown'), chosen: false };
  try {
    const h = home();
    // A relative HOME (HOME=.) would put the cache wherever the program is run from.
    return isAbsolute(h) ? { dir: join(h, '.cache', 'aws-root-lockdown'), chosen: false } : undefined;
  } catch {
    return undefined; // no home folder (a system user): run without a cache
  }
}

/**
 * Which run the cache is for: the code a run compiles depends on the command, and V8 keeps in a
 * cache only what was compiled before it was made, so each command keeps its own. None for a run
 * that prints the version (it compiles next to nothing). A guess from the words alone (a flag's
 * value may look like a command): a wrong one costs speed, nothing else. Short flags may be
 * grouped, as node:util's parseArgs takes them (-yV is -y -V).
 * E.g. ['status', '--json'] -> 'status'; ['--yes'] -> 'wizard'; ['status', '-yV'] -> undefined.
 */
export function cacheProfile(argv: readonly string[]): string | undefined {
  const given = (long: string, short: string) => argv.some((a) => a === `--${long}` || (/^-[a-zA-Z]+$/.test(a) && a.includes(short)));
  if (given('version', 'V')) return undefined;
  if (given('help', 'h')) return 'help';
  return argv.find((a) => a === 'status' || a === 'practice') ?? 'wizard';
}

/** Our files' names begin so: NODE_COMPILE_CACHE may name a folder other programs use too. */
const PREFIX = 'aws-root-lockdown-';
/** A cache file's name, as cacheFileName makes it: the build, the copy, Node and the command; `.tmp` while written. */
const OURS = /^aws-root-lockdown-([0-9a-f]{16})-([0-9a-f]{8})-v\d+\.\d+\.\d+-\w+-[a-z]+\.v8(\.\d+\.tmp)?$/;
const STALE_MS = 30 * 86_400_000;
/** A temporary file this old was left by a run killed while writing. */
const ABANDONED_MS = 3_600_000;
/** Cache files begin with these 4 bytes, then the CRC-32 of the rest (V8's cache data), big-endian. */
const MAGIC = Buffer.from('ARL1');
const uid = process.getuid?.();
const ownedAndPrivate = (s: { uid: number; mode: number }) => (uid === undefined || s.uid === uid) && (s.mode & 0o022) === 0;
// zlib.crc32 arrived in Node 20.15 and 22.2; without it there is no cache (see checked()).
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

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
    const stat = fstatSync(fd);
    return stat.isFile() && ownedAndPrivate(stat) ? readFileSync(fd) : 'untrusted';
  } catch (error) {
    // ELOOP: a symbolic link where the cache should be.
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'untrusted' : 'missing';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * V8's cache data inside a file written by writeCache, or undefined when the file is damaged. V8
 * checks only a cache's header (release builds), and a damaged body can crash it ("Check failed:
 * ReadSingleBytecodeData", or a segmentation fault) on every run: the CRC-32 is checked first.
 */
function checked(file: Buffer): Buffer | undefined {
  if (!crc32 || file.length < 8 || !file.subarray(0, 4).equals(MAGIC)) return undefined;
  const data = file.subarray(8);
  return crc32(data) === file.readUInt32BE(4) ? data : undefined;
}

/**
 * Makes the cache's folder, private (0700), making nothing where the user does not own the folder
 * it goes in: a run as root with another user's HOME (sudo -E) would leave root's folders in that
 * user's ~/.cache, and a HOME that does not exist is not made. The default folder may need ~/.cache
 * made too (a new home); a folder named by NODE_COMPILE_CACHE is made alone, wherever the person
 * put it. Returns whether the folder is there, the user's, and private.
 */
function makeDir({ dir, chosen }: CacheDir): boolean {
  const missing: string[] = [];
  let at = dir;
  for (; !exists(at); at = dirname(at)) {
    missing.unshift(at);
    if (missing.length > (chosen ? 1 : 2)) return false;
  }
  if (!chosen && missing.length > 0 && statSync(at).uid !== uid) return false;
  for (const path of missing) mkdirSync(path, { mode: 0o700 });
  return ownedAndPrivate(statSync(dir));
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes the cache into a private folder as a private file (0600), through a temporary file renamed
 * into place (over an untrusted file too: the folder is ours), so a concurrent run reads either no
 * cache or a whole one; a temporary file that could not be finished is removed. Then our files of
 * other builds of this copy of the program are removed, and those of other copies or Node versions
 * once 30 days old (another copy, an older npx download or a clone, may still use its own). A
 * failure only costs speed.
 */
function writeCache(where: CacheDir, name: string, cachedData: () => Buffer): void {
  const file = join(where.dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (!crc32 || !makeDir(where)) return;
    const data = cachedData(); // after the folder checks: serializing takes some ms
    const header = Buffer.alloc(8);
    MAGIC.copy(header);
    header.writeUInt32BE(crc32(data), 4);
    writeFileSync(temporary, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    debug('not written: %s', (error as Error).message);
    quietly(() => rmSync(temporary, { force: true }));
    return;
  }
  const [, build, copy] = OURS.exec(name) ?? [];
  const now = Date.now();
  quietly(() => {
    for (const entry of readdirSync(where.dir)) {
      const other = OURS.exec(entry);
      if (!other || entry === name) continue;
      // One entry that cannot be looked at or removed (gone meanwhile, a folder) spares the others.
      quietly(() => {
        const stat = lstatSync(join(where.dir, entry));
        // A rebuilt copy's old build is of no more use to it.
        const replaced = other[2] === copy && other[1] !== build && !other[3];
        const age = now - stat.mtimeMs;
        if (stat.isFile() || stat.isSymbolicLink()) {
          if (replaced || age > STALE_MS || (other[3] && age > ABANDONED_MS)) rmSync(join(where.dir, entry));
        }
      });
    }
  });
}

/** Runs `act`; a failure is only said under NODE_DEBUG=code-cache: the cache is never worth an error. */
function quietly(act: () => void): void {
  try {
    act();
  } catch (error) {
    debug('%s', (error as Error).message);
  }
}

/**
 * The bundle's text. The build keeps it ASCII, which read as Latin-1 is the same text, got in a
 * third of the time UTF-8 decoding takes (1.3 MB: 1.4 ms against 4 ms), and held by V8 in one byte
 * a character instead of two. UTF-8 still where it is not ASCII.
 */
const text = (bytes: Buffer) => bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');

/**
 * A short name (32-bit FNV-1a, hex) for what a cache belongs to beside its build: the bundle's
 * path, because V8 (11.3, Node 20) gives a script made from a cache the file name it was cached
 * under, and a stack trace (--debug) must name this copy; and Node's options, because V8 refuses a
 * cache made under other flags, so runs with and without `--max-old-space-size` would otherwise
 * each throw the other's away. Not a security measure; the folder checks are.
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The cache's file name: `aws-root-lockdown-<build>-<copy and options>-<node version>-<arch>-<command>.v8`. */
const cacheFileName = (build: string, file: string, profile: string, env: NodeJS.ProcessEnv) =>
  `${PREFIX}${build}-${fnv1a([file, ...process.execArgv, env.NODE_OPTIONS ?? ''].join('\0'))}-${process.version}-${process.arch}-${profile}.v8`;

/**
 * The exit codes of a run whose code is worth keeping: one that did its work or that the person
 * stopped. A run refused at its flags, or cut short by AWS or by missing credentials, compiled
 * little; kept, its cache would be accepted by every later run of the command, which would then
 * compile most of its code again each time.
 */
const CACHED_AFTER = new Set<number>([EXIT.ok, EXIT.open, EXIT.stopped]);

/**
 * Runs the CommonJS bundle at `file` (its text is `build`'s, a hash of it written in at build
 * time) with V8's code cache for this build, this copy of it, this Node and its options, and this
 * command. When the cache is missing, or refused (damaged, from another V8), a new one is made as
 * the process exits: after the run, so it holds every function the run compiled, not only those
 * compiled before it started (which is all Node's own compile cache, and v8-compile-cache, hold;
 * measured 14 ms of the 50 ms this saves on `status --json`). V8's cache holds compiled code and no
 * value of the run (Node's vm documentation: "doesn't contain any JavaScript observable states"),
 * so no secret reaches it.
 */
export function runBundle(file: string, build: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const source = text(readFileSync(file));
  const where = cacheDir(env);
  const profile = cacheProfile(argv);
  const name = where && profile && crc32 ? cacheFileName(build, file, profile, env) : undefined;
  const path = where && name && join(where.dir, name);
  const read = path ? readTrusted(path) : 'missing';
  const cachedData = Buffer.isBuffer(read) ? checked(read) : undefined;
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const verdict = Buffer.isBuffer(read) ? (cachedData && !script.cachedDataRejected ? 'accepted' : 'rejected') : read;
  debug('%s: %s', path || 'no cache', verdict);
  if (where && name && verdict !== 'accepted') {
    // A missing, refused or untrusted cache is made anew, where the folder is the user's alone.
    process.once('exit', (code) => {
      if (CACHED_AFTER.has(code)) writeCache(where, name, () => script.createCachedData());
    });
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}
