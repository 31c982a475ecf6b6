import type { AuditEntryView, AuditList, AuditQuery } from '@jixiao/core/accounts/audit-log.schema';
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** Reads the audit log with the page's filters, newest first, with the actor's username. */
export async function queryAuditLog(db: Database, query: AuditQuery): Promise<AuditList> {
  let base = db
    .selectFrom('audit_log')
    // actor is text (it may name the system); compare as text so a non-uuid actor never fails the cast.
    .leftJoin('users', (join) => join.on(sql`users.id::text`, '=', sql.ref('audit_log.actor')));
  if (query.actor) {
    const actor = query.actor.trim();
    base = base.where((eb) =>
      eb.or([eb('audit_log.actor', '=', actor), eb('users.username', '=', actor.toLowerCase())]),
    );
  }
  if (query.action) {
    const action = query.action.trim();
    base = action.endsWith('.')
      ? base.where('audit_log.action', 'like', `${escapeLike(action)}%`)
      : base.where('audit_log.action', '=', action);
  }
  if (query.entity) base = base.where('audit_log.entity', '=', query.entity);
  if (query.entityId) base = base.where('audit_log.entity_id', '=', query.entityId);
  if (query.from) base = base.where('audit_log.at', '>=', new Date(query.from));
  if (query.to) base = base.where('audit_log.at', '<', new Date(query.to));

  const [rows, count] = await Promise.all([
    base
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.actor',
        'audit_log.actor_address',
        'audit_log.action',
        'audit_log.entity',
        'audit_log.entity_id',
        'audit_log.diff',
        'users.username',
        'users.display_name',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await entityNames(
    db,
    rows.map((row) => ({ entity: row.entity, id: row.entity_id })),
  );
  const items: AuditEntryView[] = rows.map((row) => ({
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actorUsername: row.username ?? null,
    actorName: row.display_name ?? null,
    address: row.actor_address,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    entityName: row.entity_id ? (names.get(`${row.entity}:${row.entity_id}`) ?? null) : null,
    diff: typeof row.diff === 'string' ? safeJson(row.diff) : row.diff,
  }));
  return { items, total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names a page of entries refers to by id, one query per kind of entity (a page holds 50 at most),
 * keyed `entity:id`: a table's project (with its year), a user's display name, a unit's name, an
 * import's file, a library entry's indicator, a layout template's name. An id that names nothing any
 * more (a deleted table) has no name and the page shows the id.
 */
async function entityNames(
  db: Database,
  refs: readonly { entity: string; id: string | null }[],
): Promise<Map<string, string>> {
  const idsOf = (entity: string) => [
    ...new Set(refs.filter((r) => r.entity === entity && r.id && uuidPattern.test(r.id)).map((r) => r.id!)),
  ];
  const names = new Map<string, string>();
  const lookups = [
    ['table', 'target_tables', sql<string>`name || '（' || year || '）'`],
    ['user', 'users', sql<string>`display_name || '（' || username || '）'`],
    ['organisation', 'organisations', sql<string>`name`],
    ['import', 'imports', sql<string>`file_name`],
    ['indicator_library', 'indicator_library', sql<string>`name`],
    ['layout_template', 'layout_templates', sql<string>`name`],
  ] as const;
  await Promise.all(
    lookups.map(async ([entity, from, name]) => {
      const ids = idsOf(entity);
      if (ids.length === 0) return;
      const rows = await db
        .selectFrom(from)
        .select([sql<string>`id::text`.as('id'), name.as('name')])
        .where(sql.ref('id'), 'in', ids)
        .execute();
      for (const row of rows) names.set(`${entity}:${row.id}`, row.name);
    }),
  );
  return names;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const csvColumns = [
  'at',
  'actorUsername',
  'actorName',
  'actor',
  'address',
  'action',
  'entity',
  'entityId',
  'entityName',
  'diff',
] as const;

/** Audit entries as CSV (UTF-8 with BOM so that Excel shows Chinese correctly). */
export function auditCsv(items: readonly AuditEntryView[]): string {
  const lines = [csvColumns.join(',')];
  for (const item of items) {
    lines.push(
      csvColumns
        .map((column) => {
          const value = item[column];
          return csvCell(
            value === null || value === undefined
              ? ''
              : typeof value === 'string'
                ? value
                : JSON.stringify(value),
          );
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(text: string): string {
  // A leading = + - @ would run as a formula in Excel (CSV injection); prefix it with a quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
