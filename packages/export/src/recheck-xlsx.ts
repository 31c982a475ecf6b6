import type { SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import { CLAIM_CAUSE_LABELS } from '@jixiao/core/scoring/self-evaluation-claim.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import ExcelJS from 'exceljs';

/** One evaluation of the re-check list with its compared rows, as the workbook prints it. */
export interface RecheckSheetEvaluation {
  name: string;
  unit: string;
  year: number;
  scheme: string;
  claimedTotal: number | null;
  ruleTotal: number | null;
  gap: number | null;
  total: number;
  causes: string;
  rows: {
    row: string;
    indicator: string;
    printedWeight: number | null;
    claimed: number | null;
    rule: number;
    difference: number | null;
    cause: string;
    explanation: string;
    /** The row's score after the re-check (the reviewer's decision, else the rule's). */
    final: number | null;
    decision: string;
  }[];
}

/**
 * The compared rows of one evaluation as the workbook prints them: the execution row first, then each
 * indicator, with the reviewer's decision per row (`decided`, keyed by the line's target).
 */
export function recheckSheetRows(
  table: PerformanceTable,
  score: SelfEvaluationScore,
  decided: ReadonlyMap<string, string> = new Map(),
): RecheckSheetEvaluation['rows'] {
  return (score.claim?.lines ?? []).map((line) => ({
    row: line.target === 'execution' ? '预算执行率' : `指标 ${line.target + 1}`,
    indicator: line.target === 'execution' ? '预算执行率' : (table.indicators[line.target]?.name ?? ''),
    printedWeight: line.printedWeight,
    claimed: line.claimed,
    rule: line.rule,
    difference: line.difference,
    cause: line.cause ? CLAIM_CAUSE_LABELS[line.cause].zh : '',
    explanation: line.zh,
    final:
      line.target === 'execution'
        ? score.execution.score
        : (score.indicators.find((l) => l.indicatorIndex === line.target)?.score ?? null),
    decision: decided.get(String(line.target)) ?? '',
  }));
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function sheet(workbook: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const head = ws.getRow(1);
  head.font = { name: '黑体', bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  return ws;
}

function framed(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = BORDER;
    cell.font = { name: '宋体' };
    cell.alignment = { vertical: 'top', wrapText: true };
  });
}

/**
 * The re-check (财政复核) as an Excel workbook: one sheet of evaluations by gap (claimed total, rules'
 * total, gap, causes) and one sheet of every compared row (the execution row first): the printed weight,
 * the unit's score, the rule's, the difference and its cause, the score after the re-check and the
 * reviewer's decision. The official 自评表 prints the unit's scores as filed; this is where both stand.
 */
export async function recheckWorkbook(evaluations: readonly RecheckSheetEvaluation[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao';
  const list = sheet(workbook, '复核清单', [
    { header: '项目名称', width: 36 },
    { header: '单位', width: 28 },
    { header: '年度', width: 8 },
    { header: '评分办法', width: 26 },
    { header: '单位自评总分', width: 12 },
    { header: '规则总分', width: 10 },
    { header: '差额', width: 8 },
    { header: '复核后总分', width: 11 },
    { header: '差异原因', width: 48 },
  ]);
  for (const e of evaluations) {
    framed(
      list.addRow([e.name, e.unit, e.year, e.scheme, e.claimedTotal, e.ruleTotal, e.gap, e.total, e.causes]),
    );
  }
  const rows = sheet(workbook, '逐行对比', [
    { header: '项目名称', width: 30 },
    { header: '行', width: 10 },
    { header: '指标', width: 28 },
    { header: '印刷分值', width: 9 },
    { header: '单位自评', width: 9 },
    { header: '规则得分', width: 9 },
    { header: '差额', width: 8 },
    { header: '原因', width: 24 },
    { header: '说明', width: 60 },
    { header: '复核后得分', width: 10 },
    { header: '复核决定', width: 30 },
  ]);
  for (const e of evaluations) {
    for (const r of e.rows) {
      framed(
        rows.addRow([
          e.name,
          r.row,
          r.indicator,
          r.printedWeight,
          r.claimed,
          r.rule,
          r.difference,
          r.cause,
          r.explanation,
          r.final,
          r.decision,
        ]),
      );
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
