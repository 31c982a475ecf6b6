-- Review comments follow their indicator across versions (issue 5): a comment on an indicator kept only
-- the row index it was written on, so adding, removing or reordering indicators put it on the wrong row.
-- Each such comment now keeps the indicator's levels and name as they read in the reviewed version, and
-- is placed on later versions by them (core's comment-anchor.ts). Comments already stored take them from
-- the version they were written on, which table_versions keeps.
ALTER TABLE review_comments
  ADD COLUMN indicator_level1 text,
  ADD COLUMN indicator_level2 text,
  ADD COLUMN indicator_name text;

UPDATE review_comments AS c
SET
  indicator_level1 = v.content -> 'indicators' -> c.indicator_index ->> 'level1',
  indicator_level2 = v.content -> 'indicators' -> c.indicator_index ->> 'level2',
  indicator_name = v.content -> 'indicators' -> c.indicator_index ->> 'name'
FROM table_versions AS v
WHERE v.table_id = c.table_id AND v.version = c.version AND c.indicator_index IS NOT NULL;

-- A key names an indicator row: a comment off the indicators has none.
ALTER TABLE review_comments
  ADD CONSTRAINT review_comments_indicator_key_check CHECK (indicator_name IS NULL OR indicator_index IS NOT NULL);
