// @module-tag e2e
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/process.js';
import { CLI, noAws, tempDir } from './cli.js';

describe('practice mode never touches the real credential chain', () => {
  it('is only offered at a terminal: without one, missing credentials still mean exit 4', async () => {
    const run = await runProcess('node', [CLI, 'status'], { env: noAws() });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('No AWS credentials were found');
    expect(run.stderr).toContain('--practice');
    expect(run.stdout).not.toContain('PRACTICE');
  });

  it('ignores a real-looking profile, environment keys and endpoint, and an SSO-style credential process', async () => {
    const dir = tempDir();
    const marker = join(dir, 'credential-process-ran');
    const config = join(dir, 'config');
    // If anything asked this profile for credentials, the credential process would leave a marker.
    writeFileSync(
      config,
      [
        '[default]',
        'region = eu-west-1',
        `credential_process = sh -c 'touch ${marker}; echo {\\"Version\\":1,\\"AccessKeyId\\":\\"AKIAREALKEY000000000\\",\\"SecretAccessKey\\":\\"x\\"}'`,
        '[profile work]',
        'region = eu-west-1',
        `credential_process = sh -c 'touch ${marker}'`,
        'endpoint_url = http://127.0.0.1:9',
        '',
      ].join('\n'),
    );
    const env = {
      ...noAws(),
      AWS_CONFIG_FILE: config,
      AWS_PROFILE: 'work',
      AWS_ACCESS_KEY_ID: 'AKIAREALLOOKING00001',
      AWS_SECRET_ACCESS_KEY: 'real-looking-secret',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    };
    const run = await runProcess('node', [CLI, 'status', '--practice', '--json'], { env });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ account: '111122223333', caller: { arn: 'arn:aws:iam::111122223333:root' } });
    expect(run.code).toBe(1);
    expect(existsSync(marker)).toBe(false);

    // The same environment outside practice mode does use the profile: the trap is real.
    await runProcess('node', [CLI, 'status', '--json'], { env: { ...env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(existsSync(marker)).toBe(true);
  });
});
