/** Bad flags or answers: exit 2, one line, and no AWS call has been made on account of them. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The run was stopped (Ctrl-C, SIGTERM): exit 130 with a line on how to resume. */
export class StoppedError extends Error {
  override name = 'StoppedError';
  constructor() {
    super('stopped');
  }
}
