-- Evidence files on the answer to a 整改 task (PDF, images, Office documents), kept in the database beside
-- their task like an import's bytes. Keyed by the table as well, so that a task's files stay on its table's
-- shard (see distribution.ts); (table_id, id) on the tasks lets the files refer to their task through it.
ALTER TABLE rectification_tasks ADD CONSTRAINT rectification_tasks_table_task_key UNIQUE (table_id, id);

CREATE TABLE rectification_evidence (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  table_id uuid NOT NULL,
  task_id uuid NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_id, id),
  FOREIGN KEY (table_id, task_id) REFERENCES rectification_tasks (table_id, id) ON DELETE CASCADE
);
CREATE INDEX rectification_evidence_task_idx ON rectification_evidence (task_id, created_at, id);
