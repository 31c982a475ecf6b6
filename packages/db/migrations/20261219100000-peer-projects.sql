-- Similar projects (案例库): the editor looks up published tables of the same category and framework whose
-- project name is closest to the table being written. Trigram distance (pg_trgm) orders them through a GiST
-- index, so the nearest few come from the index however many tables are published; pg_trgm reads CJK
-- text as words on PostgreSQL (UTF-8 locales) and on PGlite alike. Installed in public, which every
-- search path of the application and its tests includes.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- A category label as core's normaliseCategory reads it: no white space, weight (`(50分)`) or 指标/目标
-- suffix, twice, as labels like `产出指标(50分)` carry both.
CREATE FUNCTION category_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      regexp_replace(t, '\s+', '', 'g'),
      '([(（][^()（）]*[)）]分?|[0-9]+(\.[0-9]+)?分)$', ''), '(指标|目标)$', ''),
      '([(（][^()（）]*[)）]分?|[0-9]+(\.[0-9]+)?分)$', ''), '(指标|目标)$', '')
  $$;

-- 项目类别 and the level-1 labels the table prints: "same category and framework" without reading its content.
ALTER TABLE published_tables ADD COLUMN category text;
ALTER TABLE published_tables ADD COLUMN level1_keys text[] NOT NULL DEFAULT '{}';

-- Filled from the published version whatever writes the row (publication, re-publication, the
-- organisation triggers), so the triggers of the catalogue's migration stay as they are.
CREATE FUNCTION published_tables_peer_fields() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    SELECT nullif(btrim(v.content->>'category'), ''),
      coalesce((
        SELECT array_agg(DISTINCT category_key(i->>'level1'))
        FROM jsonb_array_elements(coalesce(v.content->'indicators', '[]'::jsonb)) AS i
        WHERE coalesce(i->>'level1', '') <> ''
      ), '{}')
    INTO NEW.category, NEW.level1_keys
    FROM table_versions v
    WHERE v.table_id = NEW.table_id AND v.version = NEW.version;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER published_tables_peer_fields BEFORE INSERT OR UPDATE OF version ON published_tables
  FOR EACH ROW EXECUTE FUNCTION published_tables_peer_fields();

UPDATE published_tables p
SET category = nullif(btrim(v.content->>'category'), ''),
  level1_keys = coalesce((
    SELECT array_agg(DISTINCT category_key(i->>'level1'))
    FROM jsonb_array_elements(coalesce(v.content->'indicators', '[]'::jsonb)) AS i
    WHERE coalesce(i->>'level1', '') <> ''
  ), '{}')
FROM table_versions v
WHERE v.table_id = p.table_id AND v.version = p.version;

CREATE INDEX published_tables_name_trgm_idx ON published_tables USING gist (name gist_trgm_ops);
