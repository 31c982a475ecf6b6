import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { recordSelfEvaluation } from './use-cases/self-evaluation.ts';

/**
 * The demo's self-evaluations: `entry` scored by the default scheme and saved, with its audit entry, as
 * the self-evaluation of the record's current version. Returns the score.
 */
export async function recordDemoSelfEvaluation(
  db: Database,
  record: TableRecord,
  entry: SelfEvaluationEntry,
  actor: AuditActor,
): Promise<SelfEvaluationScore> {
  const score = scoreSelfEvaluation(record.table, entry, getScoringScheme(DEFAULT_SCORING_SCHEME_ID));
  await recordSelfEvaluation(db, {
    tableId: record.id,
    tableVersion: record.version,
    schemeId: entry.schemeId ?? DEFAULT_SCORING_SCHEME_ID,
    entry,
    total: score.total,
    grade: score.grade,
    complete: score.complete,
    actor,
  });
  return score;
}
