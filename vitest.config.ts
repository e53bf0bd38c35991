import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end tests run the built CLI: build it once, before any test file starts.
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
  },
});
