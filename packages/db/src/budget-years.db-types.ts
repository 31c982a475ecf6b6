import type { ColumnType } from 'kysely';

/** A calendar day: written as YYYY-MM-DD, read back as a string (see budget-years.repository.ts). */
type Day = ColumnType<string | Date, string, string>;
type Timestamp = ColumnType<Date, Date | undefined, Date | undefined>;

export interface BudgetYearsTable {
  region: string;
  year: number;
  drafting_open: boolean;
  submission_deadline: Day | null;
  cut_off_month: number;
  self_evaluation_open: boolean;
  self_evaluation_deadline: Day | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BudgetYearsDb {
  budget_years: BudgetYearsTable;
}
