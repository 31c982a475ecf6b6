import { defineConfig } from 'vitest/config';

// Browser tests: each file starts a real server (its own in-memory database, a free port) and its own
// chromium, so files share nothing and two run at once: a file spends much of its time waiting on the
// page, and on CI's 2-core machines one file at a time left a core idle.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A page reacts within a second on a quiet machine, not always on a busy one: a poll that succeeds
    // returns at once, so a longer limit only changes how long a real failure takes to report.
    expect: { poll: { timeout: 10_000 } },
  },
});
