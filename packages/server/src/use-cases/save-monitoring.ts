import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import type { MonitoringAssessment, MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { saveMonitoringReport } from '@jixiao/db/evaluation.repository';
import type { FastifyRequest } from 'fastify';
import { auditActor } from '../auth/authorize.ts';

/**
 * Assesses a monitoring report against the table with the default scheme (lights, risk) and saves both,
 * audited as the request's user; with `importId`, the import preview it came from is confirmed in the
 * same transaction.
 */
export async function assessAndSaveMonitoring(
  request: FastifyRequest,
  db: Database,
  record: TableRecord,
  report: MonitoringReport,
  importId?: string,
): Promise<MonitoringAssessment> {
  const assessment = assessMonitoring(record.table, report, DEFAULT_MONITORING_SCHEME);
  await saveMonitoringReport(db, {
    tableId: record.id,
    tableVersion: record.version,
    schemeId: DEFAULT_MONITORING_SCHEME.id,
    report,
    light: assessment.light,
    risk: assessment.risk,
    missingMeasures: missingMeasureCount(assessment),
    actor: auditActor(request),
    ...(importId === undefined ? {} : { importId }),
  });
  return assessment;
}
