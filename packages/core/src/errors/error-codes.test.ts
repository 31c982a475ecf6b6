import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes, isErrorCode, statusOf } from './error-codes.ts';

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));

function sourceText(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing') text += sourceText(full);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name)) {
      if (!full.endsWith(`errors${path.sep}error-codes.ts`)) text += readFileSync(full, 'utf8');
    }
  }
  return text;
}

describe('errorCodes', () => {
  it('gives every code an error status and a title in both languages', () => {
    for (const [code, entry] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.zh, code).toMatch(/\p{Script=Han}/u);
      expect(entry.en, code).toMatch(/^[A-Z]/);
    }
  });

  it('lists only codes that some source file raises', () => {
    const text = sourceText(path.join(packagesDir));
    const unused = Object.keys(errorCodes).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('tells registered codes from other strings', () => {
    expect(isErrorCode('table.not_found')).toBe(true);
    expect(statusOf('table.not_found')).toBe(404);
    expect(isErrorCode('table.nope')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
