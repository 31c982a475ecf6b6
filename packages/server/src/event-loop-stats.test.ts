import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { eventLoopStatsEnabled, mainThreadSchedule, registerEventLoopStats } from './event-loop-stats.ts';

describe('event-loop statistics (JIXIAO_EVENT_LOOP_STATS)', () => {
  it('is opt-in', () => {
    expect(eventLoopStatsEnabled({})).toBe(false);
    expect(eventLoopStatsEnabled({ JIXIAO_EVENT_LOOP_STATS: '0' })).toBe(false);
    expect(eventLoopStatsEnabled({ JIXIAO_EVENT_LOOP_STATS: '1' })).toBe(true);
  });

  it('reports the longest block since the last reset, then starts over', async () => {
    const app = Fastify();
    registerEventLoopStats(app);
    await app.ready();
    try {
      await app.inject({ url: '/api/internal/event-loop?reset=1' });
      // A reset drops the interval in progress: block in a later turn of the loop.
      await sleep(30);
      // Hold the thread for 120 ms of CPU, as a heavy request would (on a busy machine that takes longer).
      const cpu = process.cpuUsage();
      for (let used = process.cpuUsage(cpu); used.user + used.system < 120_000; ) {
        used = process.cpuUsage(cpu);
      }
      await sleep(40);
      const blocked = (await app.inject({ url: '/api/internal/event-loop?reset=1' })).json();
      expect(blocked.maxMs).toBeGreaterThanOrEqual(90);
      expect(blocked.maxCpuMs).toBeGreaterThanOrEqual(90);
      // On Linux the thread's own part is told apart from waiting for a core.
      if (mainThreadSchedule()) {
        expect(blocked.maxThreadMs).toBeGreaterThanOrEqual(90);
        expect(blocked.maxThreadWaitMs).toBeGreaterThanOrEqual(0);
      } else {
        expect(blocked.maxThreadMs).toBeNull();
      }
      expect(blocked.rssBytes).toBeGreaterThan(0);
      await sleep(30);
      const calm = (await app.inject({ url: '/api/internal/event-loop' })).json();
      expect(calm.maxMs).toBeLessThan(90);
      expect(calm.maxCpuMs).toBeLessThan(60);
      if (mainThreadSchedule()) expect(calm.maxThreadMs).toBeLessThan(60);
    } finally {
      await app.close();
    }
  });
});
