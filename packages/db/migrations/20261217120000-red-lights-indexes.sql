-- The workbench's lights (红灯, and the author's red and yellow reports lacking measures): approved or
-- published tables whose latest monitoring report is red or yellow and whose year is still open (no
-- complete self-evaluation). analytics_tables keeps all three per table in the writing transaction, so a
-- count reads this partial index alone (a few thousand entries at 1,000,000 tables) instead of every
-- report with two anti-joins; a unit's lights start from it too; the oldest page region-wide walks the
-- lit reports in the order it shows them.
CREATE INDEX IF NOT EXISTS analytics_tables_open_lights_idx ON analytics_tables (organisation_id, light)
  WHERE light IN ('red', 'yellow') AND self_grade IS NULL AND status IN ('approved', 'published');
CREATE INDEX IF NOT EXISTS monitoring_reports_light_updated_idx ON monitoring_reports (light, updated_at, table_id);
