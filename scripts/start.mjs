#!/usr/bin/env node
// `npm start`: builds the web UI when packages/web/dist is missing or older than its sources, then runs
// the server (packages/server/src/main.ts through tsx): migrations, demo data on first start, and
// http://localhost:3000 (PORT overrides). Data in .data/ (PGlite) unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'packages', 'web');
const distIndex = join(web, 'dist', 'index.html');

/** Newest modification time under `path` (files the web build reads). */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function webIsStale() {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  const sources = [
    join(web, 'src'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'package.json'),
    // The UI imports core's schemas and texts.
    join(root, 'packages', 'core', 'src'),
  ];
  return sources.some((source) => newest(source) > built);
}

if (process.env.JIXIAO_SKIP_WEB_BUILD !== '1' && webIsStale()) {
  console.log('Building the web UI (packages/web/dist)…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web UI build failed; fix it or set JIXIAO_SKIP_WEB_BUILD=1 to serve the API only.');
    process.exit(build.status ?? 1);
  }
}

const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const server = spawn(tsx, [join(root, 'packages', 'server', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
// Pass Ctrl-C and `kill` on to the server so it closes the database cleanly (PGlite flushes .data/).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
// `kill <npm's pid>` does not reach us through npm: when our parent goes away, stop the server too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) server.kill('SIGTERM');
}, 1000).unref();
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
