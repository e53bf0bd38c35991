// "Every @aws-sdk package on one version": the clients are published on their own schedule (no
// client-organizations 3.1124.0 exists), so what must stay single is what they share at run time,
// @aws-sdk/core and the @smithy/* packages. Two copies would both be bundled, and an error or a
// middleware of one would not be the other's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli-path.js';

type Lockfile = { packages: Record<string, { version?: string }> };

/** Every @aws-sdk/* and @smithy/* package the lockfile installs in more than one version, with those versions. */
function duplicatedSdkPackages(lock: Lockfile): Record<string, string[]> {
  const versions = new Map<string, Set<string>>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = /(?:^|\/)node_modules\/(@(?:aws-sdk|smithy)\/[^/]+)$/.exec(path)?.[1];
    if (name && entry.version) versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
  }
  return Object.fromEntries([...versions].filter(([, v]) => v.size > 1).map(([name, v]) => [name, [...v].sort()]));
}

describe('the AWS SDK in package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;

  it('holds one version of @aws-sdk/core, of each @smithy/* package and of every other @aws-sdk/* package', () => {
    const names = Object.keys(lock.packages).filter((p) => /node_modules\/@(aws-sdk|smithy)\//.test(p));
    expect(names).toContain('node_modules/@aws-sdk/core');
    expect(names).toContain('node_modules/@smithy/core');
    expect(duplicatedSdkPackages(lock)).toEqual({});
  });

  it('would see a second copy nested under one client', () => {
    const nested: Lockfile = {
      packages: {
        ...lock.packages,
        'node_modules/@aws-sdk/client-organizations/node_modules/@smithy/core': { version: '0.0.1' },
        'node_modules/@aws-sdk/client-organizations/node_modules/@aws-sdk/core': { version: '0.0.2' },
      },
    };
    expect(Object.keys(duplicatedSdkPackages(nested)).sort()).toEqual(['@aws-sdk/core', '@smithy/core']);
  });
});
