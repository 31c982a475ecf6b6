-- 整改: the reviewer may send measures that do not suffice back to the unit (退回重新整改) with the reason; the
-- task is open again and keeps the last reason until it is closed.
ALTER TABLE rectification_tasks ADD COLUMN return_note text;
ALTER TABLE rectification_tasks ADD COLUMN returned_by text;
ALTER TABLE rectification_tasks ADD COLUMN returned_at timestamptz;
