import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { eventLoopStatsEnabled, registerEventLoopStats } from './event-loop-stats.ts';

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
      const until = performance.now() + 120;
      while (performance.now() < until) {
        // Hold the thread, as a heavy request would.
      }
      await sleep(40);
      const blocked = (await app.inject({ url: '/api/internal/event-loop?reset=1' })).json();
      expect(blocked.maxMs).toBeGreaterThanOrEqual(90);
      expect(blocked.rssBytes).toBeGreaterThan(0);
      await sleep(30);
      const calm = (await app.inject({ url: '/api/internal/event-loop' })).json();
      expect(calm.maxMs).toBeLessThan(90);
    } finally {
      await app.close();
    }
  });
});
