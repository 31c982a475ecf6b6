import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/** Whether the operator asked for event-loop statistics (JIXIAO_EVENT_LOOP_STATS=1; benchmarks only). */
export function eventLoopStatsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.JIXIAO_EVENT_LOOP_STATS === '1';
}

/**
 * GET /api/internal/event-loop: the longest event-loop delay (perf_hooks monitorEventLoopDelay, 10 ms
 * resolution) and the process's resident memory since the last `?reset=1`, so `npm run bench:scale` can
 * tell which request held the server's one thread. Registered by main.ts only when opted in: it is
 * anonymous and says nothing about data, but has no place on a production server.
 */
export function registerEventLoopStats(app: FastifyInstance): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  app.get('/api/internal/event-loop', { schema: { hide: true } }, async (request) => {
    const toMs = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 10_000) / 100 : 0);
    const stats = {
      maxMs: histogram.count > 0 ? toMs(histogram.max) : 0,
      p99Ms: histogram.count > 0 ? toMs(histogram.percentile(99)) : 0,
      meanMs: histogram.count > 0 ? toMs(histogram.mean) : 0,
      samples: histogram.count,
      rssBytes: process.memoryUsage.rss(),
    };
    if ((request.query as { reset?: string }).reset === '1') histogram.reset();
    return stats;
  });
  app.addHook('onClose', async () => histogram.disable());
}
