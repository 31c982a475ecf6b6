import type { AppError } from '@jixiao/core/errors/app-error';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { calendarDay, isoDay } from '@jixiao/core/workflow/workbench';
import { budgetYearForTable, draftingRefusal } from '@jixiao/core/years/budget-year';
import { Alert } from 'antd';
import { useMemo } from 'react';
import { useBudgetYears } from '../api/budget-years.api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Why the author cannot submit this table now (its year's drafting closed or deadline over), from the
 * same core check the server makes; null while the calendar loads, for tables not awaiting submission, and
 * for open years.
 */
export function useSubmitRefusal(record: TableRecord | null): AppError | null {
  const pending = record !== null && (record.status === 'draft' || record.status === 'returned');
  const years = useBudgetYears(pending);
  return useMemo(() => {
    if (!pending || !record || !years) return null;
    // The server's day (core's calendarDay, Beijing time) whatever the browser's time zone.
    const today = isoDay(calendarDay(new Date()));
    return draftingRefusal(budgetYearForTable(years, record.table), 'submit', today);
  }, [pending, record, years]);
}

/** The notice above a table whose year is closed to submission. */
export function BudgetYearNotice({ refusal }: { refusal: AppError | null }) {
  const { pick } = useI18n();
  if (!refusal) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={pick(refusal)}
      data-testid="year-closed"
    />
  );
}
