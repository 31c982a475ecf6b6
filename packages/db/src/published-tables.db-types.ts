import type { ColumnType } from 'kysely';

/** Written only by the triggers of migration 20261210120000 (publication, organisation changes). */
type ByTrigger<T> = ColumnType<T, never, never>;

/** The latest published version of each published table: the public catalogue's rows. */
export interface PublishedTablesTable {
  table_id: ByTrigger<string>;
  version: ByTrigger<number>;
  organisation_id: ByTrigger<string | null>;
  kind: ByTrigger<string>;
  year: ByTrigger<number>;
  unit: ByTrigger<string>;
  name: ByTrigger<string>;
  code: ByTrigger<string | null>;
  printed_department: ByTrigger<string | null>;
  department: ByTrigger<string | null>;
  current_year_budget: ByTrigger<number | null>;
  budget_total: ByTrigger<number | null>;
  indicator_count: ByTrigger<number>;
  published_at: ByTrigger<Date>;
  search_text: ByTrigger<string>;
  search_grams: ByTrigger<string[]>;
  /** 项目类别 and the level-1 labels (as `category_key` reads them): migration 20261219100000. */
  category: ByTrigger<string | null>;
  level1_keys: ByTrigger<string[]>;
}

/** Published tables counted per year, unit and department shown ('' for none). */
export interface PublishedTableCountsTable {
  year: ByTrigger<number>;
  unit: ByTrigger<string>;
  department: ByTrigger<string>;
  tables: ByTrigger<number>;
  indicators: ByTrigger<string>;
}

export interface PublishedTablesDb {
  published_tables: PublishedTablesTable;
  published_table_counts: PublishedTableCountsTable;
}
