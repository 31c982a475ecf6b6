import { writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { rectificationEvidenceFile, type StoredEvidence } from '@jixiao/db/rectification.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { assertCanTable } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';

/**
 * An evidence file of a 整改 task for a reader of its table (401/403 otherwise). Evidence is not public
 * (minutes, invoices, photographs of people), so every read is a line in the audit log — who, when,
 * which file of which task of which table — written before a byte leaves: a download the log cannot
 * record is not served.
 */
export async function downloadRectificationEvidence(
  db: Database,
  caller: Caller,
  input: { tableId: string; taskId: string; fileId: string },
): Promise<StoredEvidence> {
  const record = await createTableRepository(db).get(input.tableId);
  await assertCanTable(caller, db, 'table.read', record);
  const { taskId, fileId } = input;
  const tableId = record.id;
  const file = await rectificationEvidenceFile(db, { tableId, taskId, fileId });
  await writeAudit(db, {
    actor: auditActorOf(caller),
    action: 'rectification.evidence_download',
    entity: 'rectification',
    entityId: taskId,
    diff: {
      tableId,
      fileId,
      name: file.name,
      mediaType: file.mediaType,
      size: file.size,
      sha256: file.sha256,
    },
  });
  return file;
}
