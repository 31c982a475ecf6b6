import type { ColumnType } from 'kysely';

/** Maintained by triggers (migration 20261210130000-analytics): read-only to the application. */
type Derived<T> = ColumnType<T, never, never>;

export interface OrganisationPathsTable {
  organisation_id: Derived<string>;
  path: Derived<string[]>;
  department_id: Derived<string | null>;
}

export interface AnalyticsStateTable {
  key: string;
  value: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AnalyticsStatusCountsTable {
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  status: Derived<string>;
  tables: Derived<number>;
  budget: Derived<string | number>;
  indicators: Derived<number>;
}

export interface AnalyticsGradeCountsTable {
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  grade: Derived<string>;
  tables: Derived<number>;
}

export interface AnalyticsLightCountsTable {
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  light: Derived<string>;
  tables: Derived<number>;
}

export interface AnalyticsSelfEvaluationCountsTable {
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  grade: Derived<string>;
  tens: Derived<number>;
  tables: Derived<number>;
  score_sum: Derived<string | number>;
}

export interface AnalyticsFindingCountsTable {
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  rule_id: Derived<string>;
  severity: Derived<string>;
  tables: Derived<number>;
  findings: Derived<number>;
}

export interface AnalyticsPublishedCountsTable {
  year: Derived<number>;
  organisation_id: Derived<string | null>;
  printed_department: Derived<string | null>;
  tables: Derived<number>;
  budget: Derived<string | number>;
}

/** One row per table: the facts the counts are summed from (status, latest light, self-evaluation…). */
export interface AnalyticsTablesTable {
  table_id: Derived<string>;
  organisation_id: Derived<string | null>;
  year: Derived<number>;
  status: Derived<string>;
  budget: Derived<string | number | null>;
  indicators: Derived<number>;
  review_grade: Derived<string | null>;
  light: Derived<string | null>;
  self_grade: Derived<string | null>;
  self_total: Derived<number | null>;
  findings: Derived<unknown>;
}

export interface AnalyticsDb {
  organisation_paths: OrganisationPathsTable;
  analytics_tables: AnalyticsTablesTable;
  analytics_state: AnalyticsStateTable;
  analytics_status_counts: AnalyticsStatusCountsTable;
  analytics_grade_counts: AnalyticsGradeCountsTable;
  analytics_light_counts: AnalyticsLightCountsTable;
  analytics_self_evaluation_counts: AnalyticsSelfEvaluationCountsTable;
  analytics_finding_counts: AnalyticsFindingCountsTable;
  analytics_published_counts: AnalyticsPublishedCountsTable;
}
