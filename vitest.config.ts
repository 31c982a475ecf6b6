import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The security suite (authorisation, sign-in, hostile input, kill -9) runs once, in npm run test:security.
const exclude = [
  '**/node_modules/**',
  '**/*.e2e.test.ts',
  '**/*.security.test.ts',
  'packages/server/src/security/**',
  'packages/server/src/auth/**',
];

export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker, which leaves a core idle while tests wait on
    // PostgreSQL and file I/O; two workers run the suite in about 60% of the time on CI's 2-core machines.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.test.ts'],
          exclude,
          // core is pure (no I/O, no module state a test changes), so its files share one module graph
          // per worker instead of importing zod and the rule sets afresh for each file.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'packages',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: [...exclude, 'packages/core/**'],
          // Each file still opens its own database and app; what files share is the module graph per
          // worker (fastify, kysely, PGlite, zod and the rule sets evaluated once instead of once a file,
          // which was most of the suite's import time) and what modules cache on purpose (the migrated
          // PGlite template, the demo password's hash). A test that changes globals or the environment
          // puts them back (vi.unstubAllGlobals, saved process.env values).
          isolate: false,
        },
      },
    ],
  },
});
