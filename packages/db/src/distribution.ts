/**
 * How the schema would be spread over the nodes of a distributed PostgreSQL (Citus), table by table. The
 * migrations are checked against it (distribution.test.ts): every table is placed, each distributed
 * table's keys hold its distribution column, and no foreign key crosses shards. See docs/scale.md.
 *
 * - `distributed` tables are hash-distributed on `by`; those with `colocate: 'table'` keep one table's
 *   rows (versions, indicators, reviews, workflow, monitoring, self-evaluation, publication) on the
 *   shard of its `target_tables` row, so writing or reading one table touches one node.
 * - `reference` tables are small, read by every query and rarely written: copied whole to every node,
 *   so joins and foreign keys to them stay local (organisations, users, rule sets, budget years…).
 * - The pre-aggregated analytics counts (per organisation, year and status, grade, light…) are reference
 *   tables too: a few thousand rows that every dashboard reads whole, and their organisation may be NULL
 *   (a table without one), which a distribution column may not. Under Citus the triggers that keep them
 *   in the writing transaction become an incremental refresh (docs/scale.md).
 */
export type Placement =
  | { kind: 'distributed'; by: string; colocate: 'table' | 'none' }
  | { kind: 'reference' };

const perTable = (by: string): Placement => ({ kind: 'distributed', by, colocate: 'table' });
const reference: Placement = { kind: 'reference' };
const counts = reference;

export const distributionPlan: Record<string, Placement> = {
  target_tables: perTable('id'),
  table_versions: perTable('table_id'),
  indicators: perTable('table_id'),
  reviews: perTable('table_id'),
  review_comments: perTable('table_id'),
  workflow_events: perTable('table_id'),
  monitoring_reports: perTable('table_id'),
  self_evaluations: perTable('table_id'),
  score_adjustments: perTable('table_id'),
  rectification_tasks: perTable('table_id'),
  rectification_evidence: perTable('table_id'),
  budget_linkage_decisions: perTable('table_id'),
  ex_ante_assessments: perTable('table_id'),
  published_tables: perTable('table_id'),
  published_indicator_keys: perTable('table_id'),
  analytics_tables: perTable('table_id'),
  analytics_published: perTable('table_id'),
  analytics_status_counts: counts,
  analytics_grade_counts: counts,
  analytics_light_counts: counts,
  analytics_self_evaluation_counts: counts,
  analytics_finding_counts: counts,
  analytics_published_counts: counts,
  // Keyed by the printed unit and department (no organisation id): the portal's per-year counts.
  published_table_counts: { kind: 'distributed', by: 'unit', colocate: 'none' },
  // Append-only, read by time and entity: spread on its own key.
  audit_log: { kind: 'distributed', by: 'id', colocate: 'none' },
  organisations: reference,
  organisation_paths: reference,
  users: reference,
  sessions: reference,
  login_throttles: reference,
  projects: reference,
  imports: reference,
  rule_set_versions: reference,
  rule_set_assignments: reference,
  budget_years: reference,
  indicator_library: reference,
  layout_templates: reference,
  analytics_state: reference,
  schema_migrations: reference,
};

/**
 * What the schema does not yet satisfy, each a migration on the Citus path (docs/scale.md): the test
 * requires this list to be exactly what it finds, so a new violation fails it and a fixed one must be
 * struck from here.
 */
export const knownDistributionGaps: readonly string[] = [
  'reviews: PRIMARY KEY (id) lacks table_id',
  'review_comments: PRIMARY KEY (id) lacks table_id',
  'review_comments: UNIQUE (review_id, "position") lacks table_id',
  'review_comments: FOREIGN KEY (review_id) → reviews (id) does not carry table_id → table_id',
  'workflow_events: PRIMARY KEY (id) lacks table_id',
  'score_adjustments: PRIMARY KEY (id) lacks table_id',
  'rectification_tasks: PRIMARY KEY (id) lacks table_id',
  // Last year's table may sit on another shard: on Citus this reference becomes a plain column.
  'budget_linkage_decisions: FOREIGN KEY (previous_table_id) → target_tables (id) does not carry table_id → id',
];
