import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships CJS (index.js) and ESM (index.mjs); type-graphql requires the CJS one, and
  // Node resolves it for the service too. Vite would pick index.mjs: two copies of graphql.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // property tests run 500 cases; on 2 shared cores one can take several seconds
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts', 'test/support/streams-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
