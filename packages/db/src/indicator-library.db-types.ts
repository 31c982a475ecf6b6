import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | undefined, Date | undefined>;

/** Administrator-kept indicator library entries (the built-in ones are data in core). */
export interface IndicatorLibraryTable {
  id: Generated<string>;
  framework_id: string;
  level1: string;
  level2: string;
  name: string;
  match_key: string;
  suggested_target: string | null;
  direction: string | null;
  note_zh: string | null;
  note_en: string | null;
  tags: ColumnType<unknown, string, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface IndicatorLibraryDb {
  indicator_library: IndicatorLibraryTable;
}
