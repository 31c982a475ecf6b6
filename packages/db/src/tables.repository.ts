import { createHash, randomUUID } from 'node:crypto';
import type { TableReadScope } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { KeptMapping, UsedTemplate } from '@jixiao/core/tables/column-mapping.schema';
import type { PerformanceTable, Warning } from '@jixiao/core/tables/table.schema';
import { duplicateActionRefused, duplicateError, sameProjectName } from '@jixiao/core/tables/table-duplicate';
import {
  type DuplicateChoice,
  type DuplicateFound,
  type ExistingTable,
  TABLE_LIST_COUNT_CAP,
  type TableList,
  type TableListQuery,
  type TableRecord,
  type TableStatus,
  type TableSummary,
  type TableVersionSummary,
} from '@jixiao/core/tables/table-record.schema';
import type { Actor, SourceFile, TableStore, TableVersion } from '@jixiao/core/tables/table-store';
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import { reviewFindingsColumn } from './analytics.repository.ts';
import { type AuditEntry, writeAudit, writeAuditMany } from './audit.repository.ts';
import type { Database } from './database.ts';
import type { DB } from './db-schema.ts';
import { searchCountCap, searchWindow } from './published-tables.repository.ts';
import {
  bigramsValue,
  containsPattern,
  normalizeSearch,
  searchBigrams,
  searchTextOf,
} from './search-text.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A previewed import as kept until the user confirms it. */
export interface ImportPreviewRecord {
  id: string;
  fileName: string;
  mediaType: string;
  status: 'preview' | 'confirmed';
  sourceText: string;
  tables: PerformanceTable[];
  warnings: Warning[];
  organisationId: string | null;
  createdAt: string;
  /** The layout template that read the file, when one did. */
  template: UsedTemplate | null;
  /** A workbook's lines as cells (column mapping reads a sheet range's columns from them). */
  sourceCells?: ({ sheet: string; cells: string[] } | null)[];
  /** The last re-read through a column mapping, when the user mapped columns. */
  mapped?: KeptMapping;
}

/** Which tables a list may show: all, or some organisations' plus every published one (policies). */
export type ListScope = TableReadScope;

