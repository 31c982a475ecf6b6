-- Analytics (issue 11): the dashboard's and the portal statistics' figures pre-aggregated in PostgreSQL,
-- the way DHIS2 builds analytics tables, so that a request sums a few thousand rows instead of reading a
-- million tables. Triggers keep everything in the same transaction as the write that changes it, whoever
-- writes (the repositories, a bulk COPY, a migration): a table created, edited, moved, deleted or moved
-- through the workflow, a review, a monitoring report, a self-evaluation, a published version.
--
-- Three layers:
--   organisation_paths   each organisation's path to the root and its supervising department (the
--                        stored form of core's organisationPath/departmentOf), rebuilt with the tree;
--   analytics_tables     one row of facts per table (status, year, money, latest grade and light,
--                        self-evaluation, automatic-review findings) — what it contributes;
--   analytics_*_counts   those facts summed per organisation and year (and status, grade, light, …):
--                        what the dashboard reads. A refresh subtracts a table's old facts and adds its
--                        new ones, so the sums equal a recomputation from scratch.
-- Aggregates have no foreign keys (they summarise; nothing refers to them) and key on organisation_id
-- with NULLS NOT DISTINCT, because tables imported without a unit are counted too.

-- Automatic-review findings of the current content, computed by the application when it saves the
-- content (core's rules run in TypeScript): [{"rule": id, "severity": s, "count": n}], one per rule
-- that found something. NULL: not reviewed yet (rows loaded in bulk; a startup step fills them in).
ALTER TABLE target_tables ADD COLUMN review_findings jsonb;
CREATE INDEX target_tables_unreviewed_idx ON target_tables (id) WHERE review_findings IS NULL;

-- Small key/value state of derived data, e.g. which revision of the review rules the stored findings
-- were computed with (a release that changes the rules makes the startup step review every table again).
CREATE TABLE analytics_state (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ------------------------------------------------------------------ organisation paths

CREATE TABLE organisation_paths (
  organisation_id uuid PRIMARY KEY,
  -- Itself first, then each ancestor up to the root (core's organisationPath).
  path uuid[] NOT NULL,
  -- The nearest department on the path, itself included (core's departmentOf); NULL above departments.
  department_id uuid
);
CREATE INDEX organisation_paths_path_idx ON organisation_paths USING gin (path);
CREATE INDEX organisation_paths_department_idx ON organisation_paths (department_id);

-- Recomputes every path top-down (a tree of a few thousand organisations takes milliseconds) and writes
-- only the rows that changed. Organisations outside any path from a root (a corrupt cycle) get none.
CREATE FUNCTION organisation_paths_sync() RETURNS void
  LANGUAGE sql
  AS $$
    WITH RECURSIVE down (organisation_id, path, department_id) AS (
      SELECT id, ARRAY[id], CASE WHEN kind = 'department' THEN id END
      FROM organisations WHERE parent_id IS NULL
      UNION ALL
      SELECT o.id, o.id || d.path, CASE WHEN o.kind = 'department' THEN o.id ELSE d.department_id END
      FROM organisations o JOIN down d ON o.parent_id = d.organisation_id
      WHERE cardinality(d.path) < 64
    ),
    gone AS (
      DELETE FROM organisation_paths p
      WHERE NOT EXISTS (SELECT 1 FROM down d WHERE d.organisation_id = p.organisation_id)
    )
    INSERT INTO organisation_paths AS p (organisation_id, path, department_id)
    SELECT organisation_id, path, department_id FROM down
    ON CONFLICT (organisation_id) DO UPDATE SET path = excluded.path, department_id = excluded.department_id
    WHERE (p.path, p.department_id) IS DISTINCT FROM (excluded.path, excluded.department_id);
  $$;

CREATE FUNCTION organisations_paths_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM organisation_paths_sync();
    RETURN NULL;
  END
  $$;
CREATE TRIGGER organisations_paths_changed AFTER INSERT OR DELETE OR UPDATE OF parent_id, kind
  ON organisations FOR EACH STATEMENT EXECUTE FUNCTION organisations_paths_changed();

-- ------------------------------------------------------------------ facts per table

CREATE TABLE analytics_tables (
  table_id uuid PRIMARY KEY,
  organisation_id uuid,
  year integer NOT NULL,
  status text NOT NULL,
  budget numeric(16, 2),
  indicators integer NOT NULL,
  -- Overall grade of the newest review; NULL: never reviewed.
  review_grade text,
  -- Light of the report with the highest cut-off month; NULL: never reported.
  light text,
  -- Grade and total of a complete self-evaluation; NULL: none or not complete.
  self_grade text,
  self_total double precision,
  findings jsonb
);

CREATE TABLE analytics_status_counts (
  organisation_id uuid,
  year integer NOT NULL,
  status text NOT NULL,
  tables bigint NOT NULL,
  budget numeric NOT NULL,
  indicators bigint NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, year, status)
);
CREATE TABLE analytics_grade_counts (
  organisation_id uuid,
  year integer NOT NULL,
  grade text NOT NULL,
  tables bigint NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, year, grade)
);
CREATE TABLE analytics_light_counts (
  organisation_id uuid,
  year integer NOT NULL,
  light text NOT NULL,
  tables bigint NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, year, light)
);
-- tens = floor(total / 10), the dashboard's score bands; score_sum exact (numeric) for the mean.
CREATE TABLE analytics_self_evaluation_counts (
  organisation_id uuid,
  year integer NOT NULL,
  grade text NOT NULL,
  tens integer NOT NULL,
  tables bigint NOT NULL,
  score_sum numeric NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, year, grade, tens)
);
-- Per rule: tables with at least one finding of it, and its findings.
CREATE TABLE analytics_finding_counts (
  organisation_id uuid,
  year integer NOT NULL,
  rule_id text NOT NULL,
  severity text NOT NULL,
  tables bigint NOT NULL,
  findings bigint NOT NULL,
  UNIQUE NULLS NOT DISTINCT (organisation_id, year, rule_id, severity)
);

