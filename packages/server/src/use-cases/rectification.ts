import { AppError } from '@jixiao/core/errors/app-error';
import { assessMonitoring } from '@jixiao/core/monitoring/assess-monitoring';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { evidenceMaxFiles } from '@jixiao/core/rectification/evidence-files.limits';
import {
  linkageSuggestion,
  monitoringProblems,
  rectificationProblems,
} from '@jixiao/core/rectification/rectification';
import type {
  BudgetLinkage,
  LinkageDecisionInput,
  RectificationAnswer,
  RectificationProblem,
  RectificationStatus,
  RectificationTask,
} from '@jixiao/core/rectification/rectification.schema';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { type AuditActor, writeAudit } from '@jixiao/db/audit.repository';
import type { Database, DatabaseTransaction } from '@jixiao/db/database';
import {
  getMonitoringReport,
  getSelfEvaluation,
  latestMonitoringMonth,
} from '@jixiao/db/evaluation.repository';
import {
  countRectificationEvidence,
  deleteRectificationEvidence,
  getLinkageDecision,
  getRectification,
  insertRectificationEvidence,
  insertRectifications,
  listRectifications,
  lockRectification,
  previousEvaluation,
  storeLinkageDecision,
  storeRectificationAnswer,
  storeRectificationClose,
  storeRectificationReturn,
} from '@jixiao/db/rectification.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { assertCan, assertCanTable, tableResource } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { ruleSetForRequest } from '../guards/rule-set.guards.ts';
import { auditedWrite } from './audited-write.ts';
import { evidenceMediaType } from './evidence-file.ts';

// 整改 and 结果应用: reviewers above the unit open a task per problem of a scored self-evaluation or a
// monitoring report (table.adjust_score), the unit answers with measures and evidence files
// (table.report), the reviewer closes it; whoever reviews the table now records a budget-linkage decision.
// Each change is written with its audit entry in one transaction, the task's row locked first.

async function selfEvaluationProblemsOf(db: Database, record: TableRecord): Promise<RectificationProblem[]> {
  const stored = await getSelfEvaluation(db, record.id);
  if (!stored) {
    throw new AppError(
      'rectification.no_self_evaluation',
      '该表尚未填报绩效自评，无法发起整改',
      'The table has no self-evaluation to open tasks from',
      { path: 'id' },
    );
  }
  const score = scoreSelfEvaluation(record.table, stored.entry, getScoringScheme(stored.schemeId));
  // The table's rule set says how large a re-check gap opens a task.
  const set = await ruleSetForRequest(db, 'auto', record.table);
  return rectificationProblems(record.table, score, set.params.rectificationRecheckGap);
}

/** The problems of the report at `cutOffMonth`, else of the latest one: red lights and 完全不可能 targets. */
async function monitoringProblemsOf(
  db: Database,
  record: TableRecord,
  cutOffMonth: number | undefined,
): Promise<RectificationProblem[]> {
  const month = cutOffMonth ?? (await latestMonitoringMonth(db, record.id));
  const stored = month === null ? null : await getMonitoringReport(db, record.id, month);
  if (!stored) {
    throw new AppError(
      'rectification.no_monitoring',
      '该表尚未填报运行监控，无法据此发起整改',
      'The table has no monitoring report to open tasks from',
      { path: cutOffMonth === undefined ? 'id' : 'cutOffMonth' },
    );
  }
  const assessment = assessMonitoring(record.table, stored.report, DEFAULT_MONITORING_SCHEME);
  return monitoringProblems(record.table, stored.report, assessment);
}

/** Table `tableId` for a caller who may do `action` on it (401/403 otherwise). */
async function tableFor(
  db: Database,
  caller: Caller,
  action: 'table.read' | 'table.report' | 'table.adjust_score',
  tableId: string,
): Promise<TableRecord> {
  const record = await createTableRepository(db).get(tableId);
  await assertCanTable(caller, db, action, record);
  return record;
}

/**
 * The caller opens 整改 tasks on table `tableId` (POST /api/tables/:id/rectifications), one per problem of
 * its scored self-evaluation or of a monitoring report not yet opened, with `rectification.open`; a
 * reviewer above the unit (table.adjust_score), 401/403 otherwise. Returns the table's tasks.
 */
export async function openRectificationTasks(
  db: Database,
  caller: Caller,
  tableId: string,
  body: { deadline: string; from: 'self_evaluation' | 'monitoring'; cutOffMonth?: number | undefined },
): Promise<RectificationTask[]> {
  const record = await tableFor(db, caller, 'table.adjust_score', tableId);
  const problems =
    body.from === 'monitoring'
      ? await monitoringProblemsOf(db, record, body.cutOffMonth)
      : await selfEvaluationProblemsOf(db, record);
  return recordRectificationOpen(db, auditActorOf(caller), record.id, problems, body.deadline);
}

