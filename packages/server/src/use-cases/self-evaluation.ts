import { can } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type {
  ScoreAdjustment,
  SelfEvaluationEntry,
  SelfEvaluationScore,
} from '@jixiao/core/scoring/self-evaluation.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { type AuditActor, writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import {
  addScoreAdjustment,
  getSelfEvaluation,
  type RecheckFigures,
  type StoredSelfEvaluation,
  saveSelfEvaluation,
} from '@jixiao/db/evaluation.repository';
import { claimImportPreview } from '@jixiao/db/tables.repository';
import { assertCan, forbidden, requireUser } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { assertSelfEvaluationOpen } from '../guards/calendar.guards.ts';
import { enterableTable, readableTable } from '../guards/table.guards.ts';

// Self-evaluation writes: the author saves the year-end entry (table.report, within the year's window),
// a reviewer adjusts one score with a reason (table.adjust_score), a re-checker accepts the unit's claimed
// score or the rule's on one row. Each change and its audit entry are written in one transaction.

/** What saveSelfEvaluation keeps, with who saves it. */
export type SelfEvaluationWrite = Parameters<typeof saveSelfEvaluation>[1];
/** What addScoreAdjustment keeps, and the score it replaces (for the audit log). */
export type ScoreAdjustmentWrite = Parameters<typeof addScoreAdjustment>[1] & { previousScore: number };
/** A saved or adjusted self-evaluation with the table it belongs to (the presenter scores it). */
export interface SelfEvaluationView {
  record: TableRecord;
  stored: StoredSelfEvaluation;
}
/** A re-check decision's answer: the new score of the whole self-evaluation. */
export interface RecheckDecided {
  tableId: string;
  total: number;
  grade: string;
  score: SelfEvaluationScore;
}

/** The figures the re-check list sorts and filters by, from a score with its claim comparison. */
export function recheckFigures(score: SelfEvaluationScore): RecheckFigures | null {
  const claim = score.claim;
  if (!claim) return null;
  return {
    claimedTotal: claim.claimedTotal,
    ruleTotal: claim.ruleTotal,
    gap: claim.gap,
    causes: claim.causes,
  };
}

/** What is kept of `entry` on table `record`, scored as `score` by scheme `schemeId`, saved by `actor`. */
export function scoredEntryWrite(
  record: Pick<TableRecord, 'id' | 'version'>,
  schemeId: string,
  entry: SelfEvaluationEntry,
  score: SelfEvaluationScore,
  actor: AuditActor,
): SelfEvaluationWrite {
  return {
    tableId: record.id,
    tableVersion: record.version,
    schemeId,
    entry,
    total: score.total,
    grade: score.grade,
    complete: score.complete,
    actor,
    recheck: recheckFigures(score),
  };
}

function selfEvaluationNotFound(): AppError {
  return new AppError(
    'self_evaluation.not_found',
    '该表尚未填报绩效自评。',
    'No self-evaluation entered yet.',
    {
      path: 'id',
    },
  );
}

/** The stored self-evaluation of a table, or 404 `self_evaluation.not_found`. */
export async function storedSelfEvaluation(db: Database, tableId: string): Promise<StoredSelfEvaluation> {
  const stored = await getSelfEvaluation(db, tableId);
  if (!stored) throw selfEvaluationNotFound();
  return stored;
}

/**
 * Keeps a self-evaluation with its audit entry `self_evaluation.save`; with `importId`, the import preview
 * it came from is confirmed (`import.confirm`) in the same transaction. Asks no policy: callers have
 * checked who may report on the table.
 */
export async function recordSelfEvaluation(
  db: Database,
  input: SelfEvaluationWrite,
  importId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const file = importId === undefined ? null : await claimImportPreview(trx, importId);
    await saveSelfEvaluation(trx, input);
    await writeAudit(trx, {
      actor: input.actor,
      action: 'self_evaluation.save',
      entity: 'table',
      entityId: input.tableId,
      diff: { entry: { ...input.entry, adjustments: [] }, total: input.total, grade: input.grade },
    });
    if (file) {
      await writeAudit(trx, {
        actor: input.actor,
        action: 'import.confirm',
        entity: 'import',
        entityId: file.id,
        diff: { fileName: file.file_name, selfEvaluation: { tableId: input.tableId } },
      });
    }
  });
}

/**
 * Keeps a score adjustment (a re-check decision when `decision` is set) with the new total and grade and
 * its audit entry, in one transaction. Asks no policy.
 */
export async function recordScoreAdjustment(db: Database, input: ScoreAdjustmentWrite): Promise<void> {
  const { previousScore, ...adjustment } = input;
  await db.transaction().execute(async (trx) => {
    await addScoreAdjustment(trx, adjustment);
    await writeAudit(trx, {
      actor: input.actor,
      action: input.decision ? 'self_evaluation.recheck_decide' : 'self_evaluation.adjust_score',
      entity: 'table',
      entityId: input.tableId,
      diff: {
        target: input.adjustment.target,
        from: previousScore,
        to: input.adjustment.score,
        computed: input.computedScore,
        reason: input.adjustment.reason,
        ...(input.decision ? { decision: input.decision } : {}),
        total: input.total,
        grade: input.grade,
      },
    });
  });
}

