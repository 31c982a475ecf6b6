import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface ProjectsTable {
  id: Generated<string>;
  organisation_id: string | null;
  unit: string;
  name: string;
  code: string | null;
  created_at: CreatedAt;
}

export interface ImportsTable {
  id: Generated<string>;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  source_text: string | null;
  preview: Json<unknown> | null;
  status: Generated<'preview' | 'confirmed'>;
  organisation_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  confirmed_at: Date | null;
}

export interface TargetTablesTable {
  id: Generated<string>;
  project_id: string;
  organisation_id: string | null;
  import_id: string | null;
  version: number;
  status: string;
  kind: string;
  year: number;
  unit: string;
  name: string;
  current_year_budget: number | null;
  indicator_count: number;
  warning_count: number;
  search_text: string;
  /** The search text's bigrams, computed by the writer (searchBigrams, or search_bigrams in SQL). */
  search_grams: string[];
  /** The normalised unit (search text's first line), stored so the unit filter need not read search_text. */
  unit_key: ColumnType<string, never, never>;
  content: Json<unknown>;
  /** Automatic-review findings counted per rule when the content is saved (null: not reviewed yet). */
  review_findings: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface TableVersionsTable {
  table_id: string;
  version: number;
  content: Json<unknown>;
  status: string;
  saved_at: ColumnType<Date, Date | undefined, never>;
  saved_by: string | null;
  reason: string | null;
}

export interface IndicatorsTable {
  table_id: string;
  position: number;
  level1: string | null;
  level2: string | null;
  name: string;
  target_raw: string;
  target_kind: string;
  operator: string | null;
  value: number | null;
  unit: string | null;
  direction: string | null;
  weight: number | null;
}

export interface TablesDb {
  projects: ProjectsTable;
  imports: ImportsTable;
  target_tables: TargetTablesTable;
  table_versions: TableVersionsTable;
  indicators: IndicatorsTable;
}
