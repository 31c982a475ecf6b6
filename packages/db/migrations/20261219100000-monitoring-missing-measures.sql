-- How many corrective measures (纠偏措施) a monitoring report still lacks: core's measure_missing notes of
-- its assessment, computed by the application with the light and risk at each save. The author's
-- workbench lists the red and yellow reports lacking one; with the count stored it reads a column
-- instead of parsing and assessing every such report of the unit (a unit has hundreds of tables at a
-- province's scale). NULL: saved before this column existed; the workbench assesses those itself.
ALTER TABLE monitoring_reports ADD COLUMN missing_measures integer CHECK (missing_measures >= 0);
