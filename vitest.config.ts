import { defineConfig } from 'vitest/config';
import { postgresBin } from './tests/helpers/postgres-cluster';

// Two cores: two worker processes (forks keep the native SQLite module in plain child processes).
// Service tests share one module graph per worker (isolate: false), which halves their run time; they keep
// no state in modules. Other suites keep the default per-file isolation.
const services = 'tests/services/**/*.test.ts';

// The service suite runs once per database: SQLite always, PostgreSQL wherever its server is installed
// (CI installs it; there a missing server is an error, not a skip).
const withPostgres = postgresBin() !== null;
if (!withPostgres && process.env.CI) throw new Error('CI needs PostgreSQL for the service tests: apt-get install postgresql');
if (!withPostgres) console.warn('PostgreSQL is not installed: the service tests run on SQLite only.');

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: [services], isolate: false } },
      ...(withPostgres
        ? [{ extends: true as const, test: { name: 'postgres', include: [services], isolate: false, globalSetup: ['tests/helpers/postgres-global-setup.ts'] } }]
        : []),
      { extends: true as const, test: { name: 'other', include: ['tests/**/*.test.ts'], exclude: [services] } },
    ],
  },
});
