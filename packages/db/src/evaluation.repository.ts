import { type MonitoringReport, monitoringReportSchema } from '@jixiao/core/monitoring/monitoring.schema';
import type { Light } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import {
  type ScoreAdjustment,
  type SelfEvaluationEntry,
  selfEvaluationEntrySchema,
} from '@jixiao/core/scoring/self-evaluation.schema';
import {
  type ClaimCause,
  claimCauseSchema,
  type RecheckItem,
} from '@jixiao/core/scoring/self-evaluation-claim.schema';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';
import type { DB } from './db-schema.ts';

// Storage of monitoring reports, self-evaluations and reviewers' score adjustments. The server computes
// lights and scores with core; this file keeps what was entered (validated again when read back) and the
// figures lists sort by. The server's use cases write each change's audit row in the change's transaction.

type Executor = Kysely<DB> | Transaction<DB>;

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export interface StoredMonitoringReport {
  tableId: string;
  tableVersion: number;
  schemeId: string;
  report: MonitoringReport;
  light: Light;
  risk: number;
  updatedBy: string | null;
  updatedAt: string;
}

/**
 * Saves (inserts or replaces) the report of one table and cut-off month. The caller runs it in the
 * transaction that writes its audit entry (and confirms the import it came from, if any).
 */
export async function saveMonitoringReport(
  db: Executor,
  input: {
    tableId: string;
    tableVersion: number;
    schemeId: string;
    report: MonitoringReport;
    light: Light;
    risk: number;
    /** Corrective measures the report lacks (core's missingMeasureCount of its assessment). */
    missingMeasures: number;
    /** Who saves it (kept as the report's last editor). */
    actor: AuditActor;
  },
): Promise<void> {
  const row = {
    table_id: input.tableId,
    cut_off_month: input.report.cutOffMonth,
    table_version: input.tableVersion,
    scheme_id: input.schemeId,
    report: JSON.stringify(input.report),
    light: input.light,
    risk: input.risk,
    missing_measures: input.missingMeasures,
    updated_by: input.actor.userId,
    updated_at: new Date(),
  };
  await db
    .insertInto('monitoring_reports')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['table_id', 'cut_off_month']).doUpdateSet({
        table_version: row.table_version,
        scheme_id: row.scheme_id,
        report: row.report,
        light: row.light,
        risk: row.risk,
        missing_measures: row.missing_measures,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** The report of a table at a cut-off month, or null. */
export async function getMonitoringReport(
  db: Database,
  tableId: string,
  cutOffMonth: number,
): Promise<StoredMonitoringReport | null> {
  const row = await db
    .selectFrom('monitoring_reports')
    .selectAll()
    .where('table_id', '=', tableId)
    .where('cut_off_month', '=', cutOffMonth)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tableId: row.table_id,
    tableVersion: row.table_version,
    schemeId: row.scheme_id,
    report: monitoringReportSchema.parse(row.report),
    light: row.light as Light,
    risk: row.risk,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
  };
}

/** The cut-off month of a table's latest monitoring report, or null when none was entered. */
export async function latestMonitoringMonth(db: Database, tableId: string): Promise<number | null> {
  const row = await db
    .selectFrom('monitoring_reports')
    .select('cut_off_month')
    .where('table_id', '=', tableId)
    .orderBy('cut_off_month', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cut_off_month ?? null;
}

export interface MonitoringOverviewRow {
  tableId: string;
  name: string;
  unit: string;
  year: number;
  organisationId: string | null;
  status: string;
  cutOffMonth: number;
  light: Light;
  risk: number;
  updatedAt: string;
}

export interface MonitoringOverviewQuery {
  /** null: every organisation (finance, auditors); else only tables of these organisations. */
  organisationIds: readonly string[] | null;
  year?: number | undefined;
  cutOffMonth?: number | undefined;
  sort: 'risk' | 'name' | 'unit' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
}

// The columns of its target table (`t`) a row of a list names the table by, and those as the list gives them.
const listedTableColumns = ['t.name', 't.unit', 't.year', 't.organisation_id', 't.status'] as const;

function listedTable(
  r: Pick<Selectable<DB['target_tables']>, 'name' | 'unit' | 'year' | 'organisation_id' | 'status'>,
) {
  return { name: r.name, unit: r.unit, year: r.year, organisationId: r.organisation_id, status: r.status };
}

/** Latest monitoring lights of many tables (a unit, a department or the region), sortable by risk. */
export async function monitoringOverview(
  db: Database,
  query: MonitoringOverviewQuery,
): Promise<MonitoringOverviewRow[]> {
  if (query.organisationIds !== null && query.organisationIds.length === 0) return [];
  let q = db
    .selectFrom('monitoring_reports as m')
    .innerJoin('target_tables as t', 't.id', 'm.table_id')
    .select(['m.table_id', ...listedTableColumns, 'm.cut_off_month', 'm.light', 'm.risk', 'm.updated_at']);
  if (query.organisationIds !== null) q = q.where('t.organisation_id', 'in', [...query.organisationIds]);
  if (query.year !== undefined) q = q.where('t.year', '=', query.year);
  if (query.cutOffMonth !== undefined) q = q.where('m.cut_off_month', '=', query.cutOffMonth);
  const column = {
    risk: 'm.risk',
    name: 't.name',
    unit: 't.unit',
    updatedAt: 'm.updated_at',
  } as const satisfies Record<MonitoringOverviewQuery['sort'], string>;
  const rows = await q
    .orderBy(column[query.sort], query.order)
    .orderBy('m.table_id')
    .orderBy('m.cut_off_month', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    tableId: r.table_id,
    ...listedTable(r),
    cutOffMonth: r.cut_off_month,
    light: r.light as Light,
    risk: r.risk,
    updatedAt: iso(r.updated_at),
  }));
}

