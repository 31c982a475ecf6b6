import { createHash } from 'node:crypto';
import type { TableReadScope } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type {
  LinkageDecisionInput,
  RectificationAnswer,
  RectificationEvidenceFile,
  RectificationProblem,
  RectificationStatus,
  RectificationTask,
} from '@jixiao/core/rectification/rectification.schema';
import { type OverallGrade, overallGradeSchema } from '@jixiao/core/scoring/scoring-scheme.schema';
import { type SqlBool, sql } from 'kysely';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

// Storage of 整改 tasks, their evidence files and budget-linkage decisions. Writes run in the caller's
// transaction and report what they changed; the server's use cases decide who may change what and write
// the audit entries in the same transaction.

interface TaskRow {
  id: string;
  table_id: string;
  problem_key: string;
  source: RectificationTask['source'];
  indicator_index: number | null;
  zh: string;
  en: string;
  deadline: string;
  status: RectificationStatus;
  measures: string | null;
  evidence: string | null;
  answered_at: Date | string | null;
  return_note: string | null;
  returned_at: Date | string | null;
  close_note: string | null;
  closed_at: Date | string | null;
  created_at: Date | string;
  name: string;
  unit: string;
  year: number;
}

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

function toTask(row: TaskRow, files: readonly RectificationEvidenceFile[]): RectificationTask {
  return {
    id: row.id,
    tableId: row.table_id,
    tableName: row.name,
    unit: row.unit,
    year: row.year,
    key: row.problem_key,
    source: row.source,
    indicatorIndex: row.indicator_index,
    zh: row.zh,
    en: row.en,
    deadline: row.deadline,
    status: row.status,
    measures: row.measures,
    evidence: row.evidence,
    files: [...files],
    answeredAt: iso(row.answered_at),
    returnNote: row.return_note,
    returnedAt: iso(row.returned_at),
    closeNote: row.close_note,
    closedAt: iso(row.closed_at),
    createdAt: iso(row.created_at) ?? '',
  };
}

const taskColumns = sql`r.id, r.table_id, r.problem_key, r.source, r.indicator_index, r.zh, r.en,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline, r.status, r.measures, r.evidence, r.answered_at, r.return_note,
  r.returned_at, r.close_note, r.closed_at, r.created_at, t.name, t.unit, t.year`;

/**
 * Stores a task per problem not yet opened for this table (the same problem twice opens nothing), with
 * the deadline, in the caller's transaction; returns the keys of the problems opened now.
 */
