import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Writes file.br and file.gz beside each text file of the build (best compression: done once here, not per
 * request), which the server sends as the browser accepts. Files under 1 KB and compressed copies no
 * smaller than the original are skipped.
 */
function preCompress(): Plugin {
  let outDir = '';
  return {
    name: 'jixiao-pre-compress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file) || file.includes(`${join(outDir, '.vite')}`))
          continue;
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
        const gz = gzipSync(bytes, { level: 9 });
        if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), preCompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json lets src/first-load.bench.ts follow the entry's static imports.
    manifest: true,
    // The first-load budget (≤ 400 KB gzipped) is checked by src/first-load.bench.ts, not by this warning.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    // Workspace packages (@jixiao/core) live outside this folder.
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
