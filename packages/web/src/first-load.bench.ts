/**
 * First-load JavaScript of the built UI: compressed bytes sent (the build's pre-compressed brotli) of the
 * entry chunk and every chunk it imports statically (what the browser must fetch before anything shows),
 * against a 400 KB budget.
 * Also measured: the same plus the chunks of the page most users open first (/tables), since routes
 * are split and that page arrives right after.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from '../../../scripts/bench-kit.ts';
import { routePages } from './i18n/testing/message-usage.ts';
import { ensureWebBuilt } from './testing/web-build.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const budgetBytes = 400 * 1024;

/** Manifest keys of a chunk and all chunks it imports statically. */
export function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

/**
 * Bytes sent for a file: the build's pre-compressed brotli copy when there is one (what the server sends
 * to browsers, which all accept br), else gzip at level 9.
 */
function gzipSize(dist: string, file: string): number {
  const br = join(dist, `${file}.br`);
  if (existsSync(br)) return statSync(br).size;
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export default async function firstLoadBench(): Promise<BenchResult[]> {
  const dist = ensureWebBuilt();
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error('No entry chunk in the vite manifest');
  const entry = staticClosure(manifest, entryKey);
  const sizeOf = (keys: Iterable<string>) =>
    [...keys].reduce((sum, key) => sum + gzipSize(dist, manifest[key]?.file ?? ''), 0);
  const entryBytes = sizeOf(entry);
  const css = [...entry].flatMap((key) => manifest[key]?.css ?? []);
  const cssBytes = css.reduce((sum, file) => sum + gzipSize(dist, file), 0);

  // A page's chunks: its own static closure and the Chinese words routes.tsx fetches beside it.
  const routes = routePages();
  const pageClosure = (key: string) => {
    const keys = staticClosure(manifest, key);
    const features = routes.find((route) => key.endsWith(route.file.split('/src/').pop() ?? ''))?.features;
    for (const feature of features ?? []) {
      const words = Object.keys(manifest).find((k) => k.endsWith(`i18n/messages.${feature}.ts`));
      if (words) staticClosure(manifest, words, keys);
    }
    return keys;
  };
  const listKey = Object.keys(manifest).find((key) => key.endsWith('pages/table-list.page.tsx'));
  const listExtra = listKey ? [...pageClosure(listKey)].filter((key) => !entry.has(key)) : [];
  const listBytes = entryBytes + sizeOf(listExtra);
  // The workbench (我的待办) is where every signed-in user lands, so its first load counts as much.
  const workbenchKey = Object.keys(manifest).find((key) => key.endsWith('pages/workbench.page.tsx'));
  const workbenchExtra = workbenchKey ? [...pageClosure(workbenchKey)].filter((key) => !entry.has(key)) : [];
  const workbenchBytes = entryBytes + sizeOf(workbenchExtra);
  const routeChunks = Object.keys(manifest).filter((key) => key.includes('/pages/')).length;
  // Pages with charts: what they fetch after the entry before they show (the budget), then what they
  // fetch lazily for their charts once the page is there (reported beside it).
  const pageBytes = (...pages: string[]) => {
    const first = new Set<string>();
    const lazy = new Set<string>();
    for (const page of pages) {
      const key = Object.keys(manifest).find((k) => k.endsWith(page));
      if (!key) continue;
      for (const k of pageClosure(key)) if (!entry.has(k)) first.add(k);
      for (const lazyKey of manifest[key]?.dynamicImports ?? [])
        for (const k of staticClosure(manifest, lazyKey)) lazy.add(k);
    }
    const later = [...lazy].filter((k) => !entry.has(k) && !first.has(k));
    return { bytes: entryBytes + sizeOf(first), chunks: first.size, lazyBytes: sizeOf(later) };
  };
  const publicLoad = pageBytes('pages/public-layout.tsx', 'pages/public.page.tsx');
  const dashboardLoad = pageBytes('pages/dashboard.page.tsx');
  // The chart component's chunk is ECharts itself (echarts/core with what the UI registers).
  const chartFiles = new Set(
    Object.keys(manifest)
      .filter((key) => key.endsWith('components/charts/chart.tsx'))
      .map((key) => manifest[key]?.file ?? ''),
  );
  const chartBytes = [...chartFiles].reduce((sum, file) => sum + (file ? gzipSize(dist, file) : 0), 0);

  return [
    {
      name: 'first-load JS (entry chunk + its static imports, brotli as sent)',
      baseline: 'the 400 KB budget',
      ratio: entryBytes / budgetBytes,
      goal: 1,
      detail: `${kb(entryBytes)} in ${entry.size} chunks; CSS ${kb(cssBytes)}; ${routeChunks} lazily loaded page chunks`,
    },
    {
      name: 'first load of /tables (entry + table-list page chunks, brotli as sent)',
      baseline: 'the 400 KB budget',
      ratio: listBytes / budgetBytes,
      goal: 1,
      detail: `${kb(listBytes)} (${listExtra.length} more chunks after the entry)`,
    },
    {
      name: 'first load of /workbench, the landing page after sign-in (entry + workbench page chunks, brotli as sent)',
      baseline: 'the 400 KB budget',
      ratio: workbenchBytes / budgetBytes,
      goal: 1,
      detail: `${kb(workbenchBytes)} (${workbenchExtra.length} more chunks after the entry)`,
    },
    {
      name: 'first load of /public, the portal (entry + portal chunks before its lazy statistics charts, brotli as sent)',
      baseline: 'the 400 KB budget',
      ratio: publicLoad.bytes / budgetBytes,
      goal: 1,
      detail: `${kb(publicLoad.bytes)} (${publicLoad.chunks} more chunks after the entry); then its charts ${kb(publicLoad.lazyBytes)}, of which the chart library ${kb(chartBytes)}`,
    },
    {
      name: 'first load of /dashboard (entry + dashboard chunks before its lazy charts, brotli as sent)',
      baseline: 'the 400 KB budget',
      ratio: dashboardLoad.bytes / budgetBytes,
      goal: 1,
      detail: `${kb(dashboardLoad.bytes)} (${dashboardLoad.chunks} more chunks after the entry); then its charts ${kb(dashboardLoad.lazyBytes)}`,
    },
  ];
}
