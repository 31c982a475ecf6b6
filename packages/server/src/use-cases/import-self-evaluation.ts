import { AppError } from '@jixiao/core/errors/app-error';
import { printedFormOnTable, selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { readPrintedTotal } from '@jixiao/core/scoring/printed-total';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { DEFAULT_SCORING_SCHEME_ID, SCORING_SCHEMES } from '@jixiao/core/scoring/scoring-schemes';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type {
  ImportConfirm,
  ImportResult,
  ShownFormQuery,
  TableRecord,
} from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import type { ImportPreviewRecord } from '@jixiao/db/tables.repository';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { assertSelfEvaluationOpen } from '../guards/calendar.guards.ts';
import { enterableTable } from '../guards/table.guards.ts';
import { matchingTable, monitoringTableFor, shownForm, type UnmatchedForm } from './import-monitoring.ts';
import { recordSelfEvaluation, scoredEntryWrite } from './self-evaluation.ts';
import { recordImportedTables } from './table-writes.ts';

// Confirming an uploaded, filled 绩效自评表: the printed actuals fill the self-evaluation of the approved
// table of the same unit, project and year (or the one the user chose), and what the unit printed (row
// weights and scores, execution score, total) is kept as its claim beside the rules' scores. A form whose
// table is not in the system (a past year) brings its own table with it when the user says so.

/** Whether a confirmed import is a filled self-evaluation form rather than target tables to create. */
export function isSelfEvaluationImport(tables: readonly PerformanceTable[]): boolean {
  return tables.some((table) => table.kind === 'self-evaluation' && table.monitoring == null);
}

const unmatchedSelfEvaluation: UnmatchedForm = {
  ambiguous: (form, count) => ({
    code: 'import.self_evaluation_ambiguous',
    zh: `本单位 ${form.year} 年有 ${count} 张名为“${form.name}”的绩效目标表，请选择自评表对应的一张。`,
    en: `Your unit has ${count} tables named "${form.name}" in ${form.year}: choose the one the form evaluates.`,
  }),
  missing: (form, count) => ({
    code: 'import.self_evaluation_no_table',
    zh:
      count > 0
        ? `本单位 ${form.year} 年没有名为“${form.name}”的已批复绩效目标表：请从当年的 ${count} 张表中选择，或作为往年自评连同目标表一并导入。`
        : `本单位 ${form.year} 年没有已批复或已公开的绩效目标表：“${form.name}”的自评表可作为往年自评连同目标表一并导入。`,
    en:
      count > 0
        ? `Your unit has no approved table named "${form.name}" in ${form.year}: choose one of its ${count} tables that year, or import it as a past year's evaluation with its own table.`
        : `Your unit has no approved or published table in ${form.year}: the form of "${form.name}" can be imported as a past year's evaluation with its own table.`,
  }),
};

async function saveImported(
  caller: Caller,
  db: Database,
  record: TableRecord,
  form: PerformanceTable,
  options: {
    preview: ImportPreviewRecord;
    body: ImportConfirm;
    confirmImport: boolean;
    ownTable: boolean;
  },
): Promise<ImportResult> {
  const { preview, body } = options;
  const laid = options.ownTable ? null : printedFormOnTable(form, record.table);
  const { entry, scheme } = selfEvaluationOfPrintedForm(laid?.form ?? form, {
    printedTotal: readPrintedTotal(preview.sourceText),
    schemeId: body.schemeId,
    importId: preview.id,
    fileName: preview.fileName,
    printedWeights: laid?.printedWeights,
  });
  const score = scoreSelfEvaluation(record.table, entry, scheme);
  const write = scoredEntryWrite(record, scheme.id, entry, score, auditActorOf(caller));
  await recordSelfEvaluation(db, write, options.confirmImport ? preview.id : undefined);
  const recheck = write.recheck;
  return {
    importId: preview.id,
    records: options.ownTable ? [record] : [],
    selfEvaluation: {
      tableId: record.id,
      name: record.table.name,
      unit: record.table.unit,
      year: record.table.year,
      ownTable: options.ownTable,
      schemeId: scheme.id,
      total: score.total,
      claimedTotal: recheck?.claimedTotal ?? null,
      gap: recheck?.gap ?? null,
      causes: [...(recheck?.causes ?? [])],
      unmatched: laid?.unmatched ?? [],
    },
  };
}

/**
 * Fills the self-evaluation of the table a confirmed 自评表 belongs to (found, or chosen by `tableId`),
 * saved with the import's confirmation in one transaction; with `ownTable`, creates the form's own
 * table first (a past year's target table never entered here), then its self-evaluation.
 */
export async function confirmSelfEvaluationImport(
  caller: Caller,
  db: Database,
  preview: ImportPreviewRecord,
  body: ImportConfirm,
  now?: Date,
): Promise<ImportResult> {
  const [form, ...more] = body.tables;
  if (!form || more.length > 0) {
    throw new AppError(
      'import.self_evaluation_one_form',
      '一次只能导入一张绩效自评表；请分开上传各项目的自评表。',
      'Import one self-evaluation form at a time: upload each project’s form on its own.',
      { path: 'tables' },
    );
  }
  if (body.ownTable && body.tableId === undefined) {
    const { records } = await recordImportedTables(
      db,
      auditActorOf(caller),
      preview.id,
      [form],
      body.duplicates ?? [],
    );
    const record = records[0];
    if (!record) {
      throw new AppError(
        'import.self_evaluation_skipped',
        '自评表的目标表按您的选择未导入，自评也未保存。',
        'The form’s table was skipped as you chose, so no self-evaluation was saved.',
        { path: 'duplicates' },
      );
    }
    return saveImported(caller, db, record, form, { preview, body, confirmImport: false, ownTable: true });
  }
  const tableId = body.tableId ?? (await matchingTable(db, preview, form, unmatchedSelfEvaluation));
  const record = await enterableTable(caller, db, tableId);
  // Filling an approved table's self-evaluation by upload is saving it: the year's window applies as to
  // PUT /api/tables/:id/self-evaluation. A past year's form with its own table is a record, not a save.
  await assertSelfEvaluationOpen(db, record.table, now);
  return saveImported(caller, db, record, form, { preview, body, confirmImport: true, ownTable: false });
}

/**
 * Where a previewed 自评表 would go (the matched approved table, or the tables to choose from) and the
 * scheme its printed weights tell.
 */
export async function selfEvaluationMatch(
  db: Database,
  preview: ImportPreviewRecord,
  shown: ShownFormQuery = {},
) {
  const form = shownForm(preview, 'self-evaluation', shown);
  const schemes = Object.values(SCORING_SCHEMES).map(({ id, name, executionWeight }) => ({
    id,
    name,
    executionWeight,
  }));
  if (!form) return { tableId: null, candidates: [], schemeId: DEFAULT_SCORING_SCHEME_ID, schemes };
  const found = await monitoringTableFor(db, preview, form);
  const { scheme } = selfEvaluationOfPrintedForm(form, {
    printedTotal: readPrintedTotal(preview.sourceText),
  });
  return { ...found, schemeId: scheme.id, schemes };
}
