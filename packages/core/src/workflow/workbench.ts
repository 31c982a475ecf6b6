/**
 * When the periodic steps of an approved table fall due (domain.md: monitoring at the region's cut-off
 * month, self-evaluation after the year). Pure date arithmetic on calendar days, so the server passes
 * its clock in and tests pick any day. Days are Beijing's (China Standard Time, UTC+8 all year): the
 * budget calendar is, and a 3月31日 deadline must end at midnight there, not at 08:00 on 4月1日.
 */

const CHINA_STANDARD_TIME_MS = 8 * 60 * 60 * 1000;

/** A calendar day. */
export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The calendar day (China Standard Time) of an instant. */
export function calendarDay(at: Date): CalendarDay {
  const local = new Date(at.getTime() + CHINA_STANDARD_TIME_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The instant a calendar day (China Standard Time) begins; month and day may overflow as in Date.UTC. */
export function startOfDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - CHINA_STANDARD_TIME_MS);
}

/** YYYY-MM-DD of a calendar day. */
export function isoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/**
 * The report on January to `cutOffMonth` of `year` is due once that month is over and until the year
 * ends; after that the year-end self-evaluation is what the author owes. Null when not due on `today`.
 */
export function monitoringDueSince(year: number, cutOffMonth: number, today: CalendarDay): Date | null {
  if (today.year !== year || today.month <= cutOffMonth) return null;
  return startOfDay(year, cutOffMonth + 1, 1);
}

/** The self-evaluation of `year` is due from 1 January of the next year on; null before. */
export function selfEvaluationDueSince(year: number, today: CalendarDay): Date | null {
  return today.year > year ? startOfDay(year + 1, 1, 1) : null;
}
