-- Budget years (预算年度设置) an administrator keeps per region: whether authors may still start and
-- submit tables of the year, the submission deadline, the monitoring cut-off month (regions use 1–6,
-- 1–7 or 1–8月) and the self-evaluation window. A region and year without a row keeps the defaults
-- (open, no deadline, July), so existing data needs nothing here.
CREATE TABLE budget_years (
  region text NOT NULL,
  year integer NOT NULL,
  drafting_open boolean NOT NULL,
  submission_deadline date,
  cut_off_month integer NOT NULL CHECK (cut_off_month BETWEEN 1 AND 11),
  self_evaluation_open boolean NOT NULL,
  self_evaluation_deadline date,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region, year)
);
