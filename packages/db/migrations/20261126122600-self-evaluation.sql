-- Self-evaluation (issue 6): what the author entered per table, the total and grade at the last save
-- (for lists; the score itself is recomputed from the entry with its scheme), and reviewers' score
-- adjustments, append-only with their reasons (also in audit_log).
CREATE TABLE self_evaluations (
  table_id uuid PRIMARY KEY REFERENCES target_tables (id) ON DELETE CASCADE,
  table_version integer NOT NULL,
  scheme_id text NOT NULL,
  entry jsonb NOT NULL,
  total double precision NOT NULL,
  grade text NOT NULL,
  complete boolean NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE score_adjustments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  table_id uuid NOT NULL REFERENCES self_evaluations (table_id) ON DELETE CASCADE,
  -- 'execution' or the indicator's position
  target text NOT NULL,
  computed_score double precision NOT NULL,
  score double precision NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  adjusted_by text,
  adjusted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX score_adjustments_table_idx ON score_adjustments (table_id, adjusted_at);
