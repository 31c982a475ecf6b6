/**
 * Asks `/api/health` of a listening server over and over (a pause of 25 ms between answers) while a test
 * sends the request it is watching; `stop()` ends the polling and gives the slowest answer in ms. What
 * another user would have waited for while that request ran.
 */
export function pollHealth(base: string): { stop: () => Promise<number> } {
  let slowestMs = 0;
  let done = false;
  const polling = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${base}/api/health`);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    stop: async () => {
      done = true;
      await polling;
      return slowestMs;
    },
  };
}
