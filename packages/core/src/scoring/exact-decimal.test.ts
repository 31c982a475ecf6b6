import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatCents, formatNumber, mulDiv } from './exact-decimal.ts';

describe('exact decimals', () => {
  it('rounds w × a ÷ v half-up exactly where binary floating point would not', () => {
    expect(mulDiv(1000, 1.005, 1)).toBe(1005);
    expect(mulDiv(1, 0.5, 1)).toBe(1);
    expect(mulDiv(1, 2.5, 1)).toBe(3);
    expect(mulDiv(1, -2.5, 1)).toBe(-3);
    expect(mulDiv(1667, 0.6, 1, 'up')).toBe(1001);
    expect(mulDiv(1000, 0.8, 1, 'up')).toBe(800);
    expect(mulDiv(1000, 0.8, 1, 'down')).toBe(800);
  });

  it('agrees with big.js on random decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }),
        fc
          .double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true })
          .filter((d) => Math.abs(d) > 1e-6),
        fc.constantFrom('half-up', 'up', 'down') as fc.Arbitrary<'half-up' | 'up' | 'down'>,
        (w, a, v, mode) => {
          const num = Number(a.toFixed(3));
          const den = Number(v.toFixed(3));
          if (den === 0) return;
          const rm = { 'half-up': Big.roundHalfUp, up: Big.roundUp, down: Big.roundDown }[mode];
          const expected = Number(new Big(w).times(num).div(den).round(0, rm).toFixed(0));
          expect(mulDiv(w, num, den, mode)).toBe(expected);
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('splits exactly by the largest remainder', () => {
    expect(allocate(5000, [1, 1, 1])).toEqual([1667, 1667, 1666]);
    expect(allocate(9000, [5000, 3000, 0])).toEqual([5625, 3375, 0]);
    expect(allocate(100, [0, 0])).toEqual([0, 0]);
  });

  it('formats numbers and cents without float noise or exponents', () => {
    expect(formatCents(1667, 2)).toBe('16.67');
    expect(formatCents(5, 2)).toBe('0.05');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(2518900)).toBe('2518900');
  });
});
