import { AppError } from '@jixiao/core/errors/app-error';
import type { ErrorCode } from '@jixiao/core/errors/error-codes';
import type { MonitoringNote } from '@jixiao/core/monitoring/monitoring.schema';
import { monitoringReportFromImport } from '@jixiao/core/monitoring/monitoring-import';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import {
  type ImportCandidate,
  type ImportConfirm,
  type ImportResult,
  type MonitoringMatch,
  type ShownFormQuery,
  tableListQuerySchema,
} from '@jixiao/core/tables/table-record.schema';
import { searchKey } from '@jixiao/core/text/search-key';
import type { Database } from '@jixiao/db/database';
import { createTableRepository, type ImportPreviewRecord } from '@jixiao/db/tables.repository';
import { mainTable } from '@jixiao/import/mapping/mapped-table';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { enterableTable } from '../guards/table.guards.ts';
import { recordMonitoringReport } from './monitoring.ts';

// Confirming an uploaded 绩效运行监控表: it fills the monitoring report of a table the user reports on,
// through the same check (table.report), storage and audit as PUT /api/tables/:id/monitoring/:month.

/** Whether a confirmed import is a monitoring form rather than tables to create. */
export function isMonitoringImport(tables: readonly PerformanceTable[]): boolean {
  return tables.some((table) => table.monitoring != null);
}

/** The tables of the uploader's unit and the form's year that take monitoring reports (approved or published). */
export async function candidatesFor(
  db: Database,
  organisationId: string | null,
  year: number,
): Promise<ImportCandidate[]> {
  if (organisationId === null) return [];
  const list = await createTableRepository(db).list(
    tableListQuerySchema.parse({ year, kind: 'target', sort: 'name', order: 'asc', pageSize: 200 }),
    { scope: { all: false, organisationIds: [organisationId], published: false } },
  );
  return list.items
    .filter((item) => item.status === 'approved' || item.status === 'published')
    .map((item) => ({
      tableId: item.id,
      name: item.name,
      unit: item.unit,
      year: item.year,
      status: item.status,
    }));
}

/**
 * Where a monitoring form goes: the one table of the uploader's unit and the form's year with the same
 * project name (as search compares names; two of one name: the same unit name decides), and the tables
 * the user may choose from otherwise (all that year's when none has the name, else those of the name).
 */
export async function monitoringTableFor(
  db: Database,
  preview: ImportPreviewRecord,
  form: PerformanceTable,
): Promise<{ tableId: string | null; candidates: ImportCandidate[] }> {
  const candidates = await candidatesFor(db, preview.organisationId, form.year);
  const sameName = candidates.filter((c) => searchKey(c.name) === searchKey(form.name));
  const sameUnit = sameName.filter((c) => searchKey(c.unit) === searchKey(form.unit));
  const found = sameName.length === 1 ? sameName : sameUnit.length === 1 ? sameUnit : sameName;
  if (found.length === 1 && found[0]) return { tableId: found[0].tableId, candidates };
  return { tableId: null, candidates: found.length > 1 ? found : candidates };
}

/**
 * The form whose table is looked for, as the user shows it: the preview's tables (the mapped ones when
 * the user mapped columns), the main one taken as the kind the user chose when the reader found another,
 * with the name, unit and year as edited. Undefined when no table is of the kind.
 */
export function shownForm(
  preview: ImportPreviewRecord,
  kind: 'monitoring' | 'self-evaluation',
  shown: ShownFormQuery,
): PerformanceTable | undefined {
  const tables = preview.mapped?.tables ?? preview.tables;
  const read =
    kind === 'monitoring'
      ? tables.find((table) => table.monitoring != null)
      : tables.find((table) => table.kind === 'self-evaluation' && table.monitoring == null);
  const chosen = shown.kind === kind ? mainTable(tables) : undefined;
  const form =
    read ??
    (chosen &&
      (kind === 'monitoring'
        ? { ...chosen, monitoring: chosen.monitoring ?? { cutOffMonth: null } }
        : { ...chosen, kind: 'self-evaluation' as const, monitoring: null }));
  if (!form) return undefined;
  return {
    ...form,
    ...(shown.name ? { name: shown.name } : {}),
    ...(shown.unit ? { unit: shown.unit } : {}),
    ...(shown.year ? { year: shown.year } : {}),
  };
}

/**
 * Before confirming: where the previewed monitoring form would go and the choices, with what importing it
 * into that table (or the one the user chose, checked like the confirmation) would leave out. The month
 * is chosen on the same screen, so its absence is not one of the problems here.
 */
export async function monitoringMatch(
  caller: Caller,
  db: Database,
  preview: ImportPreviewRecord,
  chosen: string | undefined,
  shown: ShownFormQuery = {},
): Promise<MonitoringMatch> {
  const form = shownForm(preview, 'monitoring', shown);
  if (!form) return { tableId: null, candidates: [], problems: [] };
  const found = await monitoringTableFor(db, preview, form);
  const tableId = chosen ?? found.tableId;
  if (tableId === null) return { ...found, problems: [] };
  const record = await enterableTable(caller, db, tableId);
  const { problems } = monitoringReportFromImport(form, record.table, {
    cutOffMonth: form.monitoring?.cutOffMonth ?? DEFAULT_MONITORING_SCHEME.cutOffMonth,
  });
  return { ...found, problems: [...otherProject(form, record.table), ...problems] };
}