export interface StoredAdjustment extends ScoreAdjustment {
  id: string;
  /** A re-check decision: the reviewer accepted the unit's claim or the rule's score; null otherwise. */
  decision: 'claim' | 'rule' | null;
  computedScore: number;
  adjustedBy: string | null;
  adjustedAt: string;
}

export interface StoredSelfEvaluation {
  tableId: string;
  tableVersion: number;
  schemeId: string;
  /** The entry with the reviewers' adjustments in force (the latest one per row). */
  entry: SelfEvaluationEntry;
  adjustments: StoredAdjustment[];
  total: number;
  grade: string;
  complete: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

/** What the re-check list sorts and filters by, from the score's claim comparison. */
export interface RecheckFigures {
  claimedTotal: number | null;
  ruleTotal: number;
  gap: number | null;
  causes: readonly string[];
}

/**
 * Saves what the author entered (adjustments are kept apart). With `recheck` (the entry carries the
 * unit's claim) the re-check list's figures are kept. The caller runs it in the transaction that writes
 * its audit entry (and confirms the import it came from, if any).
 */
export async function saveSelfEvaluation(
  db: Executor,
  input: {
    tableId: string;
    tableVersion: number;
    schemeId: string;
    entry: SelfEvaluationEntry;
    total: number;
    grade: string;
    complete: boolean;
    /** Who saves it (kept as the self-evaluation's last editor). */
    actor: AuditActor;
    recheck?: RecheckFigures | null | undefined;
  },
): Promise<void> {
  const entry = { ...input.entry, adjustments: [] };
  const recheck = input.recheck ?? null;
  const row = {
    table_id: input.tableId,
    table_version: input.tableVersion,
    scheme_id: input.schemeId,
    entry: JSON.stringify(entry),
    total: input.total,
    grade: input.grade,
    complete: input.complete,
    updated_by: input.actor.userId,
    updated_at: new Date(),
    claimed_total: recheck?.claimedTotal ?? null,
    rule_total: recheck?.ruleTotal ?? null,
    gap: recheck?.gap ?? null,
    causes: JSON.stringify(recheck?.causes ?? []),
    has_claim: recheck !== null,
  };
  await db
    .insertInto('self_evaluations')
    .values(row)
    .onConflict((oc) =>
      oc.column('table_id').doUpdateSet({
        table_version: row.table_version,
        scheme_id: row.scheme_id,
        entry: row.entry,
        total: row.total,
        grade: row.grade,
        complete: row.complete,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
        claimed_total: row.claimed_total,
        rule_total: row.rule_total,
        gap: row.gap,
        causes: row.causes,
        has_claim: row.has_claim,
      }),
    )
    .execute();
}

/** The self-evaluation of a table with its adjustments (latest per row in `entry.adjustments`), or null. */
export async function getSelfEvaluation(db: Database, tableId: string): Promise<StoredSelfEvaluation | null> {
  const row = await db
    .selectFrom('self_evaluations')
    .selectAll()
    .where('table_id', '=', tableId)
    .executeTakeFirst();
  if (!row) return null;
  const adjustmentRows = await db
    .selectFrom('score_adjustments')
    .selectAll()
    .where('table_id', '=', tableId)
    .orderBy('adjusted_at')
    .orderBy('id')
    .execute();
  const adjustments: StoredAdjustment[] = adjustmentRows.map((a) => ({
    id: a.id,
    target: a.target === 'execution' ? 'execution' : Number(a.target),
    score: a.score,
    computedScore: a.computed_score,
    reason: a.reason,
    decision: a.decision === 'claim' || a.decision === 'rule' ? a.decision : null,
    adjustedBy: a.adjusted_by,
    adjustedAt: iso(a.adjusted_at),
  }));
  const latest = new Map<string, ScoreAdjustment>();
  for (const a of adjustments)
    latest.set(String(a.target), { target: a.target, score: a.score, reason: a.reason });
  const entry = selfEvaluationEntrySchema.parse(row.entry);
  return {
    tableId: row.table_id,
    tableVersion: row.table_version,
    schemeId: row.scheme_id,
    entry: { ...entry, adjustments: [...latest.values()] },
    adjustments,
    total: row.total,
    grade: row.grade,
    complete: row.complete,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
  };
}

/**
 * Records a reviewer's adjustment of one score with its reason and updates the stored total and grade:
 * two writes, so the caller runs it in a transaction (the one that writes its audit entry).
 */
export async function addScoreAdjustment(
  trx: Executor,
  input: {
    tableId: string;
    adjustment: ScoreAdjustment;
    computedScore: number;
    total: number;
    grade: string;
    /** Who adjusts (kept with the adjustment). */
    actor: AuditActor;
    decision?: 'claim' | 'rule' | undefined;
  },
): Promise<void> {
  await trx
    .insertInto('score_adjustments')
    .values({
      table_id: input.tableId,
      target: String(input.adjustment.target),
      computed_score: input.computedScore,
      score: input.adjustment.score,
      reason: input.adjustment.reason,
      decision: input.decision ?? null,
      adjusted_by: input.actor.userId,
    })
    .execute();
  await trx
    .updateTable('self_evaluations')
    .set({ total: input.total, grade: input.grade })
    .where('table_id', '=', input.tableId)
    .execute();
}

export interface RecheckQuery {
  /** null: every organisation (finance, auditors); else only tables of these organisations. */
  organisationIds: readonly string[] | null;
  year?: number | undefined;
  cause?: string | undefined;
  limit: number;
}

const isClaimCause = (value: unknown): value is ClaimCause => claimCauseSchema.safeParse(value).success;

/**
 * Self-evaluations that carry the unit's claim (imported 自评表), largest gap between the claimed and
 * the rules' totals first (no comparable total last); filtered by organisations, year and cause.
 */
export async function recheckList(db: Database, query: RecheckQuery): Promise<RecheckItem[]> {
  if (query.organisationIds !== null && query.organisationIds.length === 0) return [];
  let q = db
    .selectFrom('self_evaluations as s')
    .innerJoin('target_tables as t', 't.id', 's.table_id')
    .select([
      's.table_id',
      ...listedTableColumns,
      't.kind',
      's.scheme_id',
      's.claimed_total',
      's.rule_total',
      's.gap',
      's.total',
      's.grade',
      's.causes',
      's.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('score_adjustments as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.table_id', '=', 's.table_id')
        .where('a.decision', 'is not', null)
        .as('decisions'),
    )
    .where('s.has_claim', '=', true);
  if (query.organisationIds !== null) q = q.where('t.organisation_id', 'in', [...query.organisationIds]);
  if (query.year !== undefined) q = q.where('t.year', '=', query.year);
  if (query.cause !== undefined) {
    q = q.where(sql<boolean>`s.causes @> ${JSON.stringify([query.cause])}::jsonb`);
  }
  const rows = await q
    .orderBy(sql`abs(s.gap) desc nulls last`)
    .orderBy('t.name')
    .orderBy('s.table_id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    tableId: r.table_id,
    ...listedTable(r),
    kind: r.kind,
    schemeId: r.scheme_id,
    claimedTotal: r.claimed_total,
    ruleTotal: r.rule_total,
    gap: r.gap,
    total: r.total,
    grade: r.grade,
    causes: Array.isArray(r.causes) ? r.causes.filter(isClaimCause) : [],
    decisions: Number(r.decisions ?? 0),
    updatedAt: iso(r.updated_at),
  }));
}
