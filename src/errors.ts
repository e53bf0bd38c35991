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

/**
 * Credentials are configured but cannot be used (an expired SSO or `aws login` session, a
 * failing credential_process, an unknown profile, an unreadable config file): exit 4 with a
 * message that keeps the cause and says what to run.
 */
export class CredentialProblem extends Error {
  override name = 'CredentialProblem';
}

/**
 * A file that cannot be read or written as asked (a folder that is not writable, a name too long,
 * a symbolic link where a file should be): exit 2, one line naming the path and the reason.
 */
export class FileProblem extends Error {
  override name = 'FileProblem';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
