-- Monitoring (issue 6): one report per table and cut-off month, with the lights computed when saved so
-- overviews can sort by risk without re-reading every report.
CREATE TABLE monitoring_reports (
  table_id uuid NOT NULL REFERENCES target_tables (id) ON DELETE CASCADE,
  cut_off_month integer NOT NULL CHECK (cut_off_month BETWEEN 1 AND 12),
  table_version integer NOT NULL,
  scheme_id text NOT NULL,
  report jsonb NOT NULL,
  light text NOT NULL CHECK (light IN ('red', 'yellow', 'grey', 'blue', 'green')),
  risk integer NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_id, cut_off_month)
);
CREATE INDEX monitoring_reports_risk_idx ON monitoring_reports (cut_off_month, risk DESC);
