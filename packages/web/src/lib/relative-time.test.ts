import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

const now = new Date('2026-09-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const minute = 60_000;
const day = 24 * 60 * minute;

describe('relativeTime', () => {
  it('says how long ago in Chinese', () => {
    expect(relativeTime(ago(20_000), now, 'zh')).toBe('刚刚');
    expect(relativeTime(ago(5 * minute), now, 'zh')).toBe('5 分钟前');
    expect(relativeTime(ago(3 * 60 * minute), now, 'zh')).toBe('3 小时前');
    expect(relativeTime(ago(45 * day), now, 'zh')).toBe('1 个月前');
    expect(relativeTime('2026-09-01T00:00:00Z', now, 'zh')).toBe('14 天前');
    expect(relativeTime(ago(800 * day), now, 'zh')).toBe('2 年前');
  });

  it('says it in English with plurals', () => {
    expect(relativeTime(ago(20_000), now, 'en')).toBe('just now');
    expect(relativeTime(ago(minute), now, 'en')).toBe('1 minute ago');
    expect(relativeTime(ago(2 * day + minute), now, 'en')).toBe('2 days ago');
    expect(relativeTime(ago(day), now, 'en')).toBe('1 day ago');
    expect(relativeTime(ago(400 * day), now, 'en')).toBe('1 year ago');
  });

  it('gives nothing for an unreadable date', () => {
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
});
