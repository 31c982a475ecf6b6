import { describe, expect, it } from 'vitest';
import { formatWan, parseYuanInput } from './money.ts';

describe('money', () => {
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
