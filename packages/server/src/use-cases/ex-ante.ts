import { AppError } from '@jixiao/core/errors/app-error';
import { exAnteTotal } from '@jixiao/core/ex-ante/ex-ante';
import type { ExAnteAssessment, ExAnteAssessmentInput } from '@jixiao/core/ex-ante/ex-ante.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { getExAnteAssessment, storeExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { assertCanTable } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { auditedWrite } from './audited-write.ts';

/**
 * The caller saves the ex-ante assessment (事前绩效评估) of table `tableId` (PUT /api/tables/:id/ex-ante):
 * whoever may edit the table (its unit's author while it is editable), 401/403 otherwise; 409
 * `ex_ante.not_applicable` on a table that is not a target table. The assessment and its `ex_ante.save`
 * entry (conclusion, total and what they replaced) are written in one transaction.
 */
export async function saveExAnte(
  db: Database,
  caller: Caller,
  tableId: string,
  input: ExAnteAssessmentInput,
): Promise<{ record: TableRecord; assessment: ExAnteAssessment }> {
  const record = await createTableRepository(db).get(tableId);
  await assertCanTable(caller, db, 'table.update', record);
  if (record.table.kind !== 'target') {
    throw new AppError(
      'ex_ante.not_applicable',
      '只有绩效目标表需要事前绩效评估',
      'Only target tables take an ex-ante assessment',
      { path: 'id' },
    );
  }
  const actor = auditActorOf(caller);
  const total = exAnteTotal(input.scores);
  await auditedWrite(
    db,
    actor,
    (trx) => storeExAnteAssessment(trx, { tableId, assessment: input, total, actor }),
    ({ before }) => ({
      action: 'ex_ante.save',
      entity: 'table',
      entityId: tableId,
      diff: { conclusion: input.conclusion, total, ...(before ? { before } : {}) },
    }),
  );
  const assessment = await getExAnteAssessment(db, tableId);
  if (!assessment) throw new Error('ex-ante assessment vanished after saving');
  return { record, assessment };
}
