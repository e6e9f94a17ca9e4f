import { defineConfig } from 'vitest/config';

// Unit and integration tests run under Node against real SQLite files in temp folders.
// Integration tests that start workers or the CLI use the compiled dist/ (npm test builds first).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