/** A note when the user put the form of one project into the table of another. */
function otherProject(form: PerformanceTable, table: PerformanceTable): MonitoringNote[] {
  if (searchKey(table.name) === searchKey(form.name)) return [];
  return [
    {
      code: 'monitoring_import.other_project',
      severity: 'warning',
      zh: `监控表的项目“${form.name}”按您的选择导入到“${table.name}”。`,
      en: `The form of "${form.name}" goes into "${table.name}" as you chose.`,
      path: 'name',
    },
  ];
}

/** The one table the form names, or a 409 with the choices. */
/** The errors a filled form raises when it finds no single table of its own (the user then chooses one). */
export interface UnmatchedForm {
  ambiguous(form: PerformanceTable, count: number): { code: ErrorCode; zh: string; en: string };
  missing(form: PerformanceTable, count: number): { code: ErrorCode; zh: string; en: string };
}

/**
 * The table a filled form (monitoring or 自评表) goes to, as monitoringTableFor finds it; otherwise the
 * form's error with the tables to choose from: those of its name when several share it, else the year's.
 */
export async function matchingTable(
  db: Database,
  preview: ImportPreviewRecord,
  form: PerformanceTable,
  unmatched: UnmatchedForm,
): Promise<string> {
  const { tableId, candidates } = await monitoringTableFor(db, preview, form);
  if (tableId !== null) return tableId;
  const ambiguous = candidates.filter((c) => searchKey(c.name) === searchKey(form.name));
  const [message, choices] =
    ambiguous.length > 1
      ? [unmatched.ambiguous(form, ambiguous.length), ambiguous]
      : [unmatched.missing(form, candidates.length), candidates];
  throw new AppError(message.code, message.zh, message.en, { path: 'tableId' }, { candidates: choices });
}

const unmatchedMonitoringForm: UnmatchedForm = {
  ambiguous: (form, count) => ({
    code: 'import.monitoring_ambiguous',
    zh: `本单位 ${form.year} 年有 ${count} 张名为“${form.name}”的绩效目标表，请选择监控表对应的一张。`,
    en: `Your unit has ${count} tables named "${form.name}" in ${form.year}: choose the one the form reports on.`,
  }),
  missing: (form, count) => ({
    code: 'import.monitoring_no_table',
    zh:
      count > 0
        ? `本单位 ${form.year} 年没有名为“${form.name}”的已批复绩效目标表，请从本单位当年的 ${count} 张表中选择。`
        : `本单位 ${form.year} 年没有可填报监控的绩效目标表（已批复或已公开），“${form.name}”的监控表无法导入。`,
    en:
      count > 0
        ? `Your unit has no approved table named "${form.name}" in ${form.year}: choose one of its ${count} tables that year.`
        : `Your unit has no approved or published table in ${form.year} to take the monitoring form of "${form.name}".`,
  }),
};

/**
 * Fills the monitoring report of the table a confirmed monitoring form belongs to (found, or chosen by
 * `tableId`) at the printed or chosen month; saved with the import's confirmation in one transaction.
 */
export async function confirmMonitoringImport(
  caller: Caller,
  db: Database,
  preview: ImportPreviewRecord,
  body: ImportConfirm,
): Promise<ImportResult> {
  const [form, ...more] = body.tables;
  if (!form || more.length > 0) {
    throw new AppError(
      'import.monitoring_one_form',
      '一次只能导入一张绩效运行监控表；请分开上传各项目的监控表。',
      'Import one monitoring form at a time: upload each project’s form on its own.',
      { path: 'tables' },
    );
  }
  const tableId = body.tableId ?? (await matchingTable(db, preview, form, unmatchedMonitoringForm));
  const record = await enterableTable(caller, db, tableId);
  const built = monitoringReportFromImport(form, record.table, { cutOffMonth: body.cutOffMonth });
  if (!built.report) {
    throw new AppError(
      'import.monitoring_month_missing',
      '监控表没有印出截至月份，请选择监控月份（1–12 月）。',
      'The form does not print its cut-off month: choose the month (1–12).',
      { path: 'cutOffMonth' },
    );
  }
  const problems = [...otherProject(form, record.table), ...built.problems];
  const report = built.report;
  await recordMonitoringReport(db, record, report, auditActorOf(caller), preview.id);
  return {
    importId: preview.id,
    records: [],
    monitoring: {
      tableId: record.id,
      name: record.table.name,
      unit: record.table.unit,
      year: record.table.year,
      cutOffMonth: report.cutOffMonth,
      indicatorCount: report.indicators.length,
      problems,
    },
  };
}
