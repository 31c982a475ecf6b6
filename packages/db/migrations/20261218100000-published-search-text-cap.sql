-- Issue 15: the portal's search text of one published table keeps at most 20,000 characters, as the stored
-- tables' search text does (search-text.ts). A table at the schema's limits (500 indicators with long names
-- and targets) gave 1.3 million characters, and search_key and search_bigrams over them held PGlite, which
-- runs in the server's own thread, for seconds at its publication. The parts are cut before search_key, so
-- the cost is bounded; a table under the cap gets exactly the text it got before.
CREATE OR REPLACE FUNCTION published_search_text(content jsonb, department text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT replace(search_key(left(coalesce(string_agg(DISTINCT p, E'\x01'), ''), 20000)), E'\x01', E'\n')
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
