/**
 * Which message keys a module and everything it imports (statically, and lazily unless it is another route's
 * page) may ask `t()` for, read from the source: every string literal that is a key, and every template
 * literal whose fixed start is a key prefix (`status.${s}` needs all `status.*`). Over-counts on purpose —
 * a literal that only looks like a key still asks for its feature — so that a page never renders a key
 * its route did not load.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const routesFile = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'app', 'routes.tsx');

/** Every page routes.tsx imports, with the message features it loads beside it (none for a bare import). */
export function routePages(): { file: string; features: string[] }[] {
  const routes = readFileSync(routesFile, 'utf8');
  return [...routes.matchAll(/(?:withMessages\(\s*\[([^\]]*)\],\s*)?import\('(\.{1,2}\/[^']+)'\)/g)].map(
    (m) => ({
      file: resolve(dirname(routesFile), m[2] ?? ''),
      features: [...(m[1] ?? '').matchAll(/'([\w-]+)'/g)].map((f) => f[1] ?? '').sort(),
    }),
  );
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const literalPattern =
  /'([A-Za-z][\w-]*(?:\.[\w\u4e00-\u9fff-]+)+)'|"([A-Za-z][\w-]*(?:\.[\w\u4e00-\u9fff-]+)+)"|`([A-Za-z][\w-]*(?:\.[\w\u4e00-\u9fff-]+)*\.?)(\$\{)?/g;

/** The source files a module reaches, itself included, not entering the files `stopAt` names. */
export function moduleClosure(entry: string, stopAt: (file: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(importPattern)) {
      const target = resolve(dirname(file), match[1] ?? '');
      if (!/\.(ts|tsx)$/.test(target) || /\.(test|e2e\.test)\.tsx?$/.test(target)) continue;
      if (target.includes(`${join('src', 'i18n')}/messages`)) continue;
      if (stopAt(target)) continue;
      visit(target);
    }
  };
  visit(entry);
  return seen;
}

/** The keys `files` may show: literal keys, and every key under a template literal's fixed prefix. */
export function keysUsed(files: Iterable<string>, allKeys: readonly string[]): Set<string> {
  const known = new Set(allKeys);
  const used = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(literalPattern)) {
      const literal = match[1] ?? match[2];
      if (literal !== undefined) {
        if (known.has(literal)) used.add(literal);
        continue;
      }
      const prefix = match[3] ?? '';
      if (match[4] === undefined) {
        if (known.has(prefix)) used.add(prefix);
      } else if (prefix.includes('.') || prefix.length > 0) {
        for (const key of allKeys) if (prefix.length > 0 && key.startsWith(prefix)) used.add(key);
      }
    }
  }
  return used;
}
