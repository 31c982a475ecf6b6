import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

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

/** The library a module comes from (`antd`, `@rc-component/picker`), or null for the app's own code. */
function libraryOf(id: string): string | null {
  return id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? null;
}

const word = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Names each shared chunk for what it holds. Rolldown names a chunk after one of its modules, so the chunk
 * of React DOM and antd's runtime was called "i18n" (after the app's i18n provider inside it), big.js
 * "money", TanStack Query "use-load" and react-router "chunk-YDNE64FV". A chunk where one library holds
 * more than half of the code is named after that library, unless Rolldown's name already is one of that
 * library's files or folders (antd's button, card, …). Only names change: which module lands in which
 * chunk is still Rolldown's choice, so no chunk grows.
 */
function chunkNames(): { plugin: Plugin; fileName: (chunk: Rolldown.PreRenderedChunk) => string } {
  const sizes = new Map<string, number>();
  const plugin: Plugin = {
    name: 'jixiao-chunk-names',
    apply: 'build',
    moduleParsed(info) {
      sizes.set(info.id, info.code?.length ?? 0);
    },
  };
  const nameOf = (chunk: Rolldown.PreRenderedChunk): string => {
    if (chunk.isEntry || chunk.isDynamicEntry) return chunk.name;
    const byLibrary = new Map<string, number>();
    let total = 0;
    for (const id of chunk.moduleIds) {
      const size = sizes.get(id) ?? 0;
      total += size;
      const library = libraryOf(id);
      if (library) byLibrary.set(library, (byLibrary.get(library) ?? 0) + size);
    }
    const [library, size] = [...byLibrary].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    if (!library || total === 0 || size <= total / 2) return chunk.name;
    const named = word(chunk.name);
    const itsOwnName =
      !/^chunk-[A-Z0-9]{8}$/.test(chunk.name) &&
      chunk.moduleIds.some(
        (id) =>
          libraryOf(id) === library &&
          `${library.split('/').pop()}/${id.split(`${library}/`).pop()}`
            .split('/')
            .some((part) => word(part.replace(/\.[^.]*$/, '')) === named),
      );
    return itsOwnName ? chunk.name : library.replace(/^@/, '').replace(/[^a-zA-Z0-9_-]/g, '-');
  };
  return { plugin, fileName: (chunk) => `assets/${nameOf(chunk)}-[hash].js` };
}

const named = chunkNames();

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), preCompress(), named.plugin],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json lets src/first-load.bench.ts follow the entry's static imports.
    manifest: true,
    // The first-load budget (≤ 400 KB gzipped) is checked by src/first-load.bench.ts, not by this warning.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { chunkFileNames: named.fileName } },
  },
  server: {
    port: 5173,
    // Workspace packages (@jixiao/core) live outside this folder.
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