-- Recomputes the facts of the tables `ids` from their current rows and moves the difference into the
-- counts, in one statement (every CTE sees the state before it, so `old` is what was counted). Rows
-- are added in key order so that concurrent refreshes lock aggregate rows in the same order.
-- `lock_tables`: take the tables' row locks first, so that two transactions writing beside the same
-- table (a review and a monitoring report) refresh one after the other and each sees the other's work.
-- FOR NO KEY UPDATE does not conflict with the KEY SHARE locks that foreign-key checks take.
CREATE FUNCTION analytics_refresh(ids uuid[], lock_tables boolean) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    refreshed bigint;
  BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
      RETURN;
    END IF;
    IF lock_tables THEN
      PERFORM 1 FROM target_tables WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    END IF;
    WITH old AS (
      SELECT * FROM analytics_tables WHERE table_id = ANY (ids)
    ),
    fresh AS (
      SELECT t.id AS table_id, t.organisation_id, t.year, t.status, t.current_year_budget AS budget,
        t.indicator_count AS indicators,
        (SELECT r.overall FROM reviews r WHERE r.table_id = t.id ORDER BY r.created_at DESC LIMIT 1)
          AS review_grade,
        (SELECT m.light FROM monitoring_reports m WHERE m.table_id = t.id ORDER BY m.cut_off_month DESC LIMIT 1)
          AS light,
        s.grade AS self_grade, s.total AS self_total, t.review_findings AS findings
      FROM target_tables t
      LEFT JOIN self_evaluations s ON s.table_id = t.id AND s.complete
      WHERE t.id = ANY (ids)
    ),
    changed AS (
      SELECT o.table_id AS old_id, f.table_id AS fresh_id
      FROM old o FULL JOIN fresh f ON f.table_id = o.table_id
      WHERE o.table_id IS NULL OR f.table_id IS NULL
        OR (o.organisation_id, o.year, o.status, o.budget, o.indicators, o.review_grade, o.light,
            o.self_grade, o.self_total, o.findings)
          IS DISTINCT FROM (f.organisation_id, f.year, f.status, f.budget, f.indicators, f.review_grade,
            f.light, f.self_grade, f.self_total, f.findings)
    ),
    delta AS (
      SELECT -1 AS sign, o.* FROM old o WHERE o.table_id IN (SELECT old_id FROM changed)
      UNION ALL
      SELECT 1, f.* FROM fresh f WHERE f.table_id IN (SELECT fresh_id FROM changed)
    ),
    gone AS (
      DELETE FROM analytics_tables a
      WHERE a.table_id IN (SELECT old_id FROM changed WHERE fresh_id IS NULL)
    ),
    put AS (
      INSERT INTO analytics_tables AS a
      SELECT table_id, organisation_id, year, status, budget, indicators, review_grade, light, self_grade,
        self_total, findings
      FROM fresh WHERE table_id IN (SELECT fresh_id FROM changed)
      ON CONFLICT (table_id) DO UPDATE SET
        organisation_id = excluded.organisation_id, year = excluded.year, status = excluded.status,
        budget = excluded.budget, indicators = excluded.indicators, review_grade = excluded.review_grade,
        light = excluded.light, self_grade = excluded.self_grade, self_total = excluded.self_total,
        findings = excluded.findings
    ),
    statuses AS (
      INSERT INTO analytics_status_counts AS c (organisation_id, year, status, tables, budget, indicators)
      SELECT organisation_id, year, status, sum(sign), coalesce(sum(sign * budget), 0), sum(sign * indicators)
      FROM delta GROUP BY organisation_id, year, status
      HAVING sum(sign) <> 0 OR coalesce(sum(sign * budget), 0) <> 0 OR sum(sign * indicators) <> 0
      ORDER BY organisation_id, year, status
      ON CONFLICT (organisation_id, year, status) DO UPDATE SET
        tables = c.tables + excluded.tables, budget = c.budget + excluded.budget,
        indicators = c.indicators + excluded.indicators
    ),
    grades AS (
      INSERT INTO analytics_grade_counts AS c (organisation_id, year, grade, tables)
      SELECT organisation_id, year, review_grade, sum(sign)
      FROM delta WHERE review_grade IS NOT NULL GROUP BY organisation_id, year, review_grade
      HAVING sum(sign) <> 0
      ORDER BY organisation_id, year, review_grade
      ON CONFLICT (organisation_id, year, grade) DO UPDATE SET tables = c.tables + excluded.tables
    ),
    lights AS (
      INSERT INTO analytics_light_counts AS c (organisation_id, year, light, tables)
      SELECT organisation_id, year, light, sum(sign)
      FROM delta WHERE light IS NOT NULL GROUP BY organisation_id, year, light
      HAVING sum(sign) <> 0
      ORDER BY organisation_id, year, light
      ON CONFLICT (organisation_id, year, light) DO UPDATE SET tables = c.tables + excluded.tables
    ),
    selves AS (
      INSERT INTO analytics_self_evaluation_counts AS c (organisation_id, year, grade, tens, tables, score_sum)
      SELECT organisation_id, year, self_grade, floor(self_total / 10)::integer, sum(sign),
        sum(sign * self_total::numeric)
      FROM delta WHERE self_grade IS NOT NULL
      GROUP BY organisation_id, year, self_grade, floor(self_total / 10)::integer
      HAVING sum(sign) <> 0 OR sum(sign * self_total::numeric) <> 0
      ORDER BY organisation_id, year, self_grade, floor(self_total / 10)::integer
      ON CONFLICT (organisation_id, year, grade, tens) DO UPDATE SET
        tables = c.tables + excluded.tables, score_sum = c.score_sum + excluded.score_sum
    ),
    findings AS (
      INSERT INTO analytics_finding_counts AS c (organisation_id, year, rule_id, severity, tables, findings)
      SELECT d.organisation_id, d.year, f.rule, f.severity, sum(d.sign), sum(d.sign * f.count)
      FROM delta d CROSS JOIN LATERAL jsonb_to_recordset(coalesce(d.findings, '[]'::jsonb))
        AS f (rule text, severity text, count integer)
      GROUP BY d.organisation_id, d.year, f.rule, f.severity
      HAVING sum(d.sign) <> 0 OR sum(d.sign * f.count) <> 0
      ORDER BY d.organisation_id, d.year, f.rule, f.severity
      ON CONFLICT (organisation_id, year, rule_id, severity) DO UPDATE SET
        tables = c.tables + excluded.tables, findings = c.findings + excluded.findings
    )
    SELECT count(*) INTO refreshed FROM changed;
  END
  $$;

