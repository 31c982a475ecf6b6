import { defineConfig } from 'vitest/config';

// npm run test:security (issue 15): the security suite — authorisation matrix and object checks, sign-in
// throttling, hostile input and uploads, headers, CSRF, injection in exports — plus the tests too slow for
// the default run (*.security.test.ts: kill -9 during writes). Run by `npm test`.
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
