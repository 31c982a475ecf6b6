-- 整改 and 结果应用: a rectification task per problem of a scored self-evaluation (indicator missed, grade 中/差,
-- re-check gap), answered by the unit and closed by the reviewer; and the reviewer's budget-linkage decision on
-- next year's table of the project. `problem_key` makes opening the tasks of a table twice open nothing new.
CREATE TABLE rectification_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  table_id uuid NOT NULL REFERENCES target_tables (id) ON DELETE CASCADE,
  problem_key text NOT NULL,
  source text NOT NULL CHECK (source IN ('indicator_missed', 'low_grade', 'recheck_gap')),
  indicator_index integer,
  zh text NOT NULL,
  en text NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  measures text,
  evidence text,
  answered_by text,
  answered_at timestamptz,
  close_note text,
  closed_by text,
  closed_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (table_id, problem_key)
);
-- The workbench's open tasks, oldest deadline first.
CREATE INDEX rectification_tasks_status_idx ON rectification_tasks (status, deadline, id);

CREATE TABLE budget_linkage_decisions (
  table_id uuid PRIMARY KEY REFERENCES target_tables (id) ON DELETE CASCADE,
  previous_table_id uuid REFERENCES target_tables (id) ON DELETE SET NULL,
  previous_grade text,
  suggestion text,
  decision text NOT NULL CHECK (decision IN ('priority', 'keep', 'reduce', 'reduce_or_stop', 'stop')),
  reason text NOT NULL CHECK (length(reason) > 0),
  decided_by text,
  decided_at timestamptz NOT NULL DEFAULT now()
);
