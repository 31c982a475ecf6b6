-- 整改 from the year's monitoring: a red light or a target marked 完全不可能 opens a task like a problem of the
-- self-evaluation does (source red_light).
ALTER TABLE rectification_tasks DROP CONSTRAINT rectification_tasks_source_check;
ALTER TABLE rectification_tasks ADD CONSTRAINT rectification_tasks_source_check
  CHECK (source IN ('indicator_missed', 'low_grade', 'recheck_gap', 'red_light'));
