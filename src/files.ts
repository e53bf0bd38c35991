import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileProblem } from './errors.js';

/**
 * Files this program keeps on disk (a practice scenario, a practice account), written so that
 * another user of the same computer can neither read them nor redirect them:
 *
 * - the new content goes to a fresh, unguessable name beside the file, created exclusively
 *   (O_CREAT|O_EXCL) without following a link (O_NOFOLLOW), mode 0600, then fsync'd and renamed
 *   over the file: a reader sees the old file or the new one, never half of one;
 * - a symbolic link, a folder or a file made read-only at the path is refused, not replaced;
 * - whatever the system refuses (a folder that is not writable or does not exist, a name too long,
 *   a full disk) is a FileProblem naming the path and the reason: exit 2, not a bug.
 *
 * Nothing here is a secret store: a secret is never written anywhere (README, Safety).
 */

/** Owner read and write only. */
export const PRIVATE_MODE = 0o600;

/** Larger than any file this program writes: a bigger one is not ours. */
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the name is too long',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a folder',
  ELOOP: 'it is a symbolic link',
  EMLINK: 'it is a symbolic link',
};

/** The system's refusal in a few words (the errno code stays in brackets for a search). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

const problem = (path: string, doing: 'write' | 'read', reason: string) => new FileProblem(path, `cannot ${doing} ${path}: ${reason}`);

/** What is at `path` now: undefined when nothing is. */
function lstatOrNothing(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw problem(path, 'write', fileErrorReason(error));
  }
}

/**
 * Replaces (or creates) the file at `path` with `content`, mode 0600, atomically, never through a
 * link. Throws FileProblem (exit 2) with the path and the reason when it cannot.
 */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  const existing = lstatOrNothing(path);
  if (existing?.isSymbolicLink()) throw problem(path, 'write', 'it is a symbolic link; give the path of the file itself');
  if (existing && !existing.isFile()) throw problem(path, 'write', 'it is not a regular file');
  // A file its owner made read-only says "leave me as I am": rename would replace it regardless.
  if (existing && (existing.mode & 0o200) === 0) throw problem(path, 'write', 'it is read-only');

  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // An unguessable name, so nobody can plant a link there in advance; O_EXCL|O_NOFOLLOW even if they try.
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, PRIVATE_MODE);
  } catch (error) {
    // The temporary name is longer than the path: a name near the limit fails here, with the path's own reason.
    throw problem(path, 'write', fileErrorReason(error));
  }
  try {
    for (let offset = 0; offset < data.length; ) offset += writeSync(fd, data, offset);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    try {
      unlinkSync(temporary);
    } catch {
      // renamed or never there
    }
    throw problem(path, 'write', fileErrorReason(error));
  }
  syncFolder(dirname(path));
}

/** Makes the rename itself durable; a file system that cannot sync a folder is not an error. */
function syncFolder(folder: string) {
  try {
    const fd = openSync(folder, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/**
 * The text of a regular file of at most `maxBytes` bytes (4 MiB by default), or undefined when
 * there is no file at `path`. A folder, a FIFO, a device or a larger file is a FileProblem, so a
 * read can neither hang nor fill memory. Reading never writes.
 */
export function readSmallFile(path: string, maxBytes = DEFAULT_MAX_BYTES): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file is unaffected.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw problem(path, 'read', fileErrorReason(error));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw problem(path, 'read', 'it is not a regular file');
    if (stat.size > maxBytes) throw problem(path, 'read', `it is larger than ${maxBytes} bytes`);
    // One byte more than the size: a file growing while it is read shows as one too long.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > stat.size) throw problem(path, 'read', 'it changed while being read');
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw problem(path, 'read', fileErrorReason(error));
  } finally {
    closeSync(fd);
  }
}
