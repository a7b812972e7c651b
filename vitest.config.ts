import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests beside the code, integration tests on a real database
// (fresh PGlite per file, or PostgreSQL when TEST_DATABASE_URL is set), browser journeys.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Cheap argon2 parameters so hundreds of logins stay quick; production uses OWASP's.
          env: { XJKP_ARGON2_MEMORY_KIB: '1024', XJKP_ARGON2_TIME_COST: '1' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // One retry on a shared, noisy machine; each attempt starts its own empty server, and a
          // failed attempt leaves screenshots/failure-*.png and the server log behind.
          retry: 1,
        },
      },
    ],
  },
});
