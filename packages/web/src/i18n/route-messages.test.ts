/**
 * Each route loads the Chinese words its page may show (routes.tsx: `withMessages([...], import(page))`):
 * read from the sources, the keys a page and what it imports ask for must belong to the route's features or
 * to the shell's (messages.ts), else the page would show a key. Also: no route loads a feature it never uses.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shellFeatures } from './messages.ts';
import { zhByFeature } from './messages.zh.ts';
import { keysUsed, moduleClosure, routePages } from './testing/message-usage.ts';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const featureOf = new Map<string, string>();
for (const [feature, words] of Object.entries(zhByFeature))
  for (const key of Object.keys(words)) featureOf.set(key, feature);
const allKeys = [...featureOf.keys()];
const featuresOf = (files: Set<string>) =>
  [...new Set([...keysUsed(files, allKeys)].map((key) => featureOf.get(key) ?? ''))].sort();

const pages = routePages();
const isPage = (file: string) => pages.some((p) => p.file === file);

describe('route messages', () => {
  it('finds the routes’ pages', () => {
    expect(pages.length).toBeGreaterThan(20);
  });

  it('gives the app frame (every route) only the shell’s features', () => {
    const shell = moduleClosure(join(src, 'main.tsx'), isPage);
    expect(featuresOf(shell).filter((f) => !shellFeatures.includes(f as never))).toEqual([]);
  });

  for (const page of pages) {
    const name = page.file.slice(src.length + 1);
    it(`loads what ${name} shows, and nothing it does not`, () => {
      const closure = moduleClosure(page.file, (file) => isPage(file) && file !== page.file);
      const needed = featuresOf(closure).filter((f) => !shellFeatures.includes(f as never));
      expect(page.features, name).toEqual(needed);
    });
  }
});
