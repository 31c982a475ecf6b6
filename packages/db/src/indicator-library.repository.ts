import { AppError } from '@jixiao/core/errors/app-error';
import type { PublishedIndicators } from '@jixiao/core/library/indicator-library';
import { entryKey } from '@jixiao/core/library/indicator-library';
import {
  type LibraryEntry,
  type LibraryEntryFields,
  type LibraryEntryInput,
  libraryEntryInputSchema,
} from '@jixiao/core/library/indicator-library.schema';
import { ruleSetFor } from '@jixiao/core/review/rule-sets';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { sql } from 'kysely';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

// Storage of the indicator library entries administrators keep (the built-in set is data in core).
// Writes run in the caller's transaction and report what changed; the server's use case writes the audit
// entry in it. Entries are deactivated, never deleted.

interface Row {
  id: string;
  framework_id: string;
  level1: string;
  level2: string;
  name: string;
  suggested_target: string | null;
  direction: string | null;
  note_zh: string | null;
  note_en: string | null;
  tags: unknown;
  active: boolean;
  updated_at: Date | string;
}

function toEntry(row: Row): LibraryEntry {
  const tags = typeof row.tags === 'string' ? JSON.parse(row.tags) : row.tags;
  return {
    id: row.id,
    frameworkId: row.framework_id,
    level1: row.level1,
    level2: row.level2,
    name: row.name,
    suggestedTarget: row.suggested_target,
    direction: row.direction === '正向' || row.direction === '反向' ? row.direction : null,
    noteZh: row.note_zh,
    noteEn: row.note_en,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    active: row.active,
    source: 'stored',
    usedBy: 0,
    updatedAt: (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString(),
  };
}

function columns(fields: LibraryEntryFields) {
  return {
    framework_id: fields.frameworkId,
    level1: fields.level1,
    level2: fields.level2,
    name: fields.name,
    match_key: entryKey(fields.frameworkId, fields),
    suggested_target: fields.suggestedTarget === '' ? null : fields.suggestedTarget,
    direction: fields.direction,
    note_zh: fields.noteZh === '' ? null : fields.noteZh,
    note_en: fields.noteEn === '' ? null : fields.noteEn,
    tags: JSON.stringify([...new Set(fields.tags)]),
    active: fields.active,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

function duplicate(fields: LibraryEntryFields): AppError {
  return new AppError(
    'library.duplicate',
    `指标库中已有「${fields.level1} / ${fields.level2} / ${fields.name}」`,
    `The library already has “${fields.level1} / ${fields.level2} / ${fields.name}”`,
    { path: 'name' },
  );
}

function notFound(id: string): AppError {
  return new AppError('library.not_found', '找不到该指标库条目', `No indicator library entry ${id}`, {
    path: 'id',
  });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every stored entry, active or not, by framework and levels. */
export async function listLibraryEntries(db: Database): Promise<LibraryEntry[]> {
  const rows = await db
    .selectFrom('indicator_library')
    .selectAll()
    .orderBy('framework_id')
    .orderBy('level1')
    .orderBy('level2')
    .orderBy('name')
    .execute();
  return rows.map(toEntry);
}

/** One stored entry; `library.not_found` (404) when there is none. */
export async function getLibraryEntry(db: Database, id: string): Promise<LibraryEntry> {
  if (!uuid.test(id)) throw notFound(id);
  const row = await db.selectFrom('indicator_library').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  return toEntry(row);
}

/**
 * Adds an entry as `actor`, in the caller's transaction; the same indicator twice is `library.duplicate`
 * (409). Reports the entry and the fields as stored (validated), for the audit entry.
 */
export async function insertLibraryEntry(
  db: Database,
  input: LibraryEntryInput,
  actor: AuditActor,
): Promise<{ entry: LibraryEntry; fields: LibraryEntryFields }> {
  const fields = libraryEntryInputSchema.parse(input);
  try {
    const row = await db
      .insertInto('indicator_library')
      .values({ ...columns(fields), created_by: actor.userId, updated_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { entry: toEntry(row), fields };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

/**
 * Replaces an entry's fields as `actor`, in the caller's transaction, the row locked first so two
 * administrators' edits are logged in the order applied; `library.not_found` (404) for an unknown id.
 * Reports the entry before and after and the fields as stored.
 */
export async function replaceLibraryEntry(
  db: Database,
  id: string,
  input: LibraryEntryInput,
  actor: AuditActor,
): Promise<{ before: LibraryEntry; entry: LibraryEntry; fields: LibraryEntryFields }> {
  if (!uuid.test(id)) throw notFound(id);
  const fields = libraryEntryInputSchema.parse(input);
  const before = await db
    .selectFrom('indicator_library')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(id);
  try {
    const row = await db
      .updateTable('indicator_library')
      .set({ ...columns(fields), updated_by: actor.userId, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before: toEntry(before), entry: toEntry(row), fields };
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

/**
 * The indicators of every table's latest PUBLISHED version with the framework it follows (as the review
 * picks it), for counting 常用指标. A table adjusted after publication counts with what was published.
 */
export async function listPublishedIndicators(db: Database): Promise<PublishedIndicators[]> {
  const rows = await db
    .selectFrom('table_versions as v')
    .where('v.status', '=', 'published')
    .distinctOn('v.table_id')
    .select(['v.table_id', sql<unknown>`v.content->'indicators'`.as('indicators')])
    .orderBy('v.table_id')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((row) => {
    const raw = typeof row.indicators === 'string' ? JSON.parse(row.indicators) : row.indicators;
    // Stored content passed the table schema when it was saved.
    const indicators = (Array.isArray(raw) ? raw : []) as Indicator[];
    const frameworkId = ruleSetFor({ indicators } as PerformanceTable).params.framework.id;
    return { frameworkId, indicators };
  });
}