/** The TableStore contract plus what the import API needs (previews kept with their bytes). */
export interface TableRepository extends TableStore {
  /** A page of tables; `total` counts up to `countCap` (default TABLE_LIST_COUNT_CAP), then `totalCapped`. */
  list(
    query: TableListQuery,
    options?: { scope?: ListScope; countCap?: number; searchWindow?: number },
  ): Promise<TableList>;
  versionSummaries(id: string): Promise<TableVersionSummary[]>;
  getImport(id: string): Promise<ImportPreviewRecord>;
  /** Keeps a re-read through a column mapping with a preview not yet confirmed (the last one wins). */
  saveMapped(id: string, mapped: KeptMapping): Promise<void>;
  importFile(id: string): Promise<SourceFile>;
  /** Per table index: the stored tables of the same organisation, kind, project (by name) and year. */
  findDuplicates(
    tables: PerformanceTable[],
    organisationId: string | null,
  ): Promise<Map<number, ExistingTable[]>>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tableNotFound(id: string): AppError {
  return new AppError('table.not_found', `找不到绩效目标表（${id}）`, `No target table ${id}`, {
    path: 'id',
  });
}

function versionConflict(expected: number, current: number): AppError {
  return new AppError(
    'table.version_conflict',
    `保存冲突：您编辑的是第 ${expected} 版，此表已被他人保存为第 ${current} 版。您的修改没有丢失，也没有覆盖他人的修改；请刷新查看最新版本，合并后再保存。`,
    `Save conflict: you edited version ${expected}, but someone else has saved version ${current} since. Your changes are not lost and nothing was overwritten; reload the latest version, merge, and save again.`,
    { path: 'version' },
  );
}

function yearTaken(table: PerformanceTable): AppError {
  return new AppError(
    'table.year_conflict',
    `项目「${table.name}」已有 ${table.year} 年度的绩效目标表，不能重复创建；请在目标表列表中打开已有的表编辑。`,
    `The project “${table.name}” already has a target table for ${table.year}; open that table from the list instead of creating a duplicate.`,
    { path: 'year' },
  );
}

/** Only a draft is deleted outright; a table under review is returned first. */
export function draftOnly(): AppError {
  return new AppError(
    'table.not_editable',
    '只能删除草稿状态的绩效目标表；已提交或已审核的表需退回后处理',
    'Only draft tables can be deleted; submitted or reviewed tables must be returned first',
    { path: 'status' },
  );
}

function importNotFound(id: string): AppError {
  return new AppError('import.not_found', `找不到导入记录（${id}）`, `No import ${id}`, { path: 'importId' });
}

function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function auditActor(actor: Actor): AuditEntry['actor'] {
  return { userId: actor.userId, address: actor.address ?? null };
}

/**
 * Errors and warnings of the automatic review, summed from the row's `review_findings` (counts per rule,
 * kept with the content). A row loaded in bulk and not yet reviewed has none, and counts 0.
 */
function reviewCounts(column: unknown): { reviewErrorCount: number; reviewWarningCount: number } {
  const counts = (typeof column === 'string' ? JSON.parse(column) : column) as
    | { severity: string; count: number }[]
    | null;
  let reviewErrorCount = 0;
  let reviewWarningCount = 0;
  for (const entry of Array.isArray(counts) ? counts : []) {
    if (entry.severity === 'error') reviewErrorCount += entry.count;
    else if (entry.severity === 'warning') reviewWarningCount += entry.count;
  }
  return { reviewErrorCount, reviewWarningCount };
}

/** Columns derived from a table's content, kept beside it for listing, sorting and search. */
export type DerivedColumns = ReturnType<typeof derivedColumns>;

/**
 * Columns derived from a table's content, kept beside it for listing, sorting and search. Writers that
 * can compute them before their transaction pass them in: on PGlite the transaction holds the one
 * session every request takes in turn, and for a table at the schema's limits this is 10-30 ms of CPU.
 */
export function derivedColumns(table: PerformanceTable) {
  const searchText = searchTextOf(table);
  return {
    kind: table.kind,
    year: table.year,
    unit: table.unit,
    name: table.name,
    current_year_budget: table.budget.currentYear ?? null,
    indicator_count: table.indicators.length,
    warning_count: table.warnings.length,
    search_text: searchText,
    // Computed here, not by the database: on PGlite every statement runs in the server's one session,
    // and for a table of varied text its bigrams cost more than indexing them (see searchBigrams).
    search_grams: searchBigrams(searchText),
    content: JSON.stringify(table),
    // Counted here, with the content, so that the dashboard's top problems are a sum, not a review.
    review_findings: reviewFindingsColumn(table),
  };
}

/** Derived columns as a write sends them (the bigrams as one text the database splits). */
function writtenDerived(derived: DerivedColumns) {
  return { ...derived, search_grams: bigramsValue(derived.search_grams) };
}

/**
 * The indicator rows of a table (one per indicator, in order). The repository's own writes read the same
 * rows out of the stored content in SQL (indicatorsOfWritten); its test holds the two to the same rows.
 */
export function indicatorRows(tableId: string, table: PerformanceTable) {
  return table.indicators.map((indicator, position) => ({
    table_id: tableId,
    position,
    level1: indicator.level1,
    level2: indicator.level2,
    name: indicator.name,
    target_raw: indicator.target.raw,
    target_kind: indicator.target.kind,
    operator: indicator.target.operator,
    value: indicator.target.value,
    unit: indicator.target.unit,
    direction: indicator.direction ?? null,
    weight: indicator.weight ?? null,
  }));
}

interface TableRow {
  id: string;
  version: number;
  status: string;
  organisation_id: string | null;
  content: unknown;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: TableRow): TableRecord {
  return {
    id: row.id,
    version: row.version,
    status: row.status as TableStatus,
    organisationId: row.organisation_id,
    table: row.content as PerformanceTable,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

const recordColumns = [
  'id',
  'version',
  'status',
  'organisation_id',
  'content',
  'created_at',
  'updated_at',
] as const;

/** Finds or creates the project (unit + name) of each table; returns project ids in table order. */
async function upsertProjects(
  trx: Executor,
  tables: PerformanceTable[],
  organisationId: string | null,
): Promise<string[]> {
  const key = (unit: string, name: string) => `${unit}\u0000${name}`;
  const unique = new Map<string, { unit: string; name: string; code: string | null }>();
  for (const table of tables) {
    unique.set(key(table.unit, table.name), { unit: table.unit, name: table.name, code: table.code ?? null });
  }
  const ids = new Map<string, string>();
  for (const batch of chunks([...unique.values()], 5000)) {
    const rows = await trx
      .insertInto('projects')
      .values(batch.map((p) => ({ ...p, organisation_id: organisationId })))
      // A no-op update so RETURNING also yields the ids of projects that already exist.
      .onConflict((oc) =>
        oc.columns(['unit', 'name']).doUpdateSet((eb) => ({
          code: eb.fn.coalesce('projects.code', 'excluded.code'),
          organisation_id: eb.fn.coalesce('projects.organisation_id', 'excluded.organisation_id'),
        })),
      )
      .returning(['id', 'unit', 'name'])
      .execute();
    for (const row of rows) ids.set(key(row.unit, row.name), row.id);
  }
  return tables.map((table) => ids.get(key(table.unit, table.name))!);
}

/** Inserts new tables (version 1, draft) with their first version and indicators. */
async function insertTables(
  trx: Executor,
  tables: PerformanceTable[],
  actor: Actor,
  options: { organisationId: string | null; importId: string | null; derived?: DerivedColumns[] },
): Promise<TableRecord[]> {
  if (tables.length === 0) return [];
  const projectIds = await upsertProjects(trx, tables, options.organisationId);
  const now = new Date();
  const rows = tables.map((table, index) => ({
    id: randomUUID(),
    project_id: projectIds[index]!,
    organisation_id: options.organisationId,
    import_id: options.importId,
    version: 1,
    status: 'draft',
    ...writtenDerived(options.derived?.[index] ?? derivedColumns(table)),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  }));
  // About 18 parameters a row; PostgreSQL allows 65,535 a statement.
  for (const batch of chunks(rows, 1000)) {
    await trx
      .with('written', (qc) => qc.insertInto('target_tables').values(batch).returning(writtenColumns))
      .insertInto('indicators')
      .columns(indicatorColumns)
      .expression(indicatorsOfWritten)
      .execute();
    await copyVersions(
      trx,
      batch.map((row) => row.id),
      { by: actor.userId, reason: null },
    );
  }
  return rows.map((row, index) => ({
    id: row.id,
    version: 1,
    status: 'draft' as const,
    organisationId: row.organisation_id,
    table: tables[index]!,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }));
}

/** The `table.create` audit entries of tables the storage contract's own writes insert (seeding, tests). */
async function auditCreated(
  trx: Executor,
  records: TableRecord[],
  actor: Actor,
  importId: string | null,
): Promise<void> {
  await writeAuditMany(
    trx,
    records.map((record) => ({
      actor: auditActor(actor),
      action: 'table.create',
      entity: 'table',
      entityId: record.id,
      diff: { year: record.table.year, unit: record.table.unit, name: record.table.name, importId },
    })),
  );
}

/**
 * Per table index: the stored tables of the same organisation, kind and year whose project name is the
 * same as search compares names (without an organisation, the unit's name must match too); latest first.
 */
async function findDuplicatesIn(
  trx: Executor,
  tables: PerformanceTable[],
  organisationId: string | null,
): Promise<Map<number, ExistingTable[]>> {
  const found = new Map<number, ExistingTable[]>();
  if (tables.length === 0) return found;
  const years = [...new Set(tables.map((table) => table.year))];
  const rows = await trx
    .selectFrom('target_tables')
    .select(['id', 'name', 'unit', 'year', 'kind', 'status', 'version'])
    .where('year', 'in', years)
    .where((eb) =>
      organisationId === null
        ? eb('organisation_id', 'is', null)
        : eb('organisation_id', '=', organisationId),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  tables.forEach((table, index) => {
    const same = rows.filter(
      (row) =>
        row.year === table.year &&
        row.kind === table.kind &&
        sameProjectName(row.name, table.name) &&
        (organisationId !== null || sameProjectName(row.unit, table.unit)),
    );
    if (same.length === 0) return;
    found.set(
      index,
      same.map((row) => ({
        tableId: row.id,
        name: row.name,
        unit: row.unit,
        year: row.year,
        status: row.status as TableStatus,
        version: row.version,
      })),
    );
  });
  return found;
}

/** What a write did to one table, for the caller's audit entry (written in the same transaction). */
export type TableChange =
  | { kind: 'created'; record: TableRecord }
  | { kind: 'versioned'; before: TableRecord; after: TableRecord }
  | { kind: 'deleted'; before: TableRecord };

/**
 * Locks a table's row for a write in `trx` and returns it: a concurrent writer waits here, then sees the
 * new version and loses cleanly. `table.not_found` when there is none.
 */
export async function lockTableRecord(trx: Transaction<DB>, id: string): Promise<TableRecord> {
  return toRecord(await lockTable(trx, id));
}

/** A table's record without its content. */
export type TableState = Omit<TableRecord, 'table'>;

/**
 * lockTableRecord without the content: a table at the schema's limits is megabytes of JSON, which a
 * write that already holds the content it starts from (read before its transaction) need not read again.
 */
export async function lockTableState(trx: Transaction<DB>, id: string): Promise<TableState> {
  if (!uuidPattern.test(id)) throw tableNotFound(id);
  const row = await trx
    .selectFrom('target_tables')
    .select(['id', 'version', 'status', 'organisation_id', 'created_at', 'updated_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw tableNotFound(id);
  const { table: _content, ...state } = toRecord({ ...row, content: null });
  return state;
}

/** Fails with `table.version_conflict` unless the locked table is at `expectedVersion`. */
export function assertTableVersion(current: TableState, expectedVersion: number): void {
  if (current.version !== expectedVersion) throw versionConflict(expectedVersion, current.version);
}

/**
 * Saves `table` as the next version of the locked table `current`: content, version row, indicators.
 * `derived` are the table's derivedColumns when the caller computed them before its transaction.
 */
export async function storeTableVersion(
  trx: Transaction<DB>,
  current: TableState,
  table: PerformanceTable,
  actor: Actor,
  reason: string | null,
  derived: DerivedColumns = derivedColumns(table),
): Promise<TableRecord> {
  // The old rows go first, in their own statement: a statement's parts see one snapshot and run in no
  // set order, so its insert could meet the rows its delete had not yet removed.
  await trx.deleteFrom('indicators').where('table_id', '=', current.id).execute();
  const row = await trx
    .with('written', (qc) =>
      qc
        .updateTable('target_tables')
        .set({ ...writtenDerived(derived), version: current.version + 1, updated_at: new Date() })
        .where('id', '=', current.id)
        .returning(writtenColumns),
    )
    .with('rows', (qc) =>
      qc.insertInto('indicators').columns(indicatorColumns).expression(indicatorsOfWritten),
    )
    .selectFrom('written')
    .select(['version', 'updated_at'])
    .executeTakeFirstOrThrow();
  await copyVersions(trx, [current.id], { by: actor.userId, reason });
  return { ...current, version: row.version, table, updatedAt: toIso(row.updated_at) };
}

/** What a write of tables returns: for their indicator rows (see indicatorsOfWritten) and the record. */
const writtenColumns = ['id', 'content', 'version', 'updated_at'] as const;

/**
 * The version rows of tables `ids` as just written, copied from their stored rows: the content is copied
 * as stored (already compressed), not sent, parsed and compressed again. A table at the schema's limits
 * is 2.5 MB of JSON, whose second trip made a save hold PGlite's one session noticeably longer.
 */
export async function copyVersions(
  trx: Executor,
  ids: string[],
  saved: { by: string | null; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('table_versions')
    .columns(['table_id', 'version', 'content', 'status', 'saved_at', 'saved_by', 'reason'])
    .expression((eb) =>
      eb
        .selectFrom('target_tables')
        .select([
          'id',
          'version',
          'content',
          'status',
          'updated_at',
          sql<string | null>`${saved.by}::text`.as('saved_by'),
          sql<string | null>`${saved.reason}::text`.as('reason'),
        ])
        .where('id', 'in', ids),
    )
    .execute();
}

/** The columns of an indicator row, in the order indicatorRows and the SQL copy below give them. */
export const indicatorColumns = [
  'table_id',
  'position',
  'level1',
  'level2',
  'name',
  'target_raw',
  'target_kind',
  'operator',
  'value',
  'unit',
  'direction',
  'weight',
] as const;

/**
 * The indicator rows (indicatorRows) of the tables a `written` CTE wrote, read from their content in the
 * same statement instead of sent again as twelve parameters a row.
 */
const indicatorsOfWritten = sql`
  SELECT w.id, e.n - 1, e.i->>'level1', e.i->>'level2', e.i->>'name', e.i->'target'->>'raw',
    e.i->'target'->>'kind', e.i->'target'->>'operator', (e.i->'target'->>'value')::double precision,
    e.i->'target'->>'unit', e.i->>'direction', (e.i->>'weight')::double precision
  FROM written AS w
  CROSS JOIN LATERAL jsonb_array_elements(w.content->'indicators') WITH ORDINALITY AS e (i, n)`;

/** Deletes a table (its versions and indicators go with it). */
export async function deleteTableRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('target_tables').where('id', '=', id).execute();
}

/**
 * Writes new tables in the caller's transaction, applying the caller's choice to each one that duplicates
 * a stored table (see table-duplicate.ts). Checks every table before writing any, so a request is all or
 * nothing; the organisation's row is locked first, so two requests of one unit at once do not both pass.
 */
async function writeTablesChecked(
  trx: Transaction<DB>,
  tables: PerformanceTable[],
  actor: Actor,
  options: {
    organisationId: string | null;
    importId: string | null;
    duplicates: DuplicateChoice[];
    pathOf: (index: number) => string;
    reason: string;
    /** Each table's derivedColumns, when computed before the transaction. */
    derived?: DerivedColumns[] | undefined;
  },
): Promise<CheckedWrite> {
  if (options.organisationId !== null) {
    await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', options.organisationId)
      .forUpdate()
      .execute();
  }
  const found = await findDuplicatesIn(trx, tables, options.organisationId);
  const choiceOf = new Map(options.duplicates.map((choice) => [choice.index, choice]));
  const report = (index: number, existing: ExistingTable[]): DuplicateFound => ({
    index,
    path: options.pathOf(index),
    name: tables[index]!.name,
    year: tables[index]!.year,
    existing,
  });
  const unchosen = [...found].filter(([index]) => !choiceOf.has(index));
  if (unchosen.length > 0) throw duplicateError(unchosen.map(([index, existing]) => report(index, existing)));
  type Step =
    | { index: number; kind: 'insert' }
    | { index: number; kind: 'version' | 'replace'; target: ExistingTable };
  const steps: Step[] = [];
  const skipped: number[] = [];
  tables.forEach((_, index) => {
    const existing = found.get(index);
    const choice = choiceOf.get(index);
    if (!existing || !choice || choice.action === 'create-anyway') {
      steps.push({ index, kind: 'insert' });
      return;
    }
    if (choice.action === 'skip') {
      skipped.push(index);
      return;
    }
    const target =
      choice.tableId === undefined ? existing[0]! : existing.find((t) => t.tableId === choice.tableId);
    if (!target) throw duplicateError([report(index, existing)]);
    const allowed =
      choice.action === 'replace-draft'
        ? target.status === 'draft'
        : target.status === 'draft' || target.status === 'returned';
    if (!allowed) throw duplicateActionRefused(report(index, existing), choice.action, target);
    steps.push({ index, kind: choice.action === 'new-version' ? 'version' : 'replace', target });
  });
  const byIndex = new Map<number, TableRecord>();
  const changes: TableChange[] = [];
  for (const step of steps) {
    if (step.kind === 'insert') continue;
    const current = await lockTableRecord(trx, step.target.tableId);
    if (step.kind === 'version') {
      const table = tables[step.index]!;
      const derived = options.derived?.[step.index] ?? derivedColumns(table);
      const after = await storeTableVersion(trx, current, table, actor, options.reason, derived);
      byIndex.set(step.index, after);
      changes.push({ kind: 'versioned', before: current, after });
      continue;
    }
    await deleteTableRow(trx, current.id);
    changes.push({ kind: 'deleted', before: current });
  }
  const inserts = steps.filter((step) => step.kind !== 'version').map((step) => step.index);
  const created = await insertTables(
    trx,
    inserts.map((index) => tables[index]!),
    actor,
    {
      organisationId: options.organisationId,
      importId: options.importId,
      ...(options.derived ? { derived: inserts.map((index) => options.derived![index]!) } : {}),
    },
  );
  for (const [i, index] of inserts.entries()) byIndex.set(index, created[i]!);
  for (const record of created) changes.push({ kind: 'created', record });
  const records = [...byIndex].sort(([a], [b]) => a - b).map(([, record]) => record);
  return { records, skipped, changes };
}

/** What a checked write of new tables did: the tables written, the indexes skipped, each change. */
export interface CheckedWrite {
  records: TableRecord[];
  skipped: number[];
  changes: TableChange[];
}

/**
 * Creates a draft (新建) in `trx` unless its organisation, project and year have a table: then
 * `duplicates[0]` decides (409 `table.duplicate` without it); `skipped` when the user chose to create
 * nothing, with the stored table (the one the choice names, else the latest) as the record.
 */
export async function createTableChecked(
  trx: Transaction<DB>,
  table: PerformanceTable,
  actor: Actor,
  options: { organisationId: string | null; duplicates: DuplicateChoice[]; derived?: DerivedColumns },
): Promise<{ record: TableRecord; skipped: boolean; changes: TableChange[] }> {
  const { records, changes } = await writeTablesChecked(trx, [table], actor, {
    organisationId: options.organisationId,
    importId: null,
    duplicates: options.duplicates,
    pathOf: () => 'table',
    reason: '新建',
    derived: options.derived && [options.derived],
  });
  if (records[0]) return { record: records[0], skipped: false, changes };
  const existing = (await findDuplicatesIn(trx, [table], options.organisationId)).get(0) ?? [];
  const chosen = options.duplicates[0]?.tableId;
  const id = existing.find((t) => t.tableId === chosen)?.tableId ?? existing[0]!.tableId;
  return { record: await lockTableRecord(trx, id), skipped: true, changes };
}

/**
 * Writes the (possibly edited) tables of a previewed import in `trx` and marks it confirmed. A table of
 * the same organisation, project and year as a stored one needs a choice in `duplicates` (else 409
 * `table.duplicate` listing them); `skipped` are the indexes the user chose to skip.
 */
export async function confirmImportTables(
  trx: Transaction<DB>,
  importId: string,
  tables: PerformanceTable[],
  actor: Actor,
  duplicates: DuplicateChoice[],
  derived?: DerivedColumns[],
): Promise<CheckedWrite & { file: { id: string; fileName: string; reason: string } }> {
  const file = await claimImportPreview(trx, importId);
  const reason = `导入文件“${file.file_name}”`;
  const written = await writeTablesChecked(trx, tables, actor, {
    organisationId: file.organisation_id,
    importId,
    duplicates,
    pathOf: (index) => `tables.${index}`,
    reason,
    derived,
  });
  return { ...written, file: { id: file.id, fileName: file.file_name, reason } };
}

/**
 * Inserts `table`, derived from another year's table (复制为新年度), as a draft of the same project in
 * `trx`; fails with `table.year_conflict` when that project already has a target table that year.
 */
export async function insertTableCopy(
  trx: Transaction<DB>,
  table: PerformanceTable,
  actor: Actor,
  organisationId: string | null,
): Promise<TableRecord> {
  // Take the project row's lock first: of two copies to the same year at once, the second waits here
  // and then sees the first one's table.
  await upsertProjects(trx, [table], organisationId);
  await trx
    .selectFrom('projects')
    .select('id')
    .where('unit', '=', table.unit)
    .where('name', '=', table.name)
    .forUpdate()
    .execute();
  // The project by unit and name as tables say now (a renamed table moves to its new name), the same
  // key last year's comparison rules look the source up by.
  const taken = await trx
    .selectFrom('target_tables')
    .select('id')
    .where('kind', '=', 'target')
    .where('year', '=', table.year)
    .where('unit', '=', table.unit)
    .where('name', '=', table.name)
    .executeTakeFirst();
  if (taken) throw yearTaken(table);
  const [record] = await insertTables(trx, [table], actor, { organisationId, importId: null });
  return record!;
}

/** A stored version row (read with its content) in the storage contract's shape. */
function toTableVersion(row: {
  table_id: string;
  version: number;
  content?: unknown;
  status: string;
  saved_at: Date | string;
  saved_by: string | null;
  reason: string | null;
}): TableVersion {
  return {
    tableId: row.table_id,
    version: row.version,
    table: row.content as PerformanceTable,
    status: row.status as TableStatus,
    savedAt: toIso(row.saved_at),
    savedBy: row.saved_by,
    reason: row.reason,
  };
}

async function lockTable(trx: Transaction<DB>, id: string) {
  if (!uuidPattern.test(id)) throw tableNotFound(id);
  const row = await trx
    .selectFrom('target_tables')
    .select([...recordColumns])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw tableNotFound(id);
  return row;
}

/**
 * Writes the next version of a locked table: its row with `columns`, the bumped version and the time,
 * then the version row keeping the content and status saved with it (an edit and a status change alike).
 */
async function writeNextVersion(
  trx: Transaction<DB>,
  id: string,
  fromVersion: number,
  columns: Updateable<DB['target_tables']>,
  saved: { content: string; status: string; by: string | null; reason: string | null },
) {
  const version = fromVersion + 1;
  const now = new Date();
  const row = await trx
    .updateTable('target_tables')
    .set({ ...columns, version, updated_at: now })
    .where('id', '=', id)
    .returning([...recordColumns])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('table_versions')
    .values({
      table_id: id,
      version,
      content: saved.content,
      status: saved.status,
      saved_at: now,
      saved_by: saved.by,
      reason: saved.reason,
    })
    .execute();
  return { row, version };
}

const sortColumns = {
  updatedAt: 'updated_at',
  year: 'year',
  name: 'name',
  unit: 'unit',
  budget: 'current_year_budget',
} as const;

type ListFilter = (eb: ExpressionBuilder<DB, 'target_tables'>) => Expression<SqlBool>;

/** The columns a list page reads. */
interface ListRow {
  id: string;
  version: number;
  status: string;
  organisation_id: string | null;
  kind: string;
  year: number;
  unit: string;
  name: string;
  current_year_budget: string | number | null;
  indicator_count: number;
  warning_count: number;
  review_findings: unknown;
  updated_at: Date;
}

/**
 * The list's filters and what the scope lets the user see. `visible` narrows the scope to one of its
 * parts: `published` (every published table) or `own` (the scope's organisations, other statuses), which
 * never overlap, so a list over both is the two parts' lists merged.
 */
function listFilter(
  query: TableListQuery,
  scope: ListScope,
  visible?: 'published' | 'own',
  options: { like: boolean } = { like: true },
): ListFilter {
  return (eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (visible === 'published') conditions.push(eb('status', '=', 'published'));
    else if (visible === 'own') {
      conditions.push(eb('organisation_id', 'in', scope.all ? [] : scope.organisationIds));
      conditions.push(eb('status', '<>', 'published'));
    } else if (!scope.all) {
      const parts: Expression<SqlBool>[] = [];
      if (scope.published) parts.push(eb('status', '=', 'published'));
      if (scope.organisationIds.length > 0) parts.push(eb('organisation_id', 'in', scope.organisationIds));
      conditions.push(parts.length > 0 ? eb.or(parts) : sql<SqlBool>`false`);
    }
    if (query.year !== undefined) conditions.push(eb('year', '=', query.year));
    if (query.status !== undefined) conditions.push(eb('status', '=', query.status));
    if (query.kind !== undefined) conditions.push(eb('kind', '=', query.kind));
    const unit = normalizeSearch(query.unit ?? '');
    if (unit) {
      // unit_key is search_text's first line; the bigram index narrows, LIKE decides.
      if (unit.length >= 2)
        conditions.push(sql<SqlBool>`search_grams @> ${bigramsValue(searchBigrams(unit))}`);
      conditions.push(sql<SqlBool>`unit_key LIKE ${containsPattern(unit)}`);
    }
    const text = normalizeSearch(query.q ?? '');
    if (text) {
      if (text.length >= 2)
        conditions.push(sql<SqlBool>`search_grams @> ${bigramsValue(searchBigrams(text))}`);
      if (options.like) conditions.push(sql<SqlBool>`search_text LIKE ${containsPattern(text)}`);
    }
    return eb.and(conditions);
  };
}

/** What identifies the set of published versions (see published-tables.repository). */
export { publishedFingerprint } from './published-tables.repository.ts';

/**
 * Marks a previewed import confirmed inside the caller's transaction (row locked, so two confirmations
 * never both pass): `import.not_found`, or `import.already_confirmed` when it was confirmed before.
 */
export async function claimImportPreview(trx: Transaction<DB>, importId: string) {
  if (!uuidPattern.test(importId)) throw importNotFound(importId);
  const file = await trx
    .selectFrom('imports')
    .select(['id', 'status', 'organisation_id', 'file_name'])
    .where('id', '=', importId)
    .forUpdate()
    .executeTakeFirst();
  if (!file) throw importNotFound(importId);
  if (file.status === 'confirmed') {
    throw new AppError(
      'import.already_confirmed',
      '此导入已确认过，表格已保存；请勿重复确认',
      'This import was already confirmed and its tables saved; it cannot be confirmed twice',
      { path: 'importId' },
    );
  }
  await trx
    .updateTable('imports')
    .set({ status: 'confirmed', confirmed_at: new Date() })
    .where('id', '=', importId)
    .execute();
  return file;
}

/** Keeps an uploaded file with its preview (or confirmed at once, for a batch import). */
async function insertImport(
  trx: Executor,
  input: {
    source: SourceFile;
    sourceText: string | null;
    preview: unknown;
    status: 'preview' | 'confirmed';
    actor: Actor;
    organisationId: string | null;
  },
) {
  return trx
    .insertInto('imports')
    .values({
      file_name: input.source.name,
      media_type: input.source.mediaType,
      size: input.source.bytes.byteLength,
      sha256: createHash('sha256').update(input.source.bytes).digest('hex'),
      bytes: input.source.bytes,
      source_text: input.sourceText,
      preview: input.preview === null ? null : JSON.stringify(input.preview),
      status: input.status,
      organisation_id: input.organisationId,
      created_by: input.actor.userId,
      confirmed_at: input.status === 'confirmed' ? new Date() : null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** What an upload's preview keeps until the user confirms it. */
export interface ImportPreviewInput {
  source: SourceFile;
  sourceText: string;
  tables: PerformanceTable[];
  warnings: Warning[];
  actor: Actor;
  organisationId?: string | null;
  template?: UsedTemplate | null;
  sourceCells?: ({ sheet: string; cells: string[] } | null)[] | undefined;
}

/** Keeps an upload's file and preview (status `preview`) in `trx`. */
export async function insertImportPreview(
  trx: Executor,
  input: ImportPreviewInput,
): Promise<ImportPreviewRecord> {
  const organisationId = input.organisationId ?? null;
  const row = await insertImport(trx, {
    source: input.source,
    sourceText: input.sourceText,
    preview: {
      tables: input.tables,
      warnings: input.warnings,
      template: input.template ?? null,
      ...(input.sourceCells ? { sourceCells: input.sourceCells } : {}),
    },
    status: 'preview',
    actor: input.actor,
    organisationId,
  });
  return {
    id: row.id,
    fileName: input.source.name,
    mediaType: input.source.mediaType,
    status: 'preview',
    sourceText: input.sourceText,
    tables: input.tables,
    warnings: input.warnings,
    organisationId,
    createdAt: toIso(row.created_at),
    template: input.template ?? null,
    ...(input.sourceCells ? { sourceCells: input.sourceCells } : {}),
  };
}

/** Opens the table store on a database (PGlite or PostgreSQL). */
export function createTableRepository(db: Database): TableRepository {
  async function list(
    query: TableListQuery,
    options: { scope?: ListScope; countCap?: number; searchWindow?: number } = {},
  ): Promise<TableList> {
    const scope = options.scope ?? { all: true };
    const bigramWindow = options.searchWindow ?? searchWindow;
    const text = normalizeSearch(query.q ?? '');
    // Each counted match of a text search is a LIKE over its table's text: a word every table holds
    // costs what the cap does, so a search counts to the portal's cap, a filter (read from indexes) to
    // the list's.
    const cap = options.countCap ?? (text ? searchCountCap : TABLE_LIST_COUNT_CAP);
    const column = sortColumns[query.sort];
    const offset = (query.page - 1) * query.pageSize;
    // "Published, or my organisations' tables": an OR no index serves in order, so the newest page
    // could mean skipping every newer unpublished table. Its two disjoint parts are each read from their
    // own ordered index and merged.
    const visibleParts: ('published' | 'own' | undefined)[] =
      !scope.all && scope.published && scope.organisationIds.length > 0 ? ['published', 'own'] : [undefined];
    const parts = visibleParts.map((visible) => listFilter(query, scope, visible));
    const listColumns = [
      'id',
      'version',
      'status',
      'organisation_id',
      'kind',
      'year',
      'unit',
      'name',
      'current_year_budget',
      'indicator_count',
      'warning_count',
      'review_findings',
      'updated_at',
    ] as const;
    const pageOf = (filter: ListFilter, limit: number, skip: number) =>
      db
        .selectFrom('target_tables')
        .select(listColumns)
        .where(filter)
        .orderBy(column, query.order)
        .orderBy('id', query.order)
        .limit(limit)
        .offset(skip);
    // A rarer word's matches are found by the bigram index and then each row's text is read for LIKE:
    // at 1,000,000 tables a word in 13,000 of them cost 180 ms, nearly all of it decompressing their
    // texts. Taking first the page order's earliest bigram matches and reading only their texts gives
    // the same page whenever enough of them hold the word (a bigram match is almost always a substring
    // match); when too few do, the whole query below answers.
    const windowOf = (visible: 'published' | 'own' | undefined, limit: number, skip: number) =>
      db
        .selectFrom(
          db
            .selectFrom('target_tables')
            .select([...listColumns, 'search_text'])
            .where(listFilter(query, scope, visible, { like: false }))
            .orderBy(column, query.order)
            .orderBy('id', query.order)
            .limit(bigramWindow)
            .as('candidates'),
        )
        .select(listColumns)
        .where(sql<SqlBool>`search_text LIKE ${containsPattern(text)}`)
        .orderBy(column, query.order)
        .orderBy('id', query.order)
        .limit(limit)
        .offset(skip);
    // The page of both parts, each read from its own ordered index up to the page's end, then merged.
    const mergedParts = (second: ListFilter) => {
      const need = offset + query.pageSize;
      return db
        .selectFrom(
          sql<ListRow>`((${pageOf(first, need, 0)}) UNION ALL (${pageOf(second, need, 0)}))`.as(
            'target_tables',
          ),
        )
        .selectAll()
        .orderBy(column, query.order)
        .orderBy('id', query.order)
        .limit(query.pageSize)
        .offset(offset)
        .execute();
    };
    // Published and own tables each take their window; the merged page holds when both gave every row
    // asked of them, else the whole query answers.
    const mergedWindows = async (): Promise<ListRow[]> => {
      const need = offset + query.pageSize;
      const published = windowOf('published', need, 0).select(sql<number>`0`.as('part'));
      const own = windowOf('own', need, 0).select(sql<number>`1`.as('part'));
      const both = await db
        .selectFrom(sql<ListRow & { part: number }>`((${published}) UNION ALL (${own}))`.as('target_tables'))
        .selectAll()
        .orderBy(column, query.order)
        .orderBy('id', query.order)
        .execute();
      const full = [0, 1].every((part) => both.filter((row) => row.part === part).length === need);
      if (!full) return mergedParts(second as ListFilter);
      return both.slice(offset, need).map(({ part: _part, ...row }) => row);
    };
    // One part (no merge): its window when the page lies within it and enough of it holds the word.
    const singlePage = async () => {
      const whole = () => pageOf(first, query.pageSize, offset).execute();
      if (text.length < 2 || offset + query.pageSize > bigramWindow / 2) return whole();
      const windowed = await windowOf(visibleParts[0], query.pageSize, offset).execute();
      return windowed.length === query.pageSize ? windowed : whole();
    };
    const matches = (filter: ListFilter) =>
      db
        .selectFrom('target_tables')
        .select(sql<number>`1`.as('one'))
        .where(filter)
        .limit(cap + 1);
    const [first, second] = parts as [ListFilter, ListFilter | undefined];
    const counting = async (): Promise<number> => {
      if (text) {
        // A word most tables hold: the first rows the other filters give already pass the cap, found by
        // LIKE alone. The bigram test the index needs decompresses each row's search_grams, which made
        // counting a common word's first thousand matches four times dearer than the LIKEs (at 300,000
        // tables 80 ms against 20 ms). A rarer word takes the indexed count below after this bounded look.
        const firstRows = db
          .selectFrom('target_tables')
          .select('search_text')
          .where(listFilter({ ...query, q: undefined }, scope))
          .limit(cap + 1 + Math.ceil(cap / 4));
        const hits = db
          .selectFrom(firstRows.as('first_rows'))
          .select(sql<number>`1`.as('one'))
          .where(sql<SqlBool>`search_text LIKE ${containsPattern(text)}`)
          .limit(cap + 1);
        const probe = await db
          .selectFrom(hits.as('hits'))
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(probe.n) > cap) return Number(probe.n);
      }
      // Counting every match of a common word or filter reads them all: count up to the cap, say `cap+`.
      const count = await db
        .selectFrom(
          // The outer limit stops before the second part when the first already passes the cap.
          (second
            ? sql`(SELECT 1 AS one FROM ((${matches(first)}) UNION ALL (${matches(second)})) AS parts LIMIT ${cap + 1})`
            : sql`(${matches(first)})`
          ).as('matches'),
        )
        .select(sql<number>`least(count(*), ${cap + 1})`.as('total'))
        .executeTakeFirstOrThrow();
      return Number(count.total);
    };
    const [rows, counted] = await Promise.all([
      second
        ? text.length >= 2 && offset + query.pageSize <= bigramWindow / 2
          ? mergedWindows()
          : mergedParts(second)
        : singlePage(),
      counting(),
    ]);
    const items: TableSummary[] = rows.map((row) => ({
      id: row.id,
      version: row.version,
      status: row.status as TableStatus,
      organisationId: row.organisation_id,
      kind: row.kind as TableSummary['kind'],
      year: row.year,
      unit: row.unit,
      name: row.name,
      currentYearBudget: row.current_year_budget === null ? null : Number(row.current_year_budget),
      indicatorCount: row.indicator_count,
      warningCount: row.warning_count,
      ...reviewCounts(row.review_findings),
      updatedAt: toIso(row.updated_at),
    }));
    const totalCapped = counted > cap;
    return {
      items,
      total: totalCapped ? cap : counted,
      totalCapped,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function get(id: string): Promise<TableRecord> {
    if (!uuidPattern.test(id)) throw tableNotFound(id);
    const row = await db
      .selectFrom('target_tables')
      .select([...recordColumns])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw tableNotFound(id);
    return toRecord(row);
  }

  async function create(
    table: PerformanceTable,
    actor: Actor,
    options: { organisationId?: string | null } = {},
  ): Promise<TableRecord> {
    const [record] = await db.transaction().execute(async (trx) => {
      const records = await insertTables(trx, [table], actor, {
        organisationId: options.organisationId ?? null,
        importId: null,
      });
      await auditCreated(trx, records, actor, null);
      return records;
    });
    return record!;
  }

  async function versionRows(id: string, withContent: boolean) {
    if (!uuidPattern.test(id)) throw tableNotFound(id);
    const rows = await db
      .selectFrom('table_versions')
      .select(['table_id', 'version', 'status', 'saved_at', 'saved_by', 'reason'])
      .$if(withContent, (qb) => qb.select('content'))
      .where('table_id', '=', id)
      .orderBy('version', 'asc')
      .execute();
    if (rows.length === 0) throw tableNotFound(id);
    return rows;
  }

  async function versionSummaries(id: string): Promise<TableVersionSummary[]> {
    return (await versionRows(id, false)).map((row) => ({
      tableId: row.table_id,
      version: row.version,
      status: row.status as TableStatus,
      savedAt: toIso(row.saved_at),
      savedBy: row.saved_by,
      reason: row.reason,
    }));
  }

  async function versions(id: string): Promise<TableVersion[]> {
    return (await versionRows(id, true)).map(toTableVersion);
  }

  async function version(id: string, number: number): Promise<TableVersion> {
    if (!uuidPattern.test(id)) throw tableNotFound(id);
    const row = await db
      .selectFrom('table_versions')
      .selectAll()
      .where('table_id', '=', id)
      .where('version', '=', number)
      .executeTakeFirst();
    if (!row) {
      await get(id);
      throw new AppError(
        'table.version_not_found',
        `此表没有第 ${number} 版`,
        `This table has no version ${number}`,
        { path: 'version' },
      );
    }
    return toTableVersion(row);
  }

  async function importBatch(
    tables: PerformanceTable[],
    source: SourceFile,
    actor: Actor,
    options: { organisationId?: string | null } = {},
  ): Promise<TableRecord[]> {
    const organisationId = options.organisationId ?? null;
    return db.transaction().execute(async (trx) => {
      const file = await insertImport(trx, {
        source,
        sourceText: null,
        preview: null,
        status: 'confirmed',
        actor,
        organisationId,
      });
      const records = await insertTables(trx, tables, actor, { organisationId, importId: file.id });
      await auditCreated(trx, records, actor, file.id);
      await writeAudit(trx, {
        actor: auditActor(actor),
        action: 'import.confirm',
        entity: 'import',
        entityId: file.id,
        diff: { fileName: source.name, tables: records.length },
      });
      return records;
    });
  }

  async function getImport(id: string): Promise<ImportPreviewRecord> {
    if (!uuidPattern.test(id)) throw importNotFound(id);
    const row = await db
      .selectFrom('imports')
      .select([
        'id',
        'file_name',
        'media_type',
        'status',
        'source_text',
        'preview',
        'organisation_id',
        'created_at',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw importNotFound(id);
    const preview = (row.preview ?? { tables: [], warnings: [] }) as {
      tables: PerformanceTable[];
      warnings: Warning[];
      template?: UsedTemplate | null;
      sourceCells?: ({ sheet: string; cells: string[] } | null)[];
      mapped?: KeptMapping;
    };
    return {
      id: row.id,
      fileName: row.file_name,
      mediaType: row.media_type,
      status: row.status,
      sourceText: row.source_text ?? '',
      tables: preview.tables,
      warnings: preview.warnings,
      organisationId: row.organisation_id,
      createdAt: toIso(row.created_at),
      template: preview.template ?? null,
      ...(preview.sourceCells ? { sourceCells: preview.sourceCells } : {}),
      ...(preview.mapped ? { mapped: preview.mapped } : {}),
    };
  }

  async function saveMapped(id: string, mapped: KeptMapping): Promise<void> {
    if (!uuidPattern.test(id)) throw importNotFound(id);
    // Merged into the kept preview in the database: the source text and cells are not sent again.
    await db
      .updateTable('imports')
      .set({ preview: sql`coalesce(preview, '{}'::jsonb) || ${JSON.stringify({ mapped })}::jsonb` })
      .where('id', '=', id)
      .where('status', '=', 'preview')
      .execute();
  }

  async function importFile(id: string): Promise<SourceFile> {
    if (!uuidPattern.test(id)) throw importNotFound(id);
    const row = await db
      .selectFrom('imports')
      .select(['file_name', 'media_type', 'bytes'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw importNotFound(id);
    return { name: row.file_name, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) };
  }

  async function findDuplicates(
    tables: PerformanceTable[],
    organisationId: string | null,
  ): Promise<Map<number, ExistingTable[]>> {
    return findDuplicatesIn(db, tables, organisationId);
  }

  async function setStatus(
    id: string,
    expectedVersion: number,
    status: TableStatus,
    actor: Actor,
  ): Promise<TableRecord> {
    return db.transaction().execute(async (trx) => {
      const current = await lockTable(trx, id);
      if (current.version !== expectedVersion) throw versionConflict(expectedVersion, current.version);
      // A status change is a new version too, so whoever still holds the old one must reload.
      const { row, version } = await writeNextVersion(
        trx,
        id,
        current.version,
        { status },
        { content: JSON.stringify(current.content), status, by: actor.userId, reason: null },
      );
      await writeAudit(trx, {
        actor: auditActor(actor),
        action: 'table.status',
        entity: 'table',
        entityId: id,
        diff: { fromVersion: current.version, toVersion: version, from: current.status, to: status },
      });
      return toRecord(row);
    });
  }

  return {
    list,
    get,
    create,
    versions,
    version,
    versionSummaries,
    importBatch,
    getImport,
    saveMapped,
    importFile,
    findDuplicates,
    setStatus,
  };
}
