export const EXIT = {
  ok: 0,
  /** Something is still open: a console step not done, a check failing. */
  open: 1,
  /** Bad flags or answers, or a file named by a flag that cannot be read or written. */
  usage: 2,
  /** AWS could not be read or changed. */
  aws: 3,
  noCredentials: 4,
  /** A bug: the message says so. */
  internal: 70,
  stopped: 130,
} as const;
