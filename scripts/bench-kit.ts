/**
 * The shared shape of every benchmark. Machines here are noisy, so a benchmark never reports absolute
 * times alone: it times the work and a baseline doing comparable work in the same process, and reports
 * their ratio against a goal. Bench modules live beside what they measure as `*.bench.ts` and export
 * `default async function (): Promise<BenchResult[]>`; `npm run bench` finds and runs them all.
 */
export interface BenchResult {
  /** What was measured, e.g. "import 10,000 tables". */
  name: string;
  /** What it is compared with, e.g. "split the same bytes into lines". */
  baseline: string;
  /** work ÷ baseline (time, bytes, …): lower is better. */
  ratio: number;
  /** The ratio the issue asks for at most. */
  goal: number;
  /** Absolute figures for the curious: times, sizes, memory. */
  detail?: string;
}

/** Runs `fn` `runs` times after one warm-up and returns the median wall time in milliseconds. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** The p-th percentile (0–100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}
