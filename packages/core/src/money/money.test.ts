import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatYuan,
  type MoneyUnit,
  type ParsedAmount,
  parseAmount,
  sumYuan,
  toYuan,
  unitFromCaption,
} from './money.ts';

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

  // The reading with decimal arithmetic throughout, as parseAmount was written before its digits were
  // moved as text: the two must agree on every amount (sign of zero included).
  function parseWithBig(text: string, defaultUnit: MoneyUnit = '元'): ParsedAmount | null {
    const m = /(-?)(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*(亿元|亿|万元|万|元)?/.exec(
      text.replace(/[￥¥]/g, ''),
    );
    if (m?.[2] === undefined) return null;
    const digits = `${m[1] ?? ''}${m[2].replace(/[,，]/g, '')}${m[3] ?? ''}`;
    const word = m[4];
    const unit: MoneyUnit =
      word === undefined
        ? defaultUnit
        : word.startsWith('亿')
          ? '亿元'
          : word.startsWith('万')
            ? '万元'
            : '元';
    const yuan = new Big(digits).times({ 元: 1, 万元: 10_000, 亿元: 100_000_000 }[unit]);
    if (!yuan.round(2).eq(yuan)) return null;
    return { yuan: yuan.toNumber(), unit, text: m[0].trim() };
  }

  it('reads every amount as decimal arithmetic does', () => {
    const digitsOf = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: min, maxLength: max });
    const amount = fc
      .tuple(
        fc.constantFrom('', '-', '￥', '¥-'),
        fc.oneof(digitsOf(1, 19), fc.constantFrom('1,234', '12,345,678', '0', '000', '1，000')),
        fc.oneof(
          fc.constant(''),
          digitsOf(1, 12).map((f) => `.${f}`),
        ),
        fc.constantFrom('', '元', '万元', '万', '亿元', '亿', ' 万元'),
        fc.constantFrom('', '（元）', '以上'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(amount, fc.constantFrom<MoneyUnit>('元', '万元', '亿元'), (text, unit) => {
        expect(parseAmount(text, unit)).toStrictEqual(parseWithBig(text, unit));
        const read = parseAmount(text, unit);
        const expected = parseWithBig(text, unit);
        if (read !== null && expected !== null) expect(Object.is(read.yuan, expected.yuan)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      '-0',
      '-0.00',
      '0.001',
      '0.0001万元',
      '0.00001万元',
      '1.23456789亿',
      '999999999999999.99',
    ])
      for (const unit of ['元', '万元', '亿元'] as const)
        expect(parseAmount(text, unit)).toStrictEqual(parseWithBig(text, unit));
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
