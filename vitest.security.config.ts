import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// npm run test:security: the security suite — authorisation matrix and object checks, sign-in throttling,
// hostile input and uploads, headers, CSRF, injection in exports — plus the tests too slow for the default
// run or that time the event loop (*.security.test.ts: kill -9 during writes, the parse pool's limits).
// Run by `npm test`.
// The files that bound event-loop blocks or wall time (blocking-steps bounds the blocks of saving,
// confirming, moving and exporting a table at the limits).
const timed = ['packages/*/src/**/*.security.test.ts'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'security',
          include: ['packages/server/src/security/**/*.test.ts', 'packages/server/src/auth/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...timed],
          // Two workers, as the unit suite: these files wait on the database and argon2 more than they
          // compute, and their few time bounds are loose (the unit suite's machine is as busy). Each file
          // opens its own database and app; the module graph is shared per worker (see vitest.config.ts).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timed',
          include: timed,
          // One file at a time, after the others, so that no other test file competes with their timings.
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
