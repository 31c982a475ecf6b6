-- Workflow and human review (issue 5): fired transitions, review rounds and their anchored comments.
-- table_id has no foreign key on purpose: the tables' storage is another feature's, and its delete of a
-- draft must not depend on this history; rows of a deleted table are harmless and stay for the auditors.
CREATE TABLE workflow_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  table_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('submit', 'forward', 'return', 'approve', 'publish', 'adjust')),
  from_status text NOT NULL,
  to_status text NOT NULL,
  from_version integer NOT NULL CHECK (from_version > 0),
  to_version integer NOT NULL CHECK (to_version > from_version),
  actor_id uuid,
  actor_name text,
  comment text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- A version is left by exactly one transition: the database itself refuses a second winner.
  UNIQUE (table_id, from_version)
);
CREATE INDEX workflow_events_table_idx ON workflow_events (table_id, created_at);

CREATE TABLE reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  table_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  stage text NOT NULL CHECK (stage IN ('department', 'finance')),
  completeness text NOT NULL CHECK (completeness IN ('优', '良', '中', '差')),
  relevance text NOT NULL CHECK (relevance IN ('优', '良', '中', '差')),
  appropriateness text NOT NULL CHECK (appropriateness IN ('优', '良', '中', '差')),
  feasibility text NOT NULL CHECK (feasibility IN ('优', '良', '中', '差')),
  overall text NOT NULL CHECK (overall IN ('优', '良', '中', '差')),
  decision text NOT NULL CHECK (decision IN ('return', 'forward', 'approve')),
  summary text,
  reviewer_id uuid,
  reviewer_name text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- One review per version: a round ends with its transition, which makes a new version.
  UNIQUE (table_id, version)
);
CREATE INDEX reviews_table_idx ON reviews (table_id, created_at);

CREATE TABLE review_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id uuid NOT NULL REFERENCES reviews (id),
  table_id uuid NOT NULL,
  version integer NOT NULL,
  position integer NOT NULL,
  path text,
  indicator_index integer CHECK (indicator_index IS NULL OR indicator_index >= 0),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  author_id uuid,
  author_name text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (review_id, position)
);
CREATE INDEX review_comments_table_idx ON review_comments (table_id, version);
