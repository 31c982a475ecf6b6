-- Similar projects (案例库) found by what they measure, not only by their names: a project called
-- 社区长者食堂运营补贴 is a peer of 老年助餐服务点补助 when both count 助餐服务人次 and 长者食堂覆盖率,
-- yet their names share no trigram. Each published table's indicator names, normalised as search
-- compares text (search_key), one row each, so that the tables sharing a name are an index range.
-- The peer search uses only names few tables print (a name every table has tells nothing) and asks the
-- index how many tables print a name with a bounded scan, so its cost does not grow with the province.
--
-- No primary key: the triggers below write each (key, table) once, and a unique index over both columns
-- cannot deduplicate its entries, so it came out larger than the rows themselves (319 MB beside 202 MB
-- of rows for 2.8 million keys of 81,169 published tables). An index on the key alone stores each key
-- once with the list of its rows (B-tree deduplication), which is what the lookup by name reads.
CREATE TABLE published_indicator_keys (
  key text COLLATE "C" NOT NULL,
  table_id uuid NOT NULL REFERENCES published_tables (table_id) ON DELETE CASCADE
);
CREATE INDEX published_indicator_keys_key_idx ON published_indicator_keys (key);
-- A re-publication replaces a table's keys; the foreign key's cascade finds them by table too.
CREATE INDEX published_indicator_keys_table_idx ON published_indicator_keys (table_id);

-- The keys of a published table's version: its distinct non-empty indicator names, normalised, at most
-- 200 characters (a longer name is a sentence, not a name another table would print).
CREATE FUNCTION indicator_keys(content jsonb) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT k
    FROM jsonb_array_elements(coalesce(content->'indicators', '[]'::jsonb)) AS i
    CROSS JOIN LATERAL (SELECT left(search_key(coalesce(i->>'name', '')), 200) AS k) AS n
    WHERE k <> ''
  $$;

-- Kept in the writing transaction whatever writes the catalogue row (publication, re-publication of a
-- newer version, a bulk load), one statement for all the rows a statement wrote. An update that keeps
-- the version (an organisation renamed or moved) changes no key.
CREATE FUNCTION published_tables_indicator_keys() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      DELETE FROM published_indicator_keys k
      USING old_rows o JOIN new_rows n ON n.table_id = o.table_id
      WHERE k.table_id = o.table_id AND n.version IS DISTINCT FROM o.version;
      INSERT INTO published_indicator_keys (key, table_id)
      SELECT key, n.table_id
      FROM new_rows n
      JOIN old_rows o ON o.table_id = n.table_id AND o.version IS DISTINCT FROM n.version
      JOIN table_versions v ON v.table_id = n.table_id AND v.version = n.version
      CROSS JOIN LATERAL indicator_keys(v.content) AS key;
    ELSE
      INSERT INTO published_indicator_keys (key, table_id)
      SELECT key, n.table_id
      FROM new_rows n
      JOIN table_versions v ON v.table_id = n.table_id AND v.version = n.version
      CROSS JOIN LATERAL indicator_keys(v.content) AS key;
    END IF;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER published_tables_indicator_keys_insert AFTER INSERT ON published_tables
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION published_tables_indicator_keys();
CREATE TRIGGER published_tables_indicator_keys_update AFTER UPDATE ON published_tables
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION published_tables_indicator_keys();

INSERT INTO published_indicator_keys (key, table_id)
SELECT key, p.table_id
FROM published_tables p
JOIN table_versions v ON v.table_id = p.table_id AND v.version = p.version
CROSS JOIN LATERAL indicator_keys(v.content) AS key;
