import { diffTables, type TableDiff } from '@jixiao/core/tables/table-diff';
import type { AuditActor, AuditEntry } from '@jixiao/db/audit.repository';
import type { TableChange } from '@jixiao/db/tables.repository';

/**
 * Why tables changed: the reason kept with a new version or a replaced draft (an edit's note, 新建, the
 * imported file's name), and the import the change came from, when a write of new tables made it.
 */
export interface TableChangeContext {
  reason: string | null;
  importId?: string | null;
  /** A new version's diff, when the caller computed it before its transaction. */
  diff?: TableDiff;
}

/** The audit entry of one table change: `table.create`, `table.update` (with the diff) or `table.delete`. */
export function tableChangeAudit(
  change: TableChange,
  actor: AuditActor,
  context: TableChangeContext,
): AuditEntry {
  const fromImport = context.importId === undefined ? {} : { importId: context.importId };
  if (change.kind === 'created') {
    const { table } = change.record;
    return {
      actor,
      action: 'table.create',
      entity: 'table',
      entityId: change.record.id,
      diff: { year: table.year, unit: table.unit, name: table.name, importId: context.importId ?? null },
    };
  }
  if (change.kind === 'versioned') {
    return {
      actor,
      action: 'table.update',
      entity: 'table',
      entityId: change.after.id,
      diff: {
        fromVersion: change.before.version,
        toVersion: change.after.version,
        reason: context.reason,
        ...fromImport,
        ...(context.diff ?? diffTables(change.before.table, change.after.table)),
      },
    };
  }
  const { table } = change.before;
  return {
    actor,
    action: 'table.delete',
    entity: 'table',
    entityId: change.before.id,
    diff: {
      version: change.before.version,
      year: table.year,
      unit: table.unit,
      name: table.name,
      ...(context.reason === null ? {} : { reason: context.reason }),
      ...fromImport,
    },
  };
}
