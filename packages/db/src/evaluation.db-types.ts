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
}

export interface ScoreAdjustmentsTable {
  id: Generated<string>;
  table_id: string;
  target: string;
  computed_score: number;
  score: number;
  reason: string;
  adjusted_by: string | null;
  adjusted_at: ColumnType<Date, Date | undefined, never>;
}

export interface EvaluationDb {
  monitoring_reports: MonitoringReportsTable;
  self_evaluations: SelfEvaluationsTable;
  score_adjustments: ScoreAdjustmentsTable;
}
