import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../../..');
export const webRoot = join(repoRoot, 'packages/web');
/** Where `npm start` and `npm run build:web` put the UI. */
export const webDist = join(webRoot, 'dist');

/** What the bundle is made from: the UI, its HTML and config, and core (the UI imports its schemas). */
const sources = () => [
  join(webRoot, 'src'),
  join(webRoot, 'index.html'),
  join(webRoot, 'vite.config.ts'),
  join(repoRoot, 'packages/core/src'),
];

function listFiles(path: string, out: string[] = []): string[] {
  if (!existsSync(path)) return out;
  if (!statSync(path).isDirectory()) {
    out.push(path);
    return out;
  }
  for (const entry of readdirSync(path).sort()) {
    // Tests are not bundled: editing one must not force a rebuild.
    if (entry === 'node_modules' || entry === 'dist' || /\.(test|e2e\.test|bench)\.tsx?$/.test(entry))
      continue;
    listFiles(join(path, entry), out);
  }
  return out;
}

/** A fingerprint of the sources (paths, sizes, modification times): equal fingerprints, same bundle. */
export function webSourceStamp(): string {
  const hash = createHash('sha1');
  for (const file of sources().flatMap((source) => listFiles(source))) {
    const stat = statSync(file);
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the UI with vite into a folder of its own, named by the sources' fingerprint, and returns it.
 * The shared packages/web/dist is not used: `npm start` or another test run may rebuild it at any
 * moment, and a page whose chunks vanish mid-test fails for no fault of its own. A second call with
 * unchanged sources (the next test file) reuses the folder.
 */
export function ensureWebBuilt(): string {
  const dir = join(tmpdir(), `jixiao-web-${webSourceStamp()}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const building = `${dir}.building-${process.pid}-${Date.now()}`;
  // A child process keeps vite's plugins and workers out of the calling process.
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      building,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    // Vitest sets NODE_ENV=test and the child inherits it: vite would then bundle React's development
    // build (about 70 KB gzip more), so tests and the first-load bench would not see what users get.
    { cwd: webRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  try {
    renameSync(building, dir);
  } catch {
    // Another process finished the same build first: use its folder.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