-- ------------------------------------------------------------------ published tables (公开统计)

-- The latest PUBLISHED version of each table (a table adjusted after publication keeps counting what
-- was published), with the current row's organisation, as the portal's statistics group them.
CREATE TABLE analytics_published (
  table_id uuid PRIMARY KEY,
  organisation_id uuid,
  year integer NOT NULL,
  printed_department text,
  budget numeric
);
CREATE TABLE analytics_published_counts (
  year integer NOT NULL,
  organisation_id uuid,
  printed_department text,
  tables bigint NOT NULL,
  budget numeric NOT NULL,
  UNIQUE NULLS NOT DISTINCT (year, organisation_id, printed_department)
);

CREATE FUNCTION analytics_published_refresh(ids uuid[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    refreshed bigint;
  BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
      RETURN;
    END IF;
    WITH old AS (
      SELECT * FROM analytics_published WHERE table_id = ANY (ids)
    ),
    fresh AS (
      SELECT DISTINCT ON (v.table_id) v.table_id, t.organisation_id, (v.content->>'year')::integer AS year,
        v.content->>'supervisingDepartment' AS printed_department,
        (v.content->'budget'->>'currentYear')::numeric AS budget
      FROM table_versions v JOIN target_tables t ON t.id = v.table_id
      WHERE v.table_id = ANY (ids) AND v.status = 'published'
      ORDER BY v.table_id, v.version DESC
    ),
    changed AS (
      SELECT o.table_id AS old_id, f.table_id AS fresh_id
      FROM old o FULL JOIN fresh f ON f.table_id = o.table_id
      WHERE o.table_id IS NULL OR f.table_id IS NULL
        OR (o.organisation_id, o.year, o.printed_department, o.budget)
          IS DISTINCT FROM (f.organisation_id, f.year, f.printed_department, f.budget)
    ),
    delta AS (
      SELECT -1 AS sign, o.* FROM old o WHERE o.table_id IN (SELECT old_id FROM changed)
      UNION ALL
      SELECT 1, f.* FROM fresh f WHERE f.table_id IN (SELECT fresh_id FROM changed)
    ),
    gone AS (
      DELETE FROM analytics_published a
      WHERE a.table_id IN (SELECT old_id FROM changed WHERE fresh_id IS NULL)
    ),
    put AS (
      INSERT INTO analytics_published AS a
      SELECT table_id, organisation_id, year, printed_department, budget
      FROM fresh WHERE table_id IN (SELECT fresh_id FROM changed)
      ON CONFLICT (table_id) DO UPDATE SET
        organisation_id = excluded.organisation_id, year = excluded.year,
        printed_department = excluded.printed_department, budget = excluded.budget
    ),
    counts AS (
      INSERT INTO analytics_published_counts AS c (year, organisation_id, printed_department, tables, budget)
      SELECT year, organisation_id, printed_department, sum(sign), coalesce(sum(sign * budget), 0)
      FROM delta GROUP BY year, organisation_id, printed_department
      HAVING sum(sign) <> 0 OR coalesce(sum(sign * budget), 0) <> 0
      ORDER BY year, organisation_id, printed_department
      ON CONFLICT (year, organisation_id, printed_department) DO UPDATE SET
        tables = c.tables + excluded.tables, budget = c.budget + excluded.budget
    )
    SELECT count(*) INTO refreshed FROM changed;
  END
  $$;

-- ------------------------------------------------------------------ triggers

CREATE FUNCTION analytics_target_tables_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      -- New rows are this transaction's own: nobody else can write beside them yet.
      PERFORM analytics_refresh(ARRAY(SELECT id FROM new_rows), false);
    ELSIF TG_OP = 'UPDATE' THEN
      -- The statement holds the rows' locks already.
      PERFORM analytics_refresh(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.organisation_id, n.year, n.status, n.current_year_budget, n.indicator_count, n.review_findings)
          IS DISTINCT FROM (o.organisation_id, o.year, o.status, o.current_year_budget, o.indicator_count,
            o.review_findings)
      ), false);
      PERFORM analytics_published_refresh(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.organisation_id IS DISTINCT FROM o.organisation_id
      ));
    ELSE
      PERFORM analytics_refresh(ARRAY(SELECT id FROM old_rows), false);
      PERFORM analytics_published_refresh(ARRAY(SELECT id FROM old_rows));
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER analytics_target_tables_insert AFTER INSERT ON target_tables
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_target_tables_changed();
CREATE TRIGGER analytics_target_tables_update AFTER UPDATE ON target_tables
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_target_tables_changed();
CREATE TRIGGER analytics_target_tables_delete AFTER DELETE ON target_tables
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_target_tables_changed();

