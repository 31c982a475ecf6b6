-- The workbench's red lights (红灯): approved or published tables whose latest monitoring report is red and
-- whose year is still open (no complete self-evaluation). analytics_tables keeps all three per table in
-- the writing transaction, so the count reads this partial index alone (a few thousand entries at
-- 1,000,000 tables) instead of every report with two anti-joins, and the oldest page walks red reports
-- in the order it shows them.
CREATE INDEX IF NOT EXISTS analytics_tables_open_red_idx ON analytics_tables (organisation_id)
  WHERE light = 'red' AND self_grade IS NULL AND status IN ('approved', 'published');
CREATE INDEX IF NOT EXISTS monitoring_reports_light_updated_idx ON monitoring_reports (light, updated_at, table_id);
