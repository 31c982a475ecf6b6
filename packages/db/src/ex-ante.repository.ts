import {
  type ExAnteAssessment,
  type ExAnteAssessmentInput,
  exAnteScoreSchema,
} from '@jixiao/core/ex-ante/ex-ante.schema';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

interface AssessmentRow {
  table_id: string;
  scores: unknown;
  total: number | string;
  conclusion: ExAnteAssessment['conclusion'];
  opinion: string;
  assessor: string | null;
  updated_at: Date | string;
}

const storedScores = z.array(exAnteScoreSchema);

/** The table's ex-ante assessment (事前绩效评估), or null when it has none. */
export async function getExAnteAssessment(db: Database, tableId: string): Promise<ExAnteAssessment | null> {
  const { rows } = await sql<AssessmentRow>`
    SELECT table_id, scores, total, conclusion, opinion, assessor, updated_at
    FROM ex_ante_assessments WHERE table_id = ${tableId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  // PGlite hands jsonb back parsed, node-postgres too; a string only if a driver did not.
  const scores = storedScores.parse(typeof row.scores === 'string' ? JSON.parse(row.scores) : row.scores);
  return {
    tableId: row.table_id,
    scores,
    total: Number(row.total),
    conclusion: row.conclusion,
    opinion: row.opinion,
    assessor: row.assessor,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Saves (or replaces) the assessment of `tableId` with its total as `actor`, in the caller's transaction,
 * the stored row locked first; reports the conclusion and total it replaced (null when there was none).
 */
export async function storeExAnteAssessment(
  db: Database,
  input: { tableId: string; assessment: ExAnteAssessmentInput; total: number; actor: AuditActor },
): Promise<{ before: { conclusion: string; total: number } | null }> {
  const a = input.assessment;
  const { rows } = await sql<{ conclusion: string; total: number | string }>`
    SELECT conclusion, total FROM ex_ante_assessments WHERE table_id = ${input.tableId} FOR UPDATE`.execute(
    db,
  );
  const before = rows[0];
  await sql`
    INSERT INTO ex_ante_assessments (table_id, scores, total, conclusion, opinion, assessor, updated_by)
    VALUES (${input.tableId}, ${JSON.stringify(a.scores)}::jsonb, ${input.total}, ${a.conclusion}, ${a.opinion},
      ${a.assessor ?? null}, ${input.actor.userId})
    ON CONFLICT (table_id) DO UPDATE SET scores = excluded.scores, total = excluded.total,
      conclusion = excluded.conclusion, opinion = excluded.opinion, assessor = excluded.assessor,
      updated_by = excluded.updated_by, updated_at = now()`.execute(db);
  return { before: before ? { conclusion: before.conclusion, total: Number(before.total) } : null };
}
