import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import type { MonitoringAssessment, MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { type AuditActor, writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { saveMonitoringReport } from '@jixiao/db/evaluation.repository';
import { claimImportPreview } from '@jixiao/db/tables.repository';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { enterableTable } from '../guards/table.guards.ts';

// Monitoring reports: an author of the table's unit enters progress at a cut-off month (table.report, on
// an approved or published table); the lights are assessed with the default scheme and kept with the
// report, and the report, its audit entry and the confirmation of the form it was imported from (if any)
// are written in one transaction.

/** A saved monitoring report as the API answers it. */
export interface SavedMonitoring {
  tableId: string;
  tableVersion: number;
  report: MonitoringReport;
  assessment: MonitoringAssessment;
  updatedAt: string;
}

/**
 * Assesses `report` against the table and keeps both with the audit entry `monitoring.save`; with
 * `importId`, the import preview it came from is confirmed (`import.confirm`) in the same transaction.
 * Asks no policy: callers have checked who may report on `record`.
 */
export async function recordMonitoringReport(
  db: Database,
  record: TableRecord,
  report: MonitoringReport,
  actor: AuditActor,
  importId?: string,
): Promise<MonitoringAssessment> {
  const assessment = assessMonitoring(record.table, report, DEFAULT_MONITORING_SCHEME);
  await db.transaction().execute(async (trx) => {
    const file = importId === undefined ? null : await claimImportPreview(trx, importId);
    await saveMonitoringReport(trx, {
      tableId: record.id,
      tableVersion: record.version,
      schemeId: DEFAULT_MONITORING_SCHEME.id,
      report,
      light: assessment.light,
      risk: assessment.risk,
      missingMeasures: missingMeasureCount(assessment),
      actor,
    });
    await writeAudit(trx, {
      actor,
      action: 'monitoring.save',
      entity: 'table',
      entityId: record.id,
      diff: { cutOffMonth: report.cutOffMonth, light: assessment.light, report },
    });
    if (file) {
      await writeAudit(trx, {
        actor,
        action: 'import.confirm',
        entity: 'import',
        entityId: file.id,
        diff: {
          fileName: file.file_name,
          monitoring: { tableId: record.id, cutOffMonth: report.cutOffMonth },
        },
      });
    }
  });
  return assessment;
}

/**
 * The caller enters the monitoring report of table `tableId` (PUT /api/tables/:id/monitoring/:month):
 * 401/403 unless they report on it, 409 `evaluation.not_approved` for its own author before approval.
 */
export async function saveMonitoring(
  db: Database,
  caller: Caller,
  tableId: string,
  report: MonitoringReport,
): Promise<SavedMonitoring> {
  const record = await enterableTable(caller, db, tableId);
  const assessment = await recordMonitoringReport(db, record, report, auditActorOf(caller));
  return {
    tableId: record.id,
    tableVersion: record.version,
    report,
    assessment,
    updatedAt: new Date().toISOString(),
  };
}
