import { describe, expect, it } from 'vitest';
import { datePickerFormat, formatDate, formatDateTime } from './dates.ts';

describe('dates', () => {
  it('writes a date the way each language reads it, never ISO', () => {
    expect(formatDate('2026-11-26', 'zh')).toBe('2026年11月26日');
    expect(formatDate('2026-11-26', 'en')).toBe('Nov 26, 2026');
    expect(formatDate('2020-01-05', 'zh')).toBe('2020年1月5日');
  });

  it('writes a moment in local time, with seconds only when asked', () => {
    const local = new Date(2026, 10, 26, 14, 29, 7);
    expect(formatDateTime(local, 'zh')).toBe('2026年11月26日 14:29');
    expect(formatDateTime(local.toISOString(), 'en')).toBe('Nov 26, 2026 14:29');
    expect(formatDateTime(local, 'zh', { seconds: true })).toBe('2026年11月26日 14:29:07');
  });

  it('shows nothing for a missing or unreadable value', () => {
    expect(formatDate(null, 'zh')).toBe('');
    expect(formatDate('', 'en')).toBe('');
    expect(formatDateTime('not a date', 'zh')).toBe('');
  });

  it('date pickers display the reading pattern and still accept ISO', () => {
    expect(datePickerFormat('zh')).toEqual(['YYYY年M月D日', 'YYYY-MM-DD']);
    expect(datePickerFormat('en')[1]).toBe('YYYY-MM-DD');
  });
});