export async function insertRectifications(
  db: Database,
  input: { tableId: string; problems: readonly RectificationProblem[]; deadline: string; actor: AuditActor },
): Promise<string[]> {
  const opened: string[] = [];
  for (const p of input.problems) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO rectification_tasks (table_id, problem_key, source, indicator_index, zh, en, deadline, created_by)
      VALUES (${input.tableId}, ${p.key}, ${p.source}, ${p.indicatorIndex}, ${p.zh}, ${p.en}, ${input.deadline}::date,
        ${input.actor.userId})
      ON CONFLICT (table_id, problem_key) DO NOTHING
      RETURNING id`.execute(db);
    if (rows[0]) opened.push(p.key);
  }
  return opened;
}

export interface RectificationQuery {
  tableId?: string;
  status?: RectificationStatus;
  /** The caller's read scope: tasks of the organisations they read (never published-only: tasks are internal). */
  scope?: TableReadScope;
  limit?: number;
}

/** Tasks by deadline (oldest first), filtered by table, status and the caller's organisations. */
export async function listRectifications(
  db: Database,
  query: RectificationQuery,
): Promise<RectificationTask[]> {
  const scope = query.scope;
  const organisations = scope && !scope.all ? scope.organisationIds : null;
  if (organisations !== null && organisations.length === 0) return [];
  const { rows } = await sql<TaskRow>`
    SELECT ${taskColumns}
    FROM rectification_tasks r JOIN target_tables t ON t.id = r.table_id
    WHERE ${query.tableId === undefined ? sql<SqlBool>`true` : sql<SqlBool>`r.table_id = ${query.tableId}`}
      AND ${query.status === undefined ? sql<SqlBool>`true` : sql<SqlBool>`r.status = ${query.status}`}
      AND ${organisations === null ? sql<SqlBool>`true` : sql<SqlBool>`t.organisation_id = ANY(${organisations}::uuid[])`}
    ORDER BY r.deadline, r.created_at, r.indicator_index NULLS LAST, r.problem_key, r.id
    LIMIT ${query.limit ?? 200}`.execute(db);
  const files = await evidenceOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toTask(row, files.get(row.id) ?? []));
}

/** The evidence files (without their bytes) of these tasks, oldest first, by task. */
async function evidenceOf(
  db: Database,
  taskIds: readonly string[],
): Promise<Map<string, RectificationEvidenceFile[]>> {
  const byTask = new Map<string, RectificationEvidenceFile[]>();
  if (taskIds.length === 0) return byTask;
  const { rows } = await sql<{
    id: string;
    task_id: string;
    file_name: string;
    media_type: string;
    size: number;
    created_at: Date | string;
  }>`
    SELECT id, task_id, file_name, media_type, size, created_at FROM rectification_evidence
    WHERE task_id = ANY(${taskIds}::uuid[]) ORDER BY created_at, id`.execute(db);
  for (const row of rows) {
    const list = byTask.get(row.task_id) ?? [];
    list.push({
      id: row.id,
      name: row.file_name,
      mediaType: row.media_type,
      size: row.size,
      createdAt: iso(row.created_at) ?? '',
    });
    byTask.set(row.task_id, list);
  }
  return byTask;
}

/** A file to attach to a task's answer: its name as uploaded and its media type as read from its bytes. */
export interface EvidenceUpload {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

function evidenceNotFound(): AppError {
  return new AppError('rectification.evidence_not_found', '没有这个整改佐证文件', 'No such evidence file', {
    path: 'fileId',
  });
}

/** How many evidence files task `taskId` of `tableId` holds. */
export async function countRectificationEvidence(
  db: Database,
  tableId: string,
  taskId: string,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM rectification_evidence WHERE table_id = ${tableId} AND task_id = ${taskId}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Stores an evidence file of task `taskId` as `actor`, in the caller's transaction; reports its id, name,
 * type, size and SHA-256 for the audit entry.
 */
export async function insertRectificationEvidence(
  db: Database,
  input: { tableId: string; taskId: string; file: EvidenceUpload; actor: AuditActor },
): Promise<{ fileId: string; name: string; mediaType: string; size: number; sha256: string }> {
  const { tableId, taskId, file } = input;
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const { rows } = await sql<{ id: string }>`
    INSERT INTO rectification_evidence (table_id, task_id, file_name, media_type, size, sha256, bytes, created_by)
    VALUES (${tableId}, ${taskId}, ${file.name}, ${file.mediaType}, ${file.bytes.byteLength}, ${sha256},
      ${file.bytes}, ${input.actor.userId})
    RETURNING id`.execute(db);
  const fileId = rows[0]?.id;
  if (!fileId) throw new Error('evidence file not stored');
  return { fileId, name: file.name, mediaType: file.mediaType, size: file.bytes.byteLength, sha256 };
}

/**
 * Removes evidence file `fileId` of task `taskId`, in the caller's transaction; reports its name and
 * SHA-256; `rectification.evidence_not_found` when the task holds no such file.
 */
export async function deleteRectificationEvidence(
  db: Database,
  input: { tableId: string; taskId: string; fileId: string },
): Promise<{ fileId: string; name: string; sha256: string }> {
  const { rows } = await sql<{ file_name: string; sha256: string }>`
    DELETE FROM rectification_evidence
    WHERE table_id = ${input.tableId} AND task_id = ${input.taskId} AND id = ${input.fileId}
    RETURNING file_name, sha256`.execute(db);
  const removed = rows[0];
  if (!removed) throw evidenceNotFound();
  return { fileId: input.fileId, name: removed.file_name, sha256: removed.sha256 };
}

/** A stored evidence file: its bytes, name and media type, with the size and SHA-256 kept on upload. */
export interface StoredEvidence extends EvidenceUpload {
  size: number;
  sha256: string;
}

/** An evidence file's bytes, with its name, media type, size and SHA-256, for a download. */
export async function rectificationEvidenceFile(
  db: Database,
  input: { tableId: string; taskId: string; fileId: string },
): Promise<StoredEvidence> {
  const { rows } = await sql<{
    file_name: string;
    media_type: string;
    size: number | string;
    sha256: string;
    bytes: Uint8Array;
  }>`
    SELECT file_name, media_type, size, sha256, bytes FROM rectification_evidence
    WHERE table_id = ${input.tableId} AND task_id = ${input.taskId} AND id = ${input.fileId}`.execute(db);
  const row = rows[0];
  if (!row) throw evidenceNotFound();
  return {
    name: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    bytes: new Uint8Array(row.bytes),
  };
}

function notFound(): AppError {
  return new AppError('rectification.not_found', '没有这个整改任务', 'No such rectification task', {
    path: 'taskId',
  });
}

/** The status of task `taskId` of `tableId`, its row locked in the caller's transaction; 404 if none. */
export async function lockRectification(
  db: Database,
  tableId: string,
  taskId: string,
): Promise<RectificationStatus> {
  const { rows } = await sql<{ status: RectificationStatus }>`
    SELECT status FROM rectification_tasks WHERE id = ${taskId} AND table_id = ${tableId} FOR UPDATE`.execute(
    db,
  );
  const current = rows[0];
  if (!current) throw notFound();
  return current.status;
}

/** Task `taskId` of `tableId` as the API shows it; `rectification.not_found` when there is none. */
export async function getRectification(
  db: Database,
  tableId: string,
  taskId: string,
): Promise<RectificationTask> {
  const task = (await listRectifications(db, { tableId })).find((t) => t.id === taskId);
  if (!task) throw notFound();
  return task;
}

/** Stores the unit's answer to task `taskId` (its measures; the task becomes answered), in the caller's transaction. */
export async function storeRectificationAnswer(
  db: Database,
  taskId: string,
  answer: RectificationAnswer,
  actor: AuditActor,
): Promise<void> {
  await sql`UPDATE rectification_tasks SET status = 'answered', measures = ${answer.measures},
    evidence = ${answer.evidence ?? null}, answered_by = ${actor.userId}, answered_at = now()
    WHERE id = ${taskId}`.execute(db);
}

/** Closes task `taskId` with the reviewer's note, in the caller's transaction. */
export async function storeRectificationClose(
  db: Database,
  taskId: string,
  note: string | null,
  actor: AuditActor,
): Promise<void> {
  await sql`UPDATE rectification_tasks SET status = 'closed', close_note = ${note}, closed_by = ${actor.userId},
    closed_at = now() WHERE id = ${taskId}`.execute(db);
}

/** Sends answered task `taskId` back to the unit with the reviewer's reason (open again), in the caller's transaction. */
export async function storeRectificationReturn(
  db: Database,
  taskId: string,
  note: string,
  actor: AuditActor,
): Promise<void> {
  await sql`UPDATE rectification_tasks SET status = 'open', return_note = ${note},
    returned_by = ${actor.userId}, returned_at = now() WHERE id = ${taskId}`.execute(db);
}

/** Last year's self-evaluated table of the same project (same unit and name, year − 1), if any. */
export async function previousEvaluation(
  db: Database,
  table: { unit: string; name: string; year: number },
): Promise<{ tableId: string; year: number; total: number; grade: OverallGrade } | null> {
  const { rows } = await sql<{ table_id: string; year: number; total: number; grade: string }>`
    SELECT t.id AS table_id, t.year, se.total, se.grade
    FROM target_tables t JOIN self_evaluations se ON se.table_id = t.id
    WHERE t.unit = ${table.unit} AND t.name = ${table.name} AND t.year = ${table.year - 1}
    ORDER BY se.updated_at DESC LIMIT 1`.execute(db);
  const row = rows[0];
  const grade = overallGradeSchema.safeParse(row?.grade);
  return row && grade.success
    ? { tableId: row.table_id, year: row.year, total: Number(row.total), grade: grade.data }
    : null;
}

/** Stores the reviewer's budget-linkage decision on a table, replacing an earlier one, in the caller's transaction. */
export async function storeLinkageDecision(
  db: Database,
  input: {
    tableId: string;
    previous: { tableId: string; grade: string } | null;
    suggestion: string | null;
    decision: LinkageDecisionInput;
    actor: AuditActor;
  },
): Promise<void> {
  await sql`
    INSERT INTO budget_linkage_decisions (table_id, previous_table_id, previous_grade, suggestion, decision, reason, decided_by)
    VALUES (${input.tableId}, ${input.previous?.tableId ?? null}, ${input.previous?.grade ?? null}, ${input.suggestion},
      ${input.decision.decision}, ${input.decision.reason}, ${input.actor.userId})
    ON CONFLICT (table_id) DO UPDATE SET previous_table_id = excluded.previous_table_id,
      previous_grade = excluded.previous_grade, suggestion = excluded.suggestion, decision = excluded.decision,
      reason = excluded.reason, decided_by = excluded.decided_by, decided_at = now()`.execute(db);
}

/** The decision recorded on a table, if any. */
export async function getLinkageDecision(
  db: Database,
  tableId: string,
): Promise<{ decision: LinkageDecisionInput['decision']; reason: string; decidedAt: string } | null> {
  const { rows } = await sql<{
    decision: LinkageDecisionInput['decision'];
    reason: string;
    decided_at: Date | string;
  }>`
    SELECT decision, reason, decided_at FROM budget_linkage_decisions WHERE table_id = ${tableId}`.execute(
    db,
  );
  const row = rows[0];
  return row ? { decision: row.decision, reason: row.reason, decidedAt: iso(row.decided_at) ?? '' } : null;
}

/**
 * 整改 tasks by status over the tables of `organisationIds` (null: all) and `year` (null: every year), and
 * how many not closed are past their deadline on Beijing's calendar: the dashboard's figures.
 */
export async function rectificationCounts(
  db: Database,
  filter: { organisationIds: readonly string[] | null; year: number | null },
): Promise<{ open: number; answered: number; closed: number; overdue: number }> {
  const counts = { open: 0, answered: 0, closed: 0, overdue: 0 };
  if (filter.organisationIds !== null && filter.organisationIds.length === 0) return counts;
  const { rows } = await sql<{ status: RectificationStatus; n: number; overdue: number }>`
    SELECT r.status, count(*)::int AS n,
      count(*) FILTER (WHERE r.status <> 'closed' AND r.deadline < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int
        AS overdue
    FROM rectification_tasks r JOIN target_tables t ON t.id = r.table_id
    WHERE ${filter.year === null ? sql<SqlBool>`true` : sql<SqlBool>`t.year = ${filter.year}`}
      AND ${filter.organisationIds === null ? sql<SqlBool>`true` : sql<SqlBool>`t.organisation_id = ANY(${[...filter.organisationIds]}::uuid[])`}
    GROUP BY r.status`.execute(db);
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.overdue += row.overdue;
  }
  return counts;
}
