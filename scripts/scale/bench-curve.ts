/**
 * The single-node curve: several `npm run bench:scale -- --out x.json` runs (one per size) side by side,
 * one row per endpoint, p50 / p99 at each size, the longest event-loop block (the server thread's own
 * run time, with the wall-clock delay that includes waiting for a core) and the verdict at the
 * largest size (`npm run bench:scale -- --curve bench-100k.json,bench-300k.json,bench-1m.json`).
 */

export interface CurveRun {
  commit?: string;
  fixture: { tables: number };
  server?: { peakRssBytes?: number };
  /** The machine's load when the run ended: p99 on a loaded machine measures the machine. */
  machine?: { loadAverage?: number[] };
  results: {
    name: string;
    p50Ms: number;
    p99Ms: number;
    firstMs: number;
    eventLoopMaxMs: number;
    /** The server thread's own part of its longest block (runs since it was measured). */
    eventLoopThreadMaxMs?: number;
    overBudget: string[];
    error?: string;
  }[];
}

const ms = (value: number) =>
  value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : value >= 10
      ? `${Math.round(value)} ms`
      : `${value.toFixed(1)} ms`;

const size = (tables: number) =>
  tables >= 1_000_000 && tables % 1_000_000 === 0
    ? `${tables / 1_000_000}M`
    : tables >= 1000 && tables % 1000 === 0
      ? `${tables / 1000}k`
      : String(tables);

/** A markdown table of the runs, smallest first; an endpoint missing from a run shows `—` there. */
export function curveTable(runs: readonly CurveRun[]): string {
  const sorted = [...runs].sort((a, b) => a.fixture.tables - b.fixture.tables);
  const names: string[] = [];
  for (const run of sorted) for (const r of run.results) if (!names.includes(r.name)) names.push(r.name);
  const largest = sorted[sorted.length - 1];
  const head = [
    'endpoint',
    ...sorted.map((run) => `${size(run.fixture.tables)} p50 / p99`),
    `loop block (${largest ? size(largest.fixture.tables) : '—'})`,
    'verdict',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const name of names) {
    const cells = sorted.map((run) => {
      const r = run.results.find((x) => x.name === name);
      return r ? `${ms(r.p50Ms)} / ${ms(r.p99Ms)}` : '—';
    });
    const last = largest?.results.find((x) => x.name === name);
    const verdict = !last
      ? '—'
      : last.error
        ? `error: ${last.error}`
        : last.overBudget.length > 0
          ? `**over** (${last.overBudget.join(', ')})`
          : 'ok';
    const block = !last
      ? '—'
      : last.eventLoopThreadMaxMs === undefined
        ? ms(last.eventLoopMaxMs)
        : `${ms(last.eventLoopThreadMaxMs)} (wall ${ms(last.eventLoopMaxMs)})`;
    lines.push(`| ${[name, ...cells, block, verdict].join(' | ')} |`);
  }
  const rss = sorted.map((run) =>
    run.server?.peakRssBytes ? `${Math.round(run.server.peakRssBytes / 1024 ** 2)} MB` : '—',
  );
  lines.push(`| server peak RSS | ${rss.join(' | ')} | | |`);
  const load = sorted.map((run) => run.machine?.loadAverage?.[0]?.toFixed(1) ?? '—');
  lines.push(`| load average (1 min, at the end) | ${load.join(' | ')} | | |`);
  return lines.join('\n');
}
