import { readFileSync } from 'node:fs';
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
 *
 * `maxCpuMs` is the most CPU time the process used between two turns of a 5 ms timer: on a busy
 * machine a delay also counts the time the thread waited for a core, this counts only the work done
 * meanwhile (what the delay would be on an idle machine). It includes V8's and libuv's helper threads,
 * so it can read above the delay by what they ran in parallel.
 *
 * `maxThreadMs` is the most the server's own thread ran between two turns of that timer, and
 * `maxThreadWaitMs` the most it waited meanwhile for a core while ready to run, from Linux's
 * schedstat of the main thread (null elsewhere): a delay of 300 ms in which the thread ran 10 ms
 * and waited 290 ms is the machine's load, not a request holding the loop.
 */
export function registerEventLoopStats(app: FastifyInstance): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let maxCpuMicros = 0;
  let cpu = process.cpuUsage();
  let maxThreadNs = 0;
  let maxThreadWaitNs = 0;
  let thread = mainThreadSchedule();
  const ticker = setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    maxCpuMicros = Math.max(maxCpuMicros, used.user + used.system);
    const now = mainThreadSchedule();
    if (now && thread) {
      maxThreadNs = Math.max(maxThreadNs, now.runNs - thread.runNs);
      maxThreadWaitNs = Math.max(maxThreadWaitNs, now.waitNs - thread.waitNs);
    }
    thread = now;
  }, 5);
  ticker.unref();
  app.get('/api/internal/event-loop', { schema: { hide: true } }, async (request) => {
    const toMs = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 10_000) / 100 : 0);
    const stats = {
      maxMs: histogram.count > 0 ? toMs(histogram.max) : 0,
      p99Ms: histogram.count > 0 ? toMs(histogram.percentile(99)) : 0,
      meanMs: histogram.count > 0 ? toMs(histogram.mean) : 0,
      samples: histogram.count,
      maxCpuMs: Math.round(maxCpuMicros / 10) / 100,
      maxThreadMs: thread ? toMs(maxThreadNs) : null,
      maxThreadWaitMs: thread ? toMs(maxThreadWaitNs) : null,
      rssBytes: process.memoryUsage.rss(),
    };
    if ((request.query as { reset?: string }).reset === '1') {
      histogram.reset();
      maxCpuMicros = 0;
      cpu = process.cpuUsage();
      maxThreadNs = 0;
      maxThreadWaitNs = 0;
      thread = mainThreadSchedule();
    }
    return stats;
  });
  app.addHook('onClose', async () => {
    histogram.disable();
    clearInterval(ticker);
  });
}

/**
 * Nanoseconds the main thread has run on a core and waited for one while ready (the first two fields
 * of /proc/self/task/<pid>/schedstat, whose thread id is the process id); null where there is none.
 */
export function mainThreadSchedule(): { runNs: number; waitNs: number } | null {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    const runNs = Number(run);
    const waitNs = Number(wait);
    return Number.isFinite(runNs) && Number.isFinite(waitNs) ? { runNs, waitNs } : null;
  } catch {
    return null;
  }
}
