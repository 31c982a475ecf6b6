import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, never>;
type Timestamp = ColumnType<Date, Date | undefined, Date | undefined>;

/** Published versions of derived rule sets: insert only (a trigger rejects UPDATE and DELETE). */
export interface RuleSetVersionsTable {
  id: string;
  version: number;
  base_id: string;
  region: string;
  year: number;
  definition: Json<unknown>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RuleSetAssignmentsTable {
  region: string;
  year: number;
  rule_set_id: string;
  rule_set_version: number;
  assigned_by: string | null;
  assigned_at: Timestamp;
}

export interface RuleSetsDb {
  rule_set_versions: RuleSetVersionsTable;
  rule_set_assignments: RuleSetAssignmentsTable;
}
