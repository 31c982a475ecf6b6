import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CharClass, trimRuns } from './trim-runs.ts';

describe('trimRuns', () => {
  it('trims as the expression with ^…+ and …+$ does', () => {
    const text = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', ',', '，', '.', '．', ':', 'a', '名') });
    fc.assert(
      fc.property(text, (s) => {
        expect(trimRuns(s, /[\s,，.．]/, /[\s,，:]/)).toBe(s.replace(/^[\s,，.．]+|[\s,，:]+$/g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('trims a name with 200,000 spaces inside in one pass', () => {
    let tests = 0;
    const space: CharClass = {
      test: (ch) => {
        tests++;
        return ch === ' ';
      },
    };
    const name = `养护${' '.repeat(200_000)}里程`;
    expect(trimRuns(` ${name} `, space, space)).toBe(name);
    expect(tests).toBeLessThanOrEqual(4);
  });
});
