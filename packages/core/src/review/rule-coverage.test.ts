import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules } from './rule-sets.ts';

// Every rule must have its own test: a test file of the rules names its finding (`SH2020-Q01@…`).
const dir = new URL('./rules/', import.meta.url);
const testText = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');

describe('rule library', () => {
  it('has unique codes, a description in both languages and a test naming each rule', () => {
    const codes = allRules.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of allRules) {
      expect(rule.zh.length, rule.code).toBeGreaterThan(4);
      expect(rule.en.length, rule.code).toBeGreaterThan(8);
      expect(testText, `no test names ${rule.code}`).toMatch(new RegExp(`-${rule.code}@`));
    }
  });
});
