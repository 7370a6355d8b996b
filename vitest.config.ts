import { defineConfig } from 'vitest/config';

// Two cores: two worker processes (forks keep the native SQLite module in plain child processes).
// Service tests share one module graph per worker (isolate: false), which halves their run time; they keep
// no state in modules. Other suites keep the default per-file isolation.
const services = 'tests/services/**/*.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'services', include: [services], isolate: false } },
      { extends: true, test: { name: 'other', include: ['tests/**/*.test.ts'], exclude: [services] } },
    ],
  },
});
