import { describe, expect, it } from 'vitest';
import { calendarDay, isoDay, monitoringDueSince, selfEvaluationDueSince } from './workbench.ts';

const day = (year: number, month: number, d = 15) => ({ year, month, day: d });

describe('workbench due dates', () => {
  it('asks for the July report from 1 August until the year ends', () => {
    expect(monitoringDueSince(2026, 7, day(2026, 7, 31))).toBeNull();
    expect(monitoringDueSince(2026, 7, day(2026, 8, 1))?.toISOString()).toBe('2026-07-31T16:00:00.000Z');
    expect(monitoringDueSince(2026, 7, day(2026, 12, 31))?.toISOString()).toBe('2026-07-31T16:00:00.000Z');
    // Next year's table, and a year already over (the self-evaluation is due then).
    expect(monitoringDueSince(2027, 7, day(2026, 9))).toBeNull();
    expect(monitoringDueSince(2025, 7, day(2026, 9))).toBeNull();
  });

  it('follows the scheme’s cut-off month', () => {
    expect(monitoringDueSince(2026, 6, day(2026, 7, 1))?.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(monitoringDueSince(2026, 8, day(2026, 8, 31))).toBeNull();
  });

  it('asks for the self-evaluation once the year has ended', () => {
    expect(selfEvaluationDueSince(2025, day(2025, 12, 31))).toBeNull();
    expect(selfEvaluationDueSince(2025, day(2026, 1, 1))?.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(selfEvaluationDueSince(2020, day(2026, 11))?.toISOString()).toBe('2020-12-31T16:00:00.000Z');
  });

  it('reads the calendar day in Beijing (UTC+8), where the budget calendar and its deadlines are', () => {
    // 07:30 on 1 August in Beijing is still 31 July in UTC.
    expect(isoDay(calendarDay(new Date('2026-07-31T23:30:00Z')))).toBe('2026-08-01');
    expect(isoDay(calendarDay(new Date('2026-07-31T15:59:59Z')))).toBe('2026-07-31');
    expect(isoDay(calendarDay(new Date('2026-12-31T16:00:00Z')))).toBe('2027-01-01');
    expect(isoDay({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
  });
});
