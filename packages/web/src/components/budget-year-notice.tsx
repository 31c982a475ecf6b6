import type { AppError } from '@jixiao/core/errors/app-error';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { calendarDay, isoDay } from '@jixiao/core/workflow/workbench';
import { budgetYearForTable, draftingRefusal, selfEvaluationRefusal } from '@jixiao/core/years/budget-year';
import { Alert, Button } from 'antd';
import { useMemo } from 'react';
import { useBudgetYears, useBudgetYearsRead } from '../api/budget-years.api.ts';
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

/**
 * Why the author cannot save this table's year-end self-evaluation now (its year's self-evaluation closed or
 * past its deadline), from the core check the server makes; null while the calendar loads, when `author`
 * is false (reviewers' adjustments are never refused) and for open years.
 */
export function useSelfEvaluationRefusal(record: TableRecord | null, author: boolean): AppError | null {
  const years = useBudgetYears(author);
  return useMemo(() => {
    if (!author || !record || !years) return null;
    return selfEvaluationRefusal(budgetYearForTable(years, record.table), isoDay(calendarDay(new Date())));
  }, [author, record, years]);
}

/**
 * The notice above a table whose year is closed to submission or self-evaluation. When the page needs the
 * calendar (`calendar`) and it could not be read, no notice would pass for an open year: it says the
 * calendar is unknown (the server decides on saving), with a retry.
 */
export function BudgetYearNotice({
  refusal,
  calendar = false,
}: {
  refusal: AppError | null;
  calendar?: boolean;
}) {
  const { t, pick } = useI18n();
  const read = useBudgetYearsRead(calendar);
  if (refusal)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={pick(refusal)}
        data-testid="year-closed"
      />
    );
  if (!calendar || !read.error) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('error.calendarFailed', { reason: pick(read.error.problem) })}
      action={
        <Button size="small" onClick={read.reload}>
          {t('common.retry')}
        </Button>
      }
      data-testid="calendar-error"
      data-code={read.error.problem.code}
    />
  );
}