/**
 * Opens a task per problem not yet opened on table `tableId`, writing `rectification.open` with the keys
 * opened (nothing when none is new). Asks no policy: callers have checked who may open tasks on the table.
 */
export async function recordRectificationOpen(
  db: Database,
  actor: AuditActor,
  tableId: string,
  problems: readonly RectificationProblem[],
  deadline: string,
): Promise<RectificationTask[]> {
  await db.transaction().execute(async (trx) => {
    const opened = await insertRectifications(trx, { tableId, problems, deadline, actor });
    if (opened.length === 0) return;
    await writeAudit(trx, {
      actor,
      action: 'rectification.open',
      entity: 'table',
      entityId: tableId,
      diff: { problems: opened, deadline },
    });
  });
  return listRectifications(db, { tableId });
}

function wrongStatus(current: RectificationStatus): AppError {
  return new AppError(
    'rectification.wrong_status',
    current === 'closed' ? '整改任务已关闭，不能再修改' : '整改任务尚未答复，不能关闭或退回',
    current === 'closed'
      ? 'The task is closed and can no longer change'
      : 'The task has not been answered yet, so it cannot be closed or sent back',
    { path: 'taskId' },
  );
}

/**
 * One change of task `taskId` of `tableId` and its audit entry in one transaction: the task's row is
 * locked and must be in one of the states `from`; `change` stores it and answers the entry's diff.
 */
async function changeTask(
  db: Database,
  actor: AuditActor,
  tableId: string,
  taskId: string,
  from: readonly RectificationStatus[],
  action: string,
  change: (trx: DatabaseTransaction) => Promise<Record<string, unknown>>,
): Promise<RectificationTask> {
  await auditedWrite(
    db,
    actor,
    async (trx) => {
      const status = await lockRectification(trx, tableId, taskId);
      if (!from.includes(status)) throw wrongStatus(status);
      return change(trx);
    },
    (diff) => ({ action, entity: 'rectification', entityId: taskId, diff: { tableId, ...diff } }),
  );
  return getRectification(db, tableId, taskId);
}

/**
 * The unit answers task `taskId` with its measures (an open or answered task), with `rectification.answer`.
 * Asks no policy: callers have checked who may report on the table.
 */
export function recordRectificationAnswer(
  db: Database,
  actor: AuditActor,
  tableId: string,
  taskId: string,
  answer: RectificationAnswer,
): Promise<RectificationTask> {
  return changeTask(db, actor, tableId, taskId, ['open', 'answered'], 'rectification.answer', async (trx) => {
    await storeRectificationAnswer(trx, taskId, answer, actor);
    return { measures: answer.measures, evidence: answer.evidence ?? null };
  });
}

/** The caller answers a task (POST /api/tables/:id/rectifications/answer): the unit's author (table.report). */
export async function answerRectificationTask(
  db: Database,
  caller: Caller,
  tableId: string,
  taskId: string,
  answer: RectificationAnswer,
): Promise<RectificationTask> {
  const record = await tableFor(db, caller, 'table.report', tableId);
  return recordRectificationAnswer(db, auditActorOf(caller), record.id, taskId, answer);
}

/**
 * The reviewer closes answered task `taskId` with a note, with `rectification.close`. Asks no policy:
 * callers have checked who may adjust the table's score.
 */
export function recordRectificationClose(
  db: Database,
  actor: AuditActor,
  tableId: string,
  taskId: string,
  note: string | null,
): Promise<RectificationTask> {
  return changeTask(db, actor, tableId, taskId, ['answered'], 'rectification.close', async (trx) => {
    await storeRectificationClose(trx, taskId, note, actor);
    return { note };
  });
}

/** The caller closes an answered task (POST /api/tables/:id/rectifications/close): table.adjust_score. */
export async function closeRectificationTask(
  db: Database,
  caller: Caller,
  tableId: string,
  taskId: string,
  note: string | null,
): Promise<RectificationTask> {
  const record = await tableFor(db, caller, 'table.adjust_score', tableId);
  return recordRectificationClose(db, auditActorOf(caller), record.id, taskId, note);
}

/**
 * The caller sends an answered task back to the unit with the reason (退回重新整改, POST
 * /api/tables/:id/rectifications/return): table.adjust_score; the task is open again, with
 * `rectification.return`.
 */
export async function returnRectificationTask(
  db: Database,
  caller: Caller,
  tableId: string,
  taskId: string,
  note: string,
): Promise<RectificationTask> {
  const record = await tableFor(db, caller, 'table.adjust_score', tableId);
  const actor = auditActorOf(caller);
  return changeTask(db, actor, record.id, taskId, ['answered'], 'rectification.return', async (trx) => {
    await storeRectificationReturn(trx, taskId, note, actor);
    return { note };
  });
}

/** A file as uploaded: its name and bytes (its type is read from the bytes). */
export interface UploadedEvidence {
  name: string;
  bytes: Uint8Array;
}

