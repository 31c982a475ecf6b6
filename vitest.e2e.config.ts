import { defineConfig } from 'vitest/config';

// Browser tests: each file starts a real server and chromium, so files run one after another.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A page reacts within a second on a quiet machine, not always on a busy one: a poll that succeeds
    // returns at once, so a longer limit only changes how long a real failure takes to report.
    expect: { poll: { timeout: 10_000 } },
  },
});
