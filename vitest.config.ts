import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end tests run the built CLI: build it once, before any test file starts.
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    tags: [
      {
        name: 'slow',
        description: 'Spawns the CLI many times or waits out real time; npm run test:fast leaves it out.',
      },
    ],
  },
});