/**
 * Attaches an evidence file to task `taskId` (not closed; at most `evidenceMaxFiles` a task), its type read
 * from its content, with `rectification.evidence_add` (name, type, size, SHA-256). Asks no policy.
 */
export async function recordRectificationEvidence(
  db: Database,
  actor: AuditActor,
  tableId: string,
  taskId: string,
  file: UploadedEvidence,
): Promise<RectificationTask> {
  const mediaType = await evidenceMediaType(file.name, file.bytes);
  return changeTask(
    db,
    actor,
    tableId,
    taskId,
    ['open', 'answered'],
    'rectification.evidence_add',
    async (trx) => {
      if ((await countRectificationEvidence(trx, tableId, taskId)) >= evidenceMaxFiles) {
        throw new AppError(
          'rectification.evidence_too_many',
          `每个整改任务最多上传 ${evidenceMaxFiles} 个佐证文件，请先删除不需要的文件`,
          `A task takes at most ${evidenceMaxFiles} evidence files; remove one first`,
          { path: 'file' },
        );
      }
      return insertRectificationEvidence(trx, { tableId, taskId, file: { ...file, mediaType }, actor });
    },
  );
}

/**
 * The caller attaches an evidence file to a task (POST /api/tables/:id/rectifications/:taskId/evidence):
 * the unit's author (table.report), checked before `receive` reads the upload.
 */
export async function attachRectificationEvidence(
  db: Database,
  caller: Caller,
  tableId: string,
  taskId: string,
  receive: () => Promise<UploadedEvidence>,
): Promise<RectificationTask> {
  const record = await tableFor(db, caller, 'table.report', tableId);
  return recordRectificationEvidence(db, auditActorOf(caller), record.id, taskId, await receive());
}

/**
 * The caller removes an evidence file from a task not yet closed (DELETE …/evidence/:fileId): the unit's
 * author (table.report); audited as `rectification.evidence_remove`.
 */
export async function removeRectificationEvidenceFile(
  db: Database,
  caller: Caller,
  tableId: string,
  taskId: string,
  fileId: string,
): Promise<RectificationTask> {
  const record = await tableFor(db, caller, 'table.report', tableId);
  const actor = auditActorOf(caller);
  return changeTask(
    db,
    actor,
    record.id,
    taskId,
    ['open', 'answered'],
    'rectification.evidence_remove',
    (trx) => deleteRectificationEvidence(trx, { tableId: record.id, taskId, fileId }),
  );
}

/** The tasks of table `tableId` for a reader of it (GET /api/tables/:id/rectifications). */
export async function tableRectifications(
  db: Database,
  caller: Caller,
  tableId: string,
): Promise<RectificationTask[]> {
  const record = await tableFor(db, caller, 'table.read', tableId);
  return listRectifications(db, { tableId: record.id });
}

/** Last year's grade of the project, its open tasks and the rule set's suggestion, for table `record`. */
async function linkageOf(db: Database, record: TableRecord) {
  const previous = await previousEvaluation(db, record.table);
  const set = await ruleSetForRequest(db, 'auto', record.table);
  return {
    previous,
    suggestion: previous ? linkageSuggestion(previous.grade, set.params.linkageReduceShare) : null,
  };
}

/** Budget linkage (结果应用) of table `tableId` for a reader of it (GET /api/tables/:id/linkage). */
export async function budgetLinkage(db: Database, caller: Caller, tableId: string): Promise<BudgetLinkage> {
  const record = await tableFor(db, caller, 'table.read', tableId);
  const { previous, suggestion } = await linkageOf(db, record);
  const openTasks = previous
    ? (await listRectifications(db, { tableId: previous.tableId })).filter((t) => t.status !== 'closed')
    : [];
  return { previous, openTasks, suggestion, decision: await getLinkageDecision(db, record.id) };
}

/**
 * Whoever reviews table `tableId` now (the department while submitted, then finance) records the
 * budget-linkage decision with its reason (PUT /api/tables/:id/linkage), with `linkage.decide`.
 */
export async function decideBudgetLinkage(
  db: Database,
  caller: Caller,
  tableId: string,
  decision: LinkageDecisionInput,
): Promise<BudgetLinkage['decision']> {
  const record = await createTableRepository(db).get(tableId);
  const stage = record.status === 'submitted' ? 'table.review_department' : 'table.review_finance';
  assertCan(caller, stage, await tableResource(db, record));
  const { previous, suggestion } = await linkageOf(db, record);
  const actor = auditActorOf(caller);
  const input = { tableId: record.id, previous, suggestion: suggestion?.kind ?? null, decision, actor };
  await auditedWrite(
    db,
    actor,
    (trx) => storeLinkageDecision(trx, input),
    () => ({
      action: 'linkage.decide',
      entity: 'table',
      entityId: record.id,
      diff: { ...decision, suggestion: input.suggestion, previousGrade: previous?.grade ?? null },
    }),
  );
  return getLinkageDecision(db, record.id);
}
