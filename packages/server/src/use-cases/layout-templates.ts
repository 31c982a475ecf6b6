import type {
  ColumnMapping,
  LayoutTemplate,
  LayoutTemplateCreate,
  MappingResult,
} from '@jixiao/core/tables/column-mapping.schema';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import {
  createLayoutTemplateRepository,
  insertLayoutTemplate,
  retireLayoutTemplateRow,
  shareLayoutTemplateRow,
} from '@jixiao/db/layout-templates.repository';
import { createTableRepository, type ImportPreviewRecord } from '@jixiao/db/tables.repository';
import type { ParsePool } from '@jixiao/import/isolated/parse-pool';
import { mainTable } from '@jixiao/import/mapping/mapped-table';
import { assertCan, assertCanTable, requireUser } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { auditedWrite } from './audited-write.ts';
import { nothingMapped, regionOutside } from './import-templates.ts';

// Column mapping and layout templates: a previewed import re-read through the columns a person assigned
// (whoever may import into the preview's organisation); such a mapping saved as a named template that
// reads the next file of the layout by itself (a unit's, or the region's for administrators); the
// administrators' list, sharing and retiring. Every change of a template is written with its audit
// entry in one transaction.

/** The preview `importId`, for a caller who may import into its organisation (401/403 otherwise). */
async function mappablePreview(db: Database, caller: Caller, importId: string): Promise<ImportPreviewRecord> {
  const preview = await createTableRepository(db).getImport(importId);
  await assertCanTable(caller, db, 'table.import', {
    status: 'draft',
    organisationId: preview.organisationId,
  });
  return preview;
}

/** What mapping asks of the parse pool (the route passes the pool; tests may read in process). */
export type Mapper = Pick<ParsePool, 'map'>;

function mapPreview(parser: Mapper, preview: ImportPreviewRecord, mapping: ColumnMapping) {
  return parser.map(preview.fileName, {
    text: preview.sourceText,
    mapping,
    base: mainTable(preview.tables),
    ...(preview.sourceCells ? { cells: preview.sourceCells } : {}),
  });
}

/**
 * The caller re-reads preview `importId` through `mapping` (POST /api/imports/:id/mapping); the result is
 * kept with the preview, so opened again it shows these rows and this mapping.
 */
export async function remapImport(
  db: Database,
  caller: Caller,
  parser: Mapper,
  importId: string,
  mapping: ColumnMapping,
): Promise<MappingResult> {
  const preview = await mappablePreview(db, caller, importId);
  const lines = preview.sourceText.split(/\r\n|\r|\n/).length;
  if (mapping.region.line > lines) throw regionOutside(lines);
  const mapped = await mapPreview(parser, preview, mapping);
  await createTableRepository(db).saveMapped(preview.id, {
    mapping,
    tables: [mapped.table],
    warnings: mapped.warnings,
  });
  return {
    tables: [mapped.table],
    warnings: mapped.warnings,
    signature: mapped.signature,
    separator: mapped.separator,
  };
}

/**
 * The layout templates the caller sees (GET /api/layout-templates): the active ones of their unit and
 * the region's; administrators see every unit's, and retired ones when they ask (others: 403).
 */
export async function listLayoutTemplates(
  db: Database,
  caller: Caller,
  retired: boolean,
): Promise<LayoutTemplate[]> {
  const user = requireUser(caller);
  if (retired) assertCan(caller, 'layout_template.manage');
  const organisationIds = user.roles.includes('admin')
    ? null
    : user.organisationId
      ? [user.organisationId]
      : [];
  return createLayoutTemplateRepository(db).list({ includeRetired: retired, organisationIds });
}

/**
 * The caller saves the mapping of a preview as a named template (POST /api/layout-templates), with its
 * `layout_template.create` entry: for the preview's unit, or the region's (administrators only); a
 * mapping that reads no row is 400 `mapping.no_rows`.
 */
export async function saveLayoutTemplate(
  db: Database,
  caller: Caller,
  parser: Mapper,
  body: LayoutTemplateCreate,
): Promise<LayoutTemplate> {
  const user = requireUser(caller);
  const preview = await mappablePreview(db, caller, body.importId);
  if (body.scope === 'region') assertCan(caller, 'layout_template.manage');
  const mapped = await mapPreview(parser, preview, body.mapping);
  if (mapped.table.indicators.length === 0) throw nothingMapped();
  const input = {
    name: body.name,
    organisationId: body.scope === 'region' ? null : (preview.organisationId ?? user.organisationId),
    signature: mapped.signature,
    separator: mapped.separator,
    roles: body.mapping.roles,
    kind: body.mapping.kind ?? null,
  };
  const actor = auditActorOf(caller);
  const id = await auditedWrite(
    db,
    actor,
    (trx) => insertLayoutTemplate(trx, input, actor),
    (stored) => ({
      action: 'layout_template.create',
      entity: 'layout_template',
      entityId: stored,
      diff: input,
    }),
  );
  return createLayoutTemplateRepository(db).get(id);
}

/**
 * One administrator's change of template `id` with its audit entry, in one transaction; `change` answers
 * null when there is nothing to change (sharing a shared one, retiring a retired one), and nothing is
 * written then.
 */
async function changeTemplate(
  db: Database,
  caller: Caller,
  id: string,
  action: 'layout_template.share' | 'layout_template.retire',
  change: (
    current: LayoutTemplate,
    actor: AuditActor,
  ) => { write: (trx: Database) => Promise<void>; diff: Record<string, unknown> } | null,
): Promise<LayoutTemplate> {
  assertCan(caller, 'layout_template.manage');
  const actor = auditActorOf(caller);
  const current = await createLayoutTemplateRepository(db).get(id);
  const update = change(current, actor);
  if (!update) return current;
  await auditedWrite(db, actor, update.write, () => ({
    action,
    entity: 'layout_template',
    entityId: id,
    diff: update.diff,
  }));
  return createLayoutTemplateRepository(db).get(id);
}

/** An administrator makes a unit's template the whole region's (POST /api/layout-templates/:id/region). */
export function shareLayoutTemplate(db: Database, caller: Caller, id: string): Promise<LayoutTemplate> {
  return changeTemplate(db, caller, id, 'layout_template.share', (current) =>
    current.organisationId === null
      ? null
      : {
          write: (trx) => shareLayoutTemplateRow(trx, id),
          diff: { name: current.name, organisationId: [current.organisationId, null] },
        },
  );
}

/** An administrator retires a template (POST /api/layout-templates/:id/retire): it reads no further file. */
export function retireLayoutTemplate(db: Database, caller: Caller, id: string): Promise<LayoutTemplate> {
  return changeTemplate(db, caller, id, 'layout_template.retire', (current, actor) =>
    current.retiredAt !== null
      ? null
      : { write: (trx) => retireLayoutTemplateRow(trx, id, actor), diff: { name: current.name } },
  );
}
