/**
 * Asks `/api/health` of a listening server over and over (a pause of 25 ms between answers) while a test
 * sends the request it is watching; `stop()` ends the polling and gives the slowest answer in ms. What
 * another user would have waited for while that request ran. With `cpuMs` (CPU time of the threads that
 * serve the request, e.g. threadCpuMs), `busiestCpuMs()` is the most of it one answer waited for: the
 * same wait measured in work, which a busy machine does not stretch.
 */
export function pollHealth(
  base: string,
  options: { cpuMs?: () => number } = {},
): { stop: () => Promise<number>; busiestCpuMs: () => number } {
  let slowestMs = 0;
  let busiestCpuMs = 0;
  let done = false;
  const cpuMs = options.cpuMs ?? (() => 0);
  const polling = (async () => {
    while (!done) {
      const started = performance.now();
      const startedCpu = cpuMs();
      await fetch(`${base}/api/health`);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      busiestCpuMs = Math.max(busiestCpuMs, cpuMs() - startedCpu);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    stop: async () => {
      done = true;
      await polling;
      return slowestMs;
    },
    busiestCpuMs: () => busiestCpuMs,
  };
}
