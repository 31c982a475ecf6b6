import type { ColumnType, Generated } from 'kysely';

/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date | undefined, Date | undefined>;

export interface MonitoringReportsTable {
  table_id: string;
  cut_off_month: number;
  table_version: number;
  scheme_id: string;
  report: Json<unknown>;
  light: string;
  risk: number;
  /** Corrective measures the report lacks (NULL: saved before the count was kept). */
  missing_measures: ColumnType<number | null, number | null | undefined, number | null>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SelfEvaluationsTable {
  table_id: string;
  table_version: number;
  scheme_id: string;
  entry: Json<unknown>;
  total: number;
  grade: string;
  complete: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
  claimed_total: ColumnType<number | null, number | null | undefined, number | null>;
  rule_total: ColumnType<number | null, number | null | undefined, number | null>;
  gap: ColumnType<number | null, number | null | undefined, number | null>;
  causes: ColumnType<string[], string | undefined, string>;
  has_claim: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ScoreAdjustmentsTable {
  id: Generated<string>;
  table_id: string;
  target: string;
  computed_score: number;
  score: number;
  reason: string;
  decision: ColumnType<string | null, string | null | undefined, string | null>;
  adjusted_by: string | null;
  adjusted_at: ColumnType<Date, Date | undefined, never>;
}

export interface EvaluationDb {
  monitoring_reports: MonitoringReportsTable;
  self_evaluations: SelfEvaluationsTable;
  score_adjustments: ScoreAdjustmentsTable;
}
