import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files tagged slow start first, so none of them is left to run alone at the end; the rest keep
 * vitest's order (its cache of durations is skewed by test:fast runs, which skip the slow files).
 */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) => /^\/\/ @module-tag slow$/m.test(readFileSync(file.moduleId, 'utf8'));
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}

export default defineConfig({
  test: {
    // The end-to-end tests run the built CLI: build it once, before any test file starts.
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Files run side by side: each starts its own moto and proxy on free ports and writes only in
    // its own temporary directories. Most of a file's time is spent waiting on the CLI, moto or a
    // pseudo-terminal, so more workers than the 2 cores keep both busy (vitest's default here is 1;
    // 6 measured best among 3, 4, 6 and 8 on a shared 2-core machine).
    maxWorkers: 6,
    sequence: { sequencer: SlowFirst },
    // Hang detectors, not speed checks: on a shared 2-core machine a moto call can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // As changesets tags its tests; `npm run test:fast` leaves both out (see package.json). Test
    // files are parsed for their tests before they run, so a file whose tests are all left out is
    // never loaded.
    experimental: { preParse: true },
    tags: [
      { name: 'e2e', description: 'Runs the built CLI (through pipes or in a pseudo-terminal), the installed package or a browser.' },
      { name: 'slow', description: 'Dozens of end-to-end runs, or real waiting (SDK backoff, timeouts): a minute or more.' },
    ],
  },
});
