import { availableParallelism } from 'node:os';
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
    // Vitest's default on two cores is one worker, which leaves a core idle while tests wait on
    // PostgreSQL and file I/O; two workers run the suite in about 60% of the time on CI's 2-core machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
