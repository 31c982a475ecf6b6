import { type AuditActor, writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { rectificationEvidenceFile, type StoredEvidence } from '@jixiao/db/rectification.repository';

/**
 * An evidence file of a 整改 task for a reader of its table. Evidence is not public (minutes, invoices,
 * photographs of people), so every read is a line in the audit log — who, when, which file of which
 * task of which table — written before a byte leaves: a download the log cannot record is not served.
 */
export async function downloadRectificationEvidence(
  db: Database,
  input: { tableId: string; taskId: string; fileId: string; actor: AuditActor },
): Promise<StoredEvidence> {
  const { tableId, taskId, fileId } = input;
  const file = await rectificationEvidenceFile(db, { tableId, taskId, fileId });
  await writeAudit(db, {
    actor: input.actor,
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
