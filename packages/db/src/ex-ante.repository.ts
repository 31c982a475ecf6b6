import {
  type ExAnteAssessment,
  type ExAnteAssessmentInput,
  exAnteScoreSchema,
} from '@jixiao/core/ex-ante/ex-ante.schema';
import { sql } from 'kysely';
import { z } from 'zod';
import { type AuditActor, writeAudit } from './audit.repository.ts';
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
 * Saves (or replaces) the assessment of `tableId` with its total, and writes `ex_ante.save` with the
 * conclusion and the total to the audit log in the same transaction.
 */
export async function saveExAnteAssessment(
  db: Database,
  input: { tableId: string; assessment: ExAnteAssessmentInput; total: number; actor: AuditActor },
): Promise<ExAnteAssessment> {
  const a = input.assessment;
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ conclusion: string; total: number | string }>`
      SELECT conclusion, total FROM ex_ante_assessments WHERE table_id = ${input.tableId} FOR UPDATE`.execute(
      trx,
    );
    const before = rows[0];
    await sql`
      INSERT INTO ex_ante_assessments (table_id, scores, total, conclusion, opinion, assessor, updated_by)
      VALUES (${input.tableId}, ${JSON.stringify(a.scores)}::jsonb, ${input.total}, ${a.conclusion}, ${a.opinion},
        ${a.assessor ?? null}, ${input.actor.userId})
      ON CONFLICT (table_id) DO UPDATE SET scores = excluded.scores, total = excluded.total,
        conclusion = excluded.conclusion, opinion = excluded.opinion, assessor = excluded.assessor,
        updated_by = excluded.updated_by, updated_at = now()`.execute(trx);
    await writeAudit(trx, {
      actor: input.actor,
      action: 'ex_ante.save',
      entity: 'table',
      entityId: input.tableId,
      diff: {
        conclusion: a.conclusion,
        total: input.total,
        ...(before ? { before: { conclusion: before.conclusion, total: Number(before.total) } } : {}),
      },
    });
  });
  const saved = await getExAnteAssessment(db, input.tableId);
  if (!saved) throw new Error('ex-ante assessment vanished after saving');
  return saved;
}
