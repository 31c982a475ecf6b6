import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseAmount, sumYuan, toYuan, unitFromCaption } from './money.ts';

describe('money', () => {
  it.each([
    ['41,098,620', '元', 41098620],
    ['8,827,620.53', '元', 8827620.53],
    ['854万', '元', 8540000],
    ['2.61万元', '元', 26100],
    ['89.974', '万元', 899740],
    ['238.93', '万元', 2389300],
    ['171.41', '万元', 1714100],
    ['￥1,200.00元', '万元', 1200],
    ['1.5亿元', '元', 150000000],
  ] as const)('%s (default %s) → %d 元', (text, unit, yuan) => {
    expect(parseAmount(text, unit)?.yuan).toBe(yuan);
  });

  it('reads no amount from text without a number, or one finer than a 分', () => {
    expect(parseAmount('无')).toBeNull();
    expect(parseAmount('0.001')).toBeNull();
  });

  it('converts and sums exactly (no binary floating-point drift)', () => {
    expect(toYuan('0.1', '万元') + toYuan('0.2', '万元')).toBe(3000);
    expect(sumYuan([0.1, 0.2])).toBe(0.3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { maxLength: 50 }), (cents) => {
        expect(sumYuan(cents.map((c) => c / 100))).toBe(cents.reduce((a, b) => a + b, 0) / 100);
      }),
    );
  });

  it('formats with thousands separators and reads its own output back', () => {
    expect(formatYuan(41098620)).toBe('41,098,620');
    expect(formatYuan(8827620.53)).toBe('8,827,620.53');
    expect(formatYuan(0.5)).toBe('0.50');
    expect(formatYuan(1234.5)).toBe('1,234.50');
    expect(formatYuan(null)).toBe('');
    expect(formatYuan(Number.NaN)).toBe('');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
        const yuan = cents / 100;
        expect(parseAmount(formatYuan(yuan))?.yuan).toBe(yuan);
      }),
    );
  });

  it('reads the unit of a caption', () => {
    expect(unitFromCaption('金额单位:万元')).toBe('万元');
    expect(unitFromCaption('项目总预算（元）')).toBe('元');
    expect(unitFromCaption('项目名称')).toBeNull();
  });
});
