-- A peer search key only for names of at most 64 characters (normalised): a longer "name" is a sentence
-- (a target or an explanation run into the name cell), which no other table prints the same, and keying
-- them cost a publication of a table at the schema's limits (500 names of 500 characters) 50-70 ms of
-- PGlite's one session for nothing (blocking-steps: publish 143-231 ms CPU with them, 96-121 without).
CREATE OR REPLACE FUNCTION indicator_keys(content jsonb) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT k
    FROM jsonb_array_elements(coalesce(content->'indicators', '[]'::jsonb)) AS i
    CROSS JOIN LATERAL (SELECT i->>'name' AS name) AS raw
    -- A raw name over 200 characters is not normalised at all (that was most of the cost): to come down
    -- to 64 it would need more than 136 characters of white space.
    CROSS JOIN LATERAL (SELECT search_key(raw.name) AS k WHERE char_length(raw.name) <= 200) AS n
    WHERE k <> '' AND char_length(k) <= 64
  $$;

DELETE FROM published_indicator_keys WHERE char_length(key) > 64;
