import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | undefined, Date | undefined>;

/** Saved column mappings that read the next file of a layout. */
export interface LayoutTemplatesTable {
  id: Generated<string>;
  name: string;
  organisation_id: string | null;
  header_words: ColumnType<unknown, string, string>;
  column_count: number;
  sheet_name: string | null;
  separator: string;
  roles: ColumnType<unknown, string, string>;
  kind: string | null;
  created_by: string | null;
  created_at: Timestamp;
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  retired_by: string | null;
}

export interface LayoutTemplatesDb {
  layout_templates: LayoutTemplatesTable;
}
