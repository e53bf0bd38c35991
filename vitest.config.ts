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
