import { defineConfig } from 'vitest/config';

const LAYERS = ['contract', 'text', 'schema', 'meili', 'indexer', 'server'];
/** Integration files that must run alone (see the `serial` project). */
const SERIAL = ['test/integration/resilience.test.ts', 'test/integration/partitioned.test.ts', 'test/browser/**/*.test.ts'];

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
          include: ['test/integration/**/*.test.ts'],
          exclude: SERIAL,
          // Two files at a time, one per core: each runs a real Meilisearch of its own on its own
          // data directory and port. After the unit project, so they do not compete with it.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: SERIAL,
          // One file at a time, last: these kill processes at chosen moments, measure a restart
          // under load, run three Meilisearch instances, or drive Chromium; competing for the
          // two cores they time out or miss the moments they aim at.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          // The browser tests load the web app the portal serves from web/dist: built from the sources under test.
          globalSetup: ['test/browser/build-web.ts'],
        },
      },
    ],
  },
});