/** The score of a stored self-evaluation with `adjustment` in force (replacing one of its row's). */
function scoredWith(
  record: TableRecord,
  stored: StoredSelfEvaluation,
  adjustment: ScoreAdjustment,
): SelfEvaluationScore {
  const others = stored.entry.adjustments.filter((a) => a.target !== adjustment.target);
  const entry = { ...stored.entry, adjustments: [...others, adjustment] };
  return scoreSelfEvaluation(record.table, entry, getScoringScheme(stored.schemeId));
}

/**
 * The author saves the year-end entry of table `tableId` (PUT /api/tables/:id/self-evaluation): 401/403
 * unless they report on it, 409 before approval or outside the year's self-evaluation window.
 * Reviewers' adjustments and an imported form's claim stay in force.
 */
export async function saveSelfEvaluationEntry(
  db: Database,
  caller: Caller,
  tableId: string,
  body: Omit<SelfEvaluationEntry, 'adjustments'>,
  now?: Date,
): Promise<SelfEvaluationView> {
  const record = await enterableTable(caller, db, tableId);
  // The year's self-evaluation window (预算年度设置) as the author's submit checks drafting's.
  await assertSelfEvaluationOpen(db, record.table, now);
  const previous = await getSelfEvaluation(db, record.id);
  const schemeId = body.schemeId ?? DEFAULT_SCORING_SCHEME_ID;
  const entry = {
    ...body,
    schemeId,
    adjustments: previous?.entry.adjustments ?? [],
    claim: body.claim ?? previous?.entry.claim ?? null,
  };
  const score = scoreSelfEvaluation(record.table, entry, getScoringScheme(schemeId));
  await recordSelfEvaluation(db, scoredEntryWrite(record, schemeId, entry, score, auditActorOf(caller)));
  return { record, stored: await storedSelfEvaluation(db, record.id) };
}

/**
 * A reviewer adjusts one score of table `tableId` with a reason (POST …/self-evaluation/adjustments):
 * 401/403 unless they may adjust scores of the table; the total and grade are scored again.
 */
export async function adjustScore(
  db: Database,
  caller: Caller,
  tableId: string,
  adjustment: ScoreAdjustment,
): Promise<SelfEvaluationView> {
  const { record, resource } = await readableTable(caller, db, tableId);
  assertCan(caller, 'table.adjust_score', resource);
  const stored = await storedSelfEvaluation(db, record.id);
  const scheme = getScoringScheme(stored.schemeId);
  const before = scoreSelfEvaluation(record.table, stored.entry, scheme);
  const after = scoredWith(record, stored, adjustment);
  const line = adjustment.target === 'execution' ? before.execution : before.indicators[adjustment.target];
  await recordScoreAdjustment(db, {
    tableId: record.id,
    adjustment,
    computedScore: line?.computedScore ?? 0,
    previousScore: line?.score ?? 0,
    total: after.total,
    grade: after.grade,
    actor: auditActorOf(caller),
  });
  return { record, stored: await storedSelfEvaluation(db, record.id) };
}

/**
 * A re-checker keeps the unit's claimed score or the rule's on one row of table `tableId`, with a reason
 * (POST …/self-evaluation/decisions): 403 unless they may adjust its scores, 409 `recheck.no_claim` or
 * `recheck.not_scored` for a row there is nothing to decide on.
 */
export async function decideRecheck(
  db: Database,
  caller: Caller,
  tableId: string,
  decision: { target: ScoreAdjustment['target']; accept: 'claim' | 'rule'; reason: string },
): Promise<RecheckDecided> {
  const { record, resource } = await readableTable(caller, db, tableId);
  const user = requireUser(caller);
  // A past year's imported 自评表 brings its own table, which never goes through approval here: it is
  // re-checked as an approved one.
  const asApproved =
    record.table.kind === 'self-evaluation' ? { ...resource, status: 'approved' as const } : resource;
  if (!can(user, 'table.adjust_score', asApproved)) throw forbidden();
  const stored = await storedSelfEvaluation(db, record.id);
  const scheme = getScoringScheme(stored.schemeId);
  const before = scoreSelfEvaluation(record.table, stored.entry, scheme);
  const { target, accept, reason } = decision;
  const claimLine = before.claim?.lines.find((l) => l.target === target);
  const line = target === 'execution' ? before.execution : before.indicators[target];
  if (!claimLine || !line || (accept === 'claim' && claimLine.claimed === null)) {
    throw new AppError(
      'recheck.no_claim',
      '该行没有单位自评得分，无法采用。',
      'This row carries no claimed score to accept.',
      { path: 'target' },
    );
  }
  if (line.status === 'not_scored') {
    throw new AppError(
      'recheck.not_scored',
      '其中项/未印分值的行列示不计分，无需复核决定。',
      'Sub-items without a weight are shown, not scored: there is nothing to decide.',
      { path: 'target' },
    );
  }
  const score = accept === 'claim' ? (claimLine.claimed ?? 0) : line.computedScore;
  const adjustment = { target, score, reason };
  const after = scoredWith(record, stored, adjustment);
  await recordScoreAdjustment(db, {
    tableId: record.id,
    adjustment,
    computedScore: line.computedScore,
    previousScore: line.score,
    total: after.total,
    grade: after.grade,
    actor: auditActorOf(caller),
    decision: accept,
  });
  return { tableId: record.id, total: after.total, grade: after.grade, score: after };
}
