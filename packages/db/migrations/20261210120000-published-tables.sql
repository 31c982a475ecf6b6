-- The public catalogue (issue 11): one row per published table holding its LATEST PUBLISHED version's
-- list fields, search text and the 主管部门 the portal shows, so that browsing, search, facets, paging and
-- open data are indexed SQL shared by every server process instead of a copy kept in each one.
--
-- Triggers keep it in the same transaction as the write that changes it, whatever writes: a version row
-- inserted with status 'published' (publication, re-publication after 调整, the storage's setStatus,
-- a bulk COPY), an organisation moved or renamed (the department shown). A table under adjustment gets
-- new non-published versions only, so its row keeps the last published version.

-- The same bigrams as before, computed in linear time: substr(t, i, 2) at every position counted
-- characters from the start each time (quadratic; 3 ms for a table of 40 indicators), which made every
-- save and publication of a large table, and any bulk load, slow.
CREATE OR REPLACE FUNCTION search_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
    FROM (
      SELECT c || lead(c) OVER (ORDER BY n) AS g
      FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS chars (c, n)
    ) AS grams
    WHERE g IS NOT NULL AND strpos(g, E'\n') = 0
  $$;

-- Text as search compares it, the SQL twin of core's searchKey: NFKC, lower case, no white space.
CREATE FUNCTION search_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT regexp_replace(lower(normalize(t, NFKC)), '\s+', '', 'g') $$;

-- The 主管部门 printed on a table, as core's publicDepartment reads it (trimmed, empty is none).
CREATE FUNCTION printed_department(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT nullif(btrim(t, E' \t\r\n\u3000'), '') $$;

-- Each organisation's nearest department, itself included (core's departmentOf): walk up through
-- parents until one is a department; the depth guard stops a (corrupt) cycle.
CREATE VIEW organisation_departments AS
  WITH RECURSIVE up (organisation_id, current_id, depth) AS (
    SELECT id, id, 0 FROM organisations
    UNION ALL
    SELECT up.organisation_id, o.parent_id, up.depth + 1
    FROM up JOIN organisations o ON o.id = up.current_id
    WHERE o.kind <> 'department' AND o.parent_id IS NOT NULL AND up.depth < 64
  )
  SELECT up.organisation_id, d.name AS department
  FROM up JOIN organisations d ON d.id = up.current_id AND d.kind = 'department';

