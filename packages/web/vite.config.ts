import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
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
