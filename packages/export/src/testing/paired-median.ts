/**
 * Median times of `work` and `baseline` run alternately, after one warm-up each. On a busy machine
 * alternating spreads the noise over both sides, so their ratio is steadier than two runs in a row.
 */
export async function pairedMedians(
  work: () => unknown | Promise<unknown>,
  baseline: () => unknown | Promise<unknown>,
  runs: number,
): Promise<{ work: number; baseline: number }> {
  await work();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await work();
    a.push(performance.now() - start);
    start = performance.now();
    await baseline();
    b.push(performance.now() - start);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  return { work: median(a), baseline: median(b) };
}
