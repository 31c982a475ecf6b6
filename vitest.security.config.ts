import { defineConfig } from 'vitest/config';

// npm run test:security: the security suite — authorisation matrix and object checks, sign-in throttling,
// hostile input and uploads, headers, CSRF, injection in exports — plus the tests too slow for the default
// run or that time the event loop (*.security.test.ts: kill -9 during writes, the parse pool's limits).
// One file at a time (vitest's default on two cores), so no other test file competes with those timings.
// Run by `npm test`.
export default defineConfig({
  test: {
    include: [
      'packages/server/src/security/**/*.test.ts',
      'packages/server/src/auth/**/*.test.ts',
      'packages/*/src/**/*.security.test.ts',
    ],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
