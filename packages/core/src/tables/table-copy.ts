import { z } from 'zod';
import type { Budget, Indicator, PerformanceTable } from './table.schema.ts';

/** Body of `POST /api/tables/:id/copy`: the year of the new draft (default: the source's year + 1). */
export const tableCopySchema = z.object({
  year: z.number().int().min(1990).max(2100).optional().describe('Year of the new draft; default source + 1'),
});
export type TableCopy = z.infer<typeof tableCopySchema>;

export interface CopyOptions {
  /** Year of the new draft; the source's year + 1 when absent. */
  year?: number;
  /** 预算执行数 of the source's year-end self-evaluation, when one was entered. */
  executed?: number | null;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A planned date of the source moved into `year`: `2020-03-15` → `2021-03-15` when it lay in the source's
 * year. 29 February becomes the 28th in a common year. A date in another year (a multi-year project's
 * start) or in an unknown format says nothing about the new year, so it is left empty for the author.
 */
export function moveDateToYear(
  date: string | null | undefined,
  fromYear: number,
  year: number,
): string | null {
  const match = /^(\d{4})(-\d{2})?(-\d{2})?$/.exec(date ?? '');
  if (!match || Number(match[1]) !== fromYear) return null;
  const month = match[2] ?? '';
  let day = match[3] ?? '';
  if (month === '-02' && day === '-29' && !isLeapYear(year)) day = '-28';
  return `${String(year).padStart(4, '0')}${month}${day}`;
}

/** An indicator with its target, without what a self-evaluation wrote beside it (actual, score, reason). */
function targetIndicator(indicator: Indicator): Indicator {
  const { actual: _actual, score: _score, deviationReason: _reason, ...target } = indicator;
  return structuredClone(target);
}

/**
 * Next year's money: the source's current-year budget becomes 同名项目上年预算额, its executed amount
 * 上年预算执行数; total and current year stay as a starting point the author edits. Self-evaluation
 * figures (年初/调整后/执行数, 得分) belong to the source's year and are dropped.
 */
function nextBudget(source: PerformanceTable, executed: number | null | undefined): Budget {
  const budget: Budget = {};
  if (source.budget.total != null) budget.total = source.budget.total;
  if (source.budget.currentYear != null) budget.currentYear = source.budget.currentYear;
  // A 自评表 prints 年初预算数 where a target table prints 当年预算.
  const lastBudget =
    source.budget.currentYear ?? (source.kind === 'self-evaluation' ? source.budget.initial : null);
  if (lastBudget != null) budget.priorYearBudget = lastBudget;
  // An imported 自评表 carries its own executed amount; a target table's comes from its entered self-evaluation.
  const lastExecuted = executed ?? (source.kind === 'self-evaluation' ? source.budget.executed : null);
  if (lastExecuted != null) budget.priorYearExecuted = lastExecuted;
  return budget;
}

/**
 * The draft a budget unit starts next year's table from (复制为新年度): the same project, narratives and
 * indicators with their targets, moved to `year`, with last year's money in the prior-year fields.
 * Pure: the source is not changed.
 */
export function copyTableToYear(source: PerformanceTable, options: CopyOptions = {}): PerformanceTable {
  const year = options.year ?? source.year + 1;
  return {
    kind: 'target',
    year,
    unit: source.unit,
    supervisingDepartment: source.supervisingDepartment ?? null,
    name: source.name,
    code: source.code ?? null,
    category: source.category ?? null,
    startDate: moveDateToYear(source.startDate, source.year, year),
    endDate: moveDateToYear(source.endDate, source.year, year),
    governmentProcurement: source.governmentProcurement ?? null,
    performanceType: source.performanceType ?? null,
    narrative: structuredClone(source.narrative),
    budget: nextBudget(source, options.executed),
    indicators: source.indicators.map(targetIndicator),
    // Import warnings located the source document's lines; the new draft has no such document.
    warnings: [],
    incomplete: false,
  };
}
