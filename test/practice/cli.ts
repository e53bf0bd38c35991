import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../support/env.js';

export { CLI } from '../support/cli-path.js';

/** No AWS credentials or config anywhere: a fresh machine. */
const NO_AWS: Env = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_ENDPOINT_URL: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NO_COLOR: '1',
};

export const tempDir = () => mkdtempSync(join(tmpdir(), 'practice-'));

/**
 * A fresh machine for one run: no AWS credentials, and a state folder of its own
 * (XDG_STATE_HOME), so the kept practice account starts new unless `stateHome` is shared on purpose.
 */
export const noAws = (stateHome = tempDir()): Env => ({ ...NO_AWS, XDG_STATE_HOME: stateHome });
