/**
 * When the periodic steps of an approved table fall due (domain.md: monitoring at the region's cut-off
 * month, self-evaluation after the year). Pure date arithmetic on calendar days in UTC, so the server
 * passes its clock in and tests pick any day.
 */

/** A calendar day. */
export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The UTC calendar day of an instant. */
export function calendarDay(at: Date): CalendarDay {
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
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
  return new Date(Date.UTC(year, cutOffMonth, 1));
}

/** The self-evaluation of `year` is due from 1 January of the next year on; null before. */
export function selfEvaluationDueSince(year: number, today: CalendarDay): Date | null {
  return today.year > year ? new Date(Date.UTC(year + 1, 0, 1)) : null;
}
