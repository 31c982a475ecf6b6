import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    // The security suite (authorisation, sign-in, hostile input, kill -9) runs once, in npm run test:security.
    exclude: [
      '**/node_modules/**',
      '**/*.e2e.test.ts',
      '**/*.security.test.ts',
      'packages/server/src/security/**',
      'packages/server/src/auth/**',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
