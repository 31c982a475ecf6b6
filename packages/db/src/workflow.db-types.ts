import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

/** One fired transition of a table's life cycle. */
export interface WorkflowEventsTable {
  id: Generated<string>;
  table_id: string;
  action: string;
  from_status: string;
  to_status: string;
  from_version: number;
  to_version: number;
  actor_id: string | null;
  actor_name: string | null;
  comment: string | null;
  reason: string | null;
  created_at: CreatedAt;
}

/** One review round: four graded criteria, an overall grade and the decision. */
export interface ReviewsTable {
  id: Generated<string>;
  table_id: string;
  version: number;
  stage: 'department' | 'finance';
  completeness: string;
  relevance: string;
  appropriateness: string;
  feasibility: string;
  overall: string;
  decision: string;
  summary: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  created_at: CreatedAt;
}

/** A reviewer's comment anchored to a field path or an indicator of the reviewed version. */
export interface ReviewCommentsTable {
  id: Generated<string>;
  review_id: string;
  table_id: string;
  version: number;
  position: number;
  path: string | null;
  indicator_index: number | null;
  /** Levels and name of the commented indicator in the reviewed version (null off the indicators). */
  indicator_level1: string | null;
  indicator_level2: string | null;
  indicator_name: string | null;
  text: string;
  author_id: string | null;
  author_name: string | null;
  created_at: CreatedAt;
}

export interface WorkflowDb {
  workflow_events: WorkflowEventsTable;
  reviews: ReviewsTable;
  review_comments: ReviewCommentsTable;
}
