-- 事前绩效评估: one assessment per target table (five dimensions scored with evidence, a conclusion and the
-- overall opinion). The rule set's ex-ante rules read it; saving it is audited. Scores are stored as the
-- API shows them (a JSON array), since nothing queries a single dimension.
CREATE TABLE ex_ante_assessments (
  table_id uuid PRIMARY KEY REFERENCES target_tables (id) ON DELETE CASCADE,
  scores jsonb NOT NULL,
  total numeric(6, 2) NOT NULL,
  conclusion text NOT NULL CHECK (conclusion IN ('support', 'partial', 'reject')),
  opinion text NOT NULL,
  assessor text,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
