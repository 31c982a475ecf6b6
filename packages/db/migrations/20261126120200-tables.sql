-- Target tables (issue 4): projects, tables with every saved version, indicators as rows, imported files.

-- Search: a normalised text per table (unit, department, project name and code, indicator names) and
-- its distinct character bigrams. Chinese queries are mostly two-character words, which trigram indexes
-- cannot serve, so a GIN index over bigrams narrows the rows and LIKE confirms the match. Core
-- PostgreSQL only: the same on PGlite and on a server, no extension needed.
CREATE FUNCTION search_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
    FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, length(t) - 1) AS i) AS grams
    WHERE strpos(g, E'\n') = 0
  $$;

CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations (id),
  unit text NOT NULL,
  name text NOT NULL,
  code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit, name)
);
CREATE INDEX projects_organisation_idx ON projects (organisation_id);

-- An uploaded document: its bytes are kept forever, beside the preview the importer made of it.
CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  source_text text,
  preview jsonb,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'confirmed')),
  organisation_id uuid REFERENCES organisations (id),
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz
);
CREATE INDEX imports_sha256_idx ON imports (sha256);

CREATE TABLE target_tables (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL REFERENCES projects (id),
  organisation_id uuid REFERENCES organisations (id),
  import_id uuid REFERENCES imports (id),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL CHECK (
    status IN ('draft', 'submitted', 'department_reviewed', 'returned', 'approved', 'published')
  ),
  kind text NOT NULL,
  year integer NOT NULL,
  unit text NOT NULL,
  name text NOT NULL,
  current_year_budget numeric(16, 2),
  indicator_count integer NOT NULL,
  warning_count integer NOT NULL,
  search_text text NOT NULL,
  search_grams text[] GENERATED ALWAYS AS (search_bigrams(search_text)) STORED,
  content jsonb NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One index per sort key (id breaks ties so pages are stable), plus the filters.
CREATE INDEX target_tables_updated_idx ON target_tables (updated_at, id);
CREATE INDEX target_tables_year_idx ON target_tables (year, id);
CREATE INDEX target_tables_name_idx ON target_tables (name, id);
CREATE INDEX target_tables_unit_idx ON target_tables (unit, id);
CREATE INDEX target_tables_budget_idx ON target_tables (current_year_budget, id);
CREATE INDEX target_tables_status_idx ON target_tables (status, updated_at);
CREATE INDEX target_tables_kind_idx ON target_tables (kind, updated_at);
CREATE INDEX target_tables_project_idx ON target_tables (project_id);
CREATE INDEX target_tables_organisation_idx ON target_tables (organisation_id);
CREATE INDEX target_tables_import_idx ON target_tables (import_id);
CREATE INDEX target_tables_search_idx ON target_tables USING gin (search_grams);

-- Every saved version, kept forever (until a draft is deleted outright).
CREATE TABLE table_versions (
  table_id uuid NOT NULL REFERENCES target_tables (id) ON DELETE CASCADE,
  version integer NOT NULL,
  content jsonb NOT NULL,
  status text NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  saved_by text,
  reason text,
  PRIMARY KEY (table_id, version)
);

-- The indicators of each table's current version, one row each, for search and cross-table reports.
CREATE TABLE indicators (
  table_id uuid NOT NULL REFERENCES target_tables (id) ON DELETE CASCADE,
  position integer NOT NULL,
  level1 text,
  level2 text,
  name text NOT NULL,
  target_raw text NOT NULL,
  target_kind text NOT NULL,
  operator text,
  value double precision,
  unit text,
  direction text,
  weight double precision,
  PRIMARY KEY (table_id, position)
);
CREATE INDEX indicators_name_idx ON indicators (name);
