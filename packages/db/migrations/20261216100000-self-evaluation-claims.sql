-- Self-evaluations imported from a filled 自评表 keep the unit's claim inside `entry`; these columns hold
-- what the finance re-check list (财政复核) sorts and filters by, computed with the score at each save:
-- the claimed and the rules' totals, their gap and the causes of the differences found.
ALTER TABLE self_evaluations ADD COLUMN claimed_total double precision;
ALTER TABLE self_evaluations ADD COLUMN rule_total double precision;
ALTER TABLE self_evaluations ADD COLUMN gap double precision;
ALTER TABLE self_evaluations ADD COLUMN causes jsonb NOT NULL DEFAULT '[]';
ALTER TABLE self_evaluations ADD COLUMN has_claim boolean NOT NULL DEFAULT false;

-- A re-check decision per row: the reviewer accepts the unit's claim or the rule's score (with a reason,
-- like any adjustment); null for an ordinary adjustment.
ALTER TABLE score_adjustments ADD COLUMN decision text CHECK (decision IN ('claim', 'rule'));