-- What the portal searches: project name and code, unit, department shown, every indicator's levels,
-- name and printed target. The distinct parts are normalised together (one search_key call, the
-- costly part) and then split onto lines, which search_key never leaves in a query and search_bigrams
-- skips, so no match spans two fields.
CREATE FUNCTION published_search_text(content jsonb, department text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT replace(search_key(coalesce(string_agg(DISTINCT p, E'\x01'), '')), E'\x01', E'\n')
    FROM (
      SELECT content->>'name'
      UNION ALL SELECT content->>'code'
      UNION ALL SELECT content->>'unit'
      UNION ALL SELECT department
      UNION ALL
      SELECT part
      FROM jsonb_array_elements(coalesce(content->'indicators', '[]'::jsonb)) AS i (indicator),
        LATERAL (VALUES
          (indicator->>'level1'), (indicator->>'level2'), (indicator->>'name'), (indicator->'target'->>'raw')
        ) AS parts (part)
    ) AS texts (p)
    WHERE p IS NOT NULL AND p <> ''
  $$;

-- Text columns sort and compare byte-wise (COLLATE "C"): the same order on PGlite and on every server,
-- whatever its locale, and the browse indexes serve the portal's ORDER BY directly.
CREATE TABLE published_tables (
  table_id uuid PRIMARY KEY REFERENCES target_tables (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  organisation_id uuid,
  kind text NOT NULL,
  year integer NOT NULL,
  unit text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  code text,
  printed_department text,
  department text COLLATE "C",
  current_year_budget double precision,
  budget_total double precision,
  indicator_count integer NOT NULL,
  published_at timestamptz NOT NULL,
  search_text text NOT NULL,
  search_grams text[] GENERATED ALWAYS AS (search_bigrams(search_text)) STORED
);
-- Newest year first, then unit and project: the catalogue's and open data's order, and each browse filter.
CREATE INDEX published_tables_order_idx ON published_tables (year DESC, unit, name, table_id);
CREATE INDEX published_tables_unit_idx ON published_tables (unit, year DESC, name, table_id);
CREATE INDEX published_tables_department_idx ON published_tables (department, year DESC, unit, name, table_id);
CREATE INDEX published_tables_organisation_idx ON published_tables (organisation_id);
CREATE INDEX published_tables_published_at_idx ON published_tables (published_at DESC, table_id);
CREATE INDEX published_tables_search_idx ON published_tables USING gin (search_grams);

-- Published tables counted by year, unit and department shown ('' for none): the portal's facets and
-- unfiltered totals, and the open-data row counts, read from a few thousand rows instead of a million.
CREATE TABLE published_table_counts (
  year integer NOT NULL,
  unit text COLLATE "C" NOT NULL,
  department text COLLATE "C" NOT NULL,
  tables integer NOT NULL,
  indicators bigint NOT NULL,
  PRIMARY KEY (year, unit, department)
);

CREATE FUNCTION published_tables_count() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO published_table_counts AS c (year, unit, department, tables, indicators)
      SELECT year, unit, coalesce(department, ''), -count(*), -sum(indicator_count)
      FROM old_rows GROUP BY 1, 2, 3
      ON CONFLICT (year, unit, department) DO UPDATE
        SET tables = c.tables + excluded.tables, indicators = c.indicators + excluded.indicators;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO published_table_counts AS c (year, unit, department, tables, indicators)
      SELECT year, unit, coalesce(department, ''), count(*), sum(indicator_count)
      FROM new_rows GROUP BY 1, 2, 3
      ON CONFLICT (year, unit, department) DO UPDATE
        SET tables = c.tables + excluded.tables, indicators = c.indicators + excluded.indicators;
    END IF;
    DELETE FROM published_table_counts WHERE tables = 0;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER published_tables_count_insert AFTER INSERT ON published_tables
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION published_tables_count();
CREATE TRIGGER published_tables_count_update AFTER UPDATE ON published_tables
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION published_tables_count();
CREATE TRIGGER published_tables_count_delete AFTER DELETE ON published_tables
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION published_tables_count();

-- Version rows with status 'published' (one statement may carry many, a COPY too): the newest per table
-- replaces an older published version, never a newer one.
CREATE FUNCTION table_versions_publish() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO published_tables AS p (
      table_id, version, organisation_id, kind, year, unit, name, code, printed_department, department,
      current_year_budget, budget_total, indicator_count, published_at, search_text
    )
    SELECT
      v.table_id, v.version, t.organisation_id, v.content->>'kind', (v.content->>'year')::integer,
      v.content->>'unit', v.content->>'name', v.content->>'code',
      v.content->>'supervisingDepartment', s.department,
      (v.content->'budget'->>'currentYear')::double precision,
      (v.content->'budget'->>'total')::double precision,
      coalesce(jsonb_array_length(v.content->'indicators'), 0), v.saved_at,
      published_search_text(v.content, s.department)
    FROM (
      SELECT DISTINCT ON (table_id) * FROM new_versions WHERE status = 'published'
      ORDER BY table_id, version DESC
    ) AS v
    JOIN target_tables t ON t.id = v.table_id
    LEFT JOIN organisation_departments d ON d.organisation_id = t.organisation_id
    CROSS JOIN LATERAL (
      SELECT coalesce(d.department, printed_department(v.content->>'supervisingDepartment')) AS department
    ) AS s
    ON CONFLICT (table_id) DO UPDATE SET
      version = excluded.version, organisation_id = excluded.organisation_id, kind = excluded.kind,
      year = excluded.year, unit = excluded.unit, name = excluded.name, code = excluded.code,
      printed_department = excluded.printed_department, department = excluded.department,
      current_year_budget = excluded.current_year_budget, budget_total = excluded.budget_total,
      indicator_count = excluded.indicator_count, published_at = excluded.published_at,
      search_text = excluded.search_text
    WHERE excluded.version > p.version;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER table_versions_publish AFTER INSERT ON table_versions
  REFERENCING NEW TABLE AS new_versions FOR EACH STATEMENT EXECUTE FUNCTION table_versions_publish();

-- An organisation moved, renamed or re-kinded: the department shown (and searched) by the published
-- tables of it and everything under it.
CREATE FUNCTION organisations_republish() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    WITH RECURSIVE below (id, depth) AS (
      SELECT NEW.id, 0
      UNION ALL
      SELECT o.id, b.depth + 1 FROM organisations o JOIN below b ON o.parent_id = b.id WHERE b.depth < 64
    ),
    shown AS (
      SELECT p.table_id, coalesce(d.department, printed_department(p.printed_department)) AS department
      FROM below b
      JOIN published_tables p ON p.organisation_id = b.id
      LEFT JOIN organisation_departments d ON d.organisation_id = b.id
    )
    UPDATE published_tables p
    SET department = shown.department,
      search_text = published_search_text(v.content, shown.department)
    FROM shown, table_versions v
    WHERE p.table_id = shown.table_id AND p.department IS DISTINCT FROM shown.department
      AND v.table_id = p.table_id AND v.version = p.version;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER organisations_republish AFTER UPDATE OF name, kind, parent_id ON organisations
  FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION organisations_republish();

-- A table moved to another organisation (its unit registered later): the department it shows.
CREATE FUNCTION target_tables_republish() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    UPDATE published_tables p
    SET organisation_id = NEW.organisation_id, department = s.department,
      search_text = published_search_text(v.content, s.department)
    FROM table_versions v
    LEFT JOIN organisation_departments d ON d.organisation_id = NEW.organisation_id
    CROSS JOIN LATERAL (
      SELECT coalesce(d.department, printed_department(v.content->>'supervisingDepartment')) AS department
    ) AS s
    WHERE p.table_id = NEW.id AND v.table_id = p.table_id AND v.version = p.version;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER target_tables_republish AFTER UPDATE OF organisation_id ON target_tables
  FOR EACH ROW WHEN (OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
  EXECUTE FUNCTION target_tables_republish();

-- Backfill: the latest published version of every table already published (the trigger's statement).
INSERT INTO published_tables (
  table_id, version, organisation_id, kind, year, unit, name, code, printed_department, department,
  current_year_budget, budget_total, indicator_count, published_at, search_text
)
SELECT
  v.table_id, v.version, t.organisation_id, v.content->>'kind', (v.content->>'year')::integer,
  v.content->>'unit', v.content->>'name', v.content->>'code',
  v.content->>'supervisingDepartment', s.department,
  (v.content->'budget'->>'currentYear')::double precision,
  (v.content->'budget'->>'total')::double precision,
  coalesce(jsonb_array_length(v.content->'indicators'), 0), v.saved_at,
  published_search_text(v.content, s.department)
FROM (
  SELECT DISTINCT ON (table_id) * FROM table_versions WHERE status = 'published'
  ORDER BY table_id, version DESC
) AS v
JOIN target_tables t ON t.id = v.table_id
LEFT JOIN organisation_departments d ON d.organisation_id = t.organisation_id
CROSS JOIN LATERAL (
  SELECT coalesce(d.department, printed_department(v.content->>'supervisingDepartment')) AS department
) AS s;
