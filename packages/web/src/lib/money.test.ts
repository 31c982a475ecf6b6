import { describe, expect, it } from 'vitest';
import { formatWan, formatYuan, parseYuanInput } from './money.ts';

describe('money', () => {
  it('formats 元 with thousands separators and 分 only when present', () => {
    expect(formatYuan(4_600_000)).toBe('4,600,000');
    expect(formatYuan(1234.5)).toBe('1,234.50');
    expect(formatYuan(null)).toBe('');
  });

  it('shows 万元 without trailing zeros', () => {
    expect(formatWan(4_600_000)).toBe('460');
    expect(formatWan(12_345)).toBe('1.2345');
    expect(formatWan(undefined)).toBe('');
  });

  it('reads typed amounts with separators, and rejects junk', () => {
    expect(parseYuanInput('1,234,567.89')).toBe(1234567.89);
    expect(parseYuanInput(' 2，000 元')).toBe(2000);
    expect(parseYuanInput('')).toBeNull();
    expect(parseYuanInput('12a')).toBeNaN();
  });
});
