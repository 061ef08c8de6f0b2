import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // DEADLINE_SCALE: dependency deadlines ×10 for tests of behaviour on this shared, loaded machine; the deadline and
    // fault-injection tests set it back to 1 (functions/platform/deadlines.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', DEADLINE_SCALE: '10' },
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/apply-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        // Each file starts its own local cloud (DynamoDB Local, redis-server, SQS, the gateway) in beforeAll.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/helpers/web-build-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
