-- The indicator library (指标库) entries an administrator keeps for the region. The built-in starter set
-- is data in core (packages/core/src/library/builtin-library.ts), not rows here: it follows the frameworks
-- shipped with Jixiao, is corrected by a release without a data migration, and is the same in every
-- database. 常用指标 are counted from published tables when asked, never stored.
-- Entries are deactivated, not deleted: tables written from an entry keep a traceable origin in the log.
CREATE TABLE indicator_library (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  framework_id text NOT NULL,
  level1 text NOT NULL,
  level2 text NOT NULL,
  name text NOT NULL,
  -- The entry's identity for duplicates: framework, level categories and name as core compares them.
  match_key text NOT NULL UNIQUE,
  suggested_target text,
  direction text CHECK (direction IN ('正向', '反向')),
  note_zh text,
  note_en text,
  tags jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_library_framework_idx ON indicator_library (framework_id, level1, level2);
