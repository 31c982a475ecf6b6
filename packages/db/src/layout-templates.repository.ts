import { AppError } from '@jixiao/core/errors/app-error';
import {
  type CellSeparator,
  type ColumnRole,
  cellSeparatorSchema,
  columnRoleSchema,
  type LayoutTemplate,
  layoutSignatureSchema,
} from '@jixiao/core/tables/column-mapping.schema';
import { documentKindSchema } from '@jixiao/core/tables/table.schema';
import { z } from 'zod';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function notFound(id: string): AppError {
  return new AppError(
    'layout_template.not_found',
    `未找到版式模板 ${id}`,
    `Layout template ${id} was not found`,
    { path: 'id' },
  );
}

/** A new template as stored: the mapping's roles and separator with the layout's signature. */
export interface NewLayoutTemplate {
  name: string;
  organisationId: string | null;
  signature: { headerWords: string[]; columnCount: number; sheetName: string | null };
  separator: CellSeparator;
  roles: ColumnRole[];
  kind: z.infer<typeof documentKindSchema> | null;
}

/**
 * Layout templates: saved column mappings, read here; retired templates stay listed for administrators
 * and are never matched again. The writes below run in the caller's transaction, in which the server's
 * use case writes the audit entry.
 */
export function createLayoutTemplateRepository(db: Database) {
  const columns = [
    'layout_templates.id',
    'layout_templates.name',
    'layout_templates.organisation_id',
    'organisations.name as organisation_name',
    'layout_templates.header_words',
    'layout_templates.column_count',
    'layout_templates.sheet_name',
    'layout_templates.separator',
    'layout_templates.roles',
    'layout_templates.kind',
    'layout_templates.created_by',
    'layout_templates.created_at',
    'layout_templates.retired_at',
    'layout_templates.retired_by',
  ] as const;

  const base = () =>
    db
      .selectFrom('layout_templates')
      .leftJoin('organisations', 'organisations.id', 'layout_templates.organisation_id')
      .select(columns);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  function toTemplate(row: Row): LayoutTemplate {
    return {
      id: row.id,
      name: row.name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name ?? null,
      // Read back through the schemas: a template is data the importer runs on.
      signature: layoutSignatureSchema.parse({
        headerWords: json(row.header_words),
        columnCount: row.column_count,
        sheetName: row.sheet_name,
      }),
      separator: cellSeparatorSchema.parse(row.separator),
      roles: z.array(columnRoleSchema).parse(json(row.roles)),
      kind: row.kind === null ? null : documentKindSchema.parse(row.kind),
      createdBy: row.created_by,
      createdAt: iso(row.created_at),
      retiredAt: row.retired_at === null ? null : iso(row.retired_at),
      retiredBy: row.retired_by,
    };
  }

  async function get(id: string): Promise<LayoutTemplate> {
    if (!uuidPattern.test(id)) throw notFound(id);
    const row = await base().where('layout_templates.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    return toTemplate(row);
  }

  return {
    get,

    /** Every template, newest first; retired ones too when asked (the administrators' list). */
    async list(options: { includeRetired?: boolean; organisationIds?: readonly string[] | null } = {}) {
      let query = base().orderBy('layout_templates.created_at', 'desc').orderBy('layout_templates.id');
      if (!options.includeRetired) query = query.where('layout_templates.retired_at', 'is', null);
      const ids = options.organisationIds;
      if (ids) {
        query = query.where((eb) =>
          ids.length > 0
            ? eb.or([
                eb('layout_templates.organisation_id', 'is', null),
                eb('layout_templates.organisation_id', 'in', ids),
              ])
            : eb('layout_templates.organisation_id', 'is', null),
        );
      }
      return (await query.execute()).map(toTemplate);
    },

    /** The active templates an upload of this organisation is matched against: its own first, then the region's. */
    async forUpload(organisationId: string | null): Promise<LayoutTemplate[]> {
      const rows = await base()
        .where('layout_templates.retired_at', 'is', null)
        .where((eb) =>
          organisationId
            ? eb.or([
                eb('layout_templates.organisation_id', 'is', null),
                eb('layout_templates.organisation_id', '=', organisationId),
              ])
            : eb('layout_templates.organisation_id', 'is', null),
        )
        .orderBy('layout_templates.created_at', 'desc')
        .execute();
      const templates = rows.map(toTemplate);
      return [
        ...templates.filter((t) => t.organisationId !== null),
        ...templates.filter((t) => t.organisationId === null),
      ];
    },
  };
}

/** Stores a new template as `actor`, in the caller's transaction; returns its id. */
export async function insertLayoutTemplate(
  db: Database,
  input: NewLayoutTemplate,
  actor: AuditActor,
): Promise<string> {
  const row = await db
    .insertInto('layout_templates')
    .values({
      name: input.name,
      organisation_id: input.organisationId,
      header_words: JSON.stringify(input.signature.headerWords),
      column_count: input.signature.columnCount,
      sheet_name: input.signature.sheetName,
      separator: input.separator,
      roles: JSON.stringify(input.roles),
      kind: input.kind,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Makes template `id` the whole region's (no organisation), in the caller's transaction. */
export async function shareLayoutTemplateRow(db: Database, id: string): Promise<void> {
  await db.updateTable('layout_templates').set({ organisation_id: null }).where('id', '=', id).execute();
}

/** Marks template `id` retired by `actor` now, in the caller's transaction. */
export async function retireLayoutTemplateRow(db: Database, id: string, actor: AuditActor): Promise<void> {
  await db
    .updateTable('layout_templates')
    .set({ retired_at: new Date(), retired_by: actor.userId })
    .where('id', '=', id)
    .execute();
}

export type LayoutTemplateRepository = ReturnType<typeof createLayoutTemplateRepository>;