-- Reviews, monitoring reports and self-evaluations: the tables they belong to, refreshed under lock.
CREATE FUNCTION analytics_table_facts_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM analytics_refresh(ARRAY(SELECT DISTINCT table_id FROM new_rows), true);
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM analytics_refresh(ARRAY(
        SELECT table_id FROM new_rows UNION SELECT table_id FROM old_rows
      ), true);
    ELSE
      PERFORM analytics_refresh(ARRAY(SELECT DISTINCT table_id FROM old_rows), true);
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER analytics_reviews_insert AFTER INSERT ON reviews
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_reviews_update AFTER UPDATE ON reviews
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_reviews_delete AFTER DELETE ON reviews
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_monitoring_insert AFTER INSERT ON monitoring_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_monitoring_update AFTER UPDATE ON monitoring_reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_monitoring_delete AFTER DELETE ON monitoring_reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_self_evaluations_insert AFTER INSERT ON self_evaluations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_self_evaluations_update AFTER UPDATE ON self_evaluations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();
CREATE TRIGGER analytics_self_evaluations_delete AFTER DELETE ON self_evaluations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_facts_changed();

-- Versions are written with their table's row locked (and never updated): a published one inserted or
-- a table's versions deleted change what the portal counts.
CREATE FUNCTION analytics_table_versions_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM analytics_published_refresh(ARRAY(
        SELECT DISTINCT table_id FROM new_rows WHERE status = 'published'
      ));
    ELSE
      PERFORM analytics_published_refresh(ARRAY(
        SELECT DISTINCT table_id FROM old_rows WHERE status = 'published'
      ));
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER analytics_table_versions_insert AFTER INSERT ON table_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_versions_changed();
CREATE TRIGGER analytics_table_versions_delete AFTER DELETE ON table_versions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_table_versions_changed();

-- ------------------------------------------------------------------ backfill

SELECT organisation_paths_sync();
SELECT analytics_refresh(ARRAY(SELECT id FROM target_tables), false);
SELECT analytics_published_refresh(ARRAY(SELECT DISTINCT table_id FROM table_versions WHERE status = 'published'));
