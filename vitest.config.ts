import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end tests run the built CLI: build it once, before any test file starts.
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Files run side by side: each starts its own moto and proxy on free ports and writes only in
    // its own temporary directories. Most of a file's time is spent waiting on the CLI, moto or a
    // pseudo-terminal, so more workers than the 2 cores keep both busy (vitest's default here is 1).
    maxWorkers: 4,
    // Hang detectors, not speed checks: on a shared 2-core machine a moto call can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    tags: [
      {
        name: 'slow',
        description: 'Spawns the CLI many times or waits out real time; npm run test:fast leaves it out.',
      },
    ],
  },
});
