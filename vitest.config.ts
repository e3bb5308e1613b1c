import { defineConfig } from 'vitest/config';

const LAYERS = ['contract', 'text', 'schema', 'meili', 'indexer', 'server'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // In-process only (no Meilisearch, no browser, no child process), so files run side by side.
          include: ['test/unit/**/*.test.ts', ...LAYERS.map((dir) => `${dir}/**/*.test.ts`)],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          // One file at a time: each runs a real Meilisearch (and sometimes Chromium), and they
          // time out when they compete for two cores; after the unit project, for the same reason.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // The browser tests load the web app the portal serves from web/dist: built from the sources under test.
          globalSetup: ['test/browser/build-web.ts'],
        },
      },
    ],
  },
});
