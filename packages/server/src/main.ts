import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshReviewFindings } from '@jixiao/db/analytics.repository';
import {
  closeDatabase,
  databaseOptionsFromEnv,
  openDatabase,
  readDatabaseUrlFromEnv,
  refreshEmbeddedStatistics,
} from '@jixiao/db/database';
import { migrate } from '@jixiao/db/migrate';
import { buildApp } from './app.ts';
import { loadDemoData } from './demo-data.ts';
import { eventLoopStatsEnabled, registerEventLoopStats } from './event-loop-stats.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Starts the server: opens and migrates the database, then listens on PORT (default 3000). */
async function main(): Promise<void> {
  const dbOptions = databaseOptionsFromEnv(process.env, join(repoRoot, '.data'));
  const db = await openDatabase(dbOptions);
  const applied = await migrate(db);
  // A replica is never migrated: it replays what the primary's migrations wrote.
  const readUrl = readDatabaseUrlFromEnv();
  const readDb = readUrl ? await openDatabase({ url: readUrl }) : db;
  const app = await buildApp({
    db,
    readDb,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    webDist: join(repoRoot, 'packages', 'web', 'dist'),
  });
  if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
  // Benchmarks only (npm run bench:scale): the longest event-loop block at /api/internal/event-loop.
  if (eventLoopStatsEnabled()) registerEventLoopStats(app);
  if (process.env.JIXIAO_DEMO_DATA !== '0') {
    const demo = await loadDemoData(db, {
      seedPath: join(repoRoot, 'fixtures', 'seed.txt'),
      corpusDir: join(repoRoot, '..', 'shared', 'corpus', 'dev'),
      log: (message) => app.log.info(message),
    });
    if (demo.loaded)
      app.log.info({ files: demo.files, tables: demo.tables }, 'demo data loaded (first start)');
  }
  await refreshEmbeddedStatistics(db);

  // Tables loaded in bulk (or reviewed under rules a release has since changed) get their automatic-review
  // findings counted for the dashboard in the background, a small batch at a time between requests.
  const reviewing = new AbortController();
  const reviewed = refreshReviewFindings(db, {
    signal: reviewing.signal,
    pause: () => new Promise((resolve) => setImmediate(resolve)),
    log: (message) => app.log.info(message),
  })
    .then((tables) => {
      if (tables > 0) app.log.info({ tables }, 'automatic review of stored tables done');
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'automatic review of stored tables failed'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    reviewing.abort();
    await reviewed;
    // Finish in-flight requests, then close the database so PGlite flushes its data folder.
    await app.close();
    if (readDb !== db) await closeDatabase(readDb);
    await closeDatabase(db);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  const where = dbOptions.url
    ? `PostgreSQL (DATABASE_URL${readUrl ? ', read-only pages on DATABASE_READ_URL' : ''})`
    : `PGlite in ${dbOptions.dataDir}`;
  app.log.info(`Jixiao 绩效 is running at http://localhost:${port} on ${where}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
