import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './web-build.ts';

// The README's tour shows pictures the browser tests take (docScreenshot, written to docs/screenshots/ with
// UPDATE_DOC_SCREENSHOTS=1): a picture nobody takes any more, or one the README names that no test takes,
// would show a page as it no longer is.

/** The e2e test files of every package. */
function e2eFiles(): string[] {
  const packages = join(repoRoot, 'packages');
  return readdirSync(packages).flatMap((name) =>
    readdirSync(join(packages, name, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.e2e.test.ts'))
      .map((file) => join(packages, name, 'src', file)),
  );
}

describe('README screenshots', () => {
  it('are exactly the ones the browser tests take, and each is committed', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const shown = new Set([...readme.matchAll(/docs\/screenshots\/([\w-]+)\.png/g)].map((m) => m[1]));
    const taken = new Set(
      e2eFiles().flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/docScreenshot\(\s*'([\w-]+)'/g)].map((m) => m[1]),
      ),
    );
    const committed = new Set(
      readdirSync(join(repoRoot, 'docs', 'screenshots'))
        .filter((file) => file.endsWith('.png'))
        .map((file) => file.replace(/\.png$/, '')),
    );
    expect(shown.size).toBeGreaterThan(0);
    expect([...shown].sort()).toEqual([...taken].sort());
    expect([...committed].sort()).toEqual([...taken].sort());
  });
});
