import type {
  BudgetYear,
  BudgetYearList,
  BudgetYearSettingInput,
} from '@jixiao/core/years/budget-year.schema';
import { useLoad } from '../hooks/use-load.ts';
import { request } from './api-client.ts';
import { queryKeys } from './query-client.ts';

/** 预算年度设置: GET /api/budget-years (signed in) and PUT /api/budget-years (admins). */
export const budgetYearsApi = {
  list: () => request<BudgetYearList>('GET', '/api/budget-years'),
  save: (setting: BudgetYearSettingInput) => request<BudgetYear>('PUT', '/api/budget-years', setting),
};

/**
 * The calendar, loaded once per page; an empty list until it arrives (or when it cannot be read), which
 * core's resolver answers with today's defaults — the server still enforces the real settings.
 */
export function useBudgetYears(enabled = true): BudgetYear[] | null {
  return useBudgetYearsRead(enabled).data;
}

/** The calendar's read with its error and retry, for a page that says when it could not be read. */
export function useBudgetYearsRead(enabled = true) {
  return useLoad(queryKeys.budgetYears, () => budgetYearsApi.list().then((l) => l.items), { enabled });
}
