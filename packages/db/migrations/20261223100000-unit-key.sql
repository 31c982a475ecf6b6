-- The list's unit filter compares only the normalised unit, which search text carries as its first line. Taken
-- from search_text at read time, every candidate's whole search text (kilobytes, compressed out of line) had to be
-- read and decompressed; a stored copy of the first line is a few dozen bytes in the row itself.
ALTER TABLE target_tables
  ADD COLUMN unit_key text GENERATED ALWAYS AS (split_part(search_text, E'\n', 1)) STORED;
