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

/** A column of a sheet: its header, its width in characters and what it prints of an item. */
type Column<T> = readonly [header: string, width: number, value: (item: T) => ExcelJS.CellValue];

/** A sheet with a frozen bold header and one framed row per item. */
function addSheet<T>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly Column<T>[],
  items: readonly T[],
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  const head = ws.getRow(1);
  head.font = { name: '黑体', bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (const item of items) framed(ws.addRow(columns.map(([, , value]) => value(item))));
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
  addSheet(
    workbook,
    '复核清单',
    [
      ['项目名称', 36, (e) => e.name],
      ['单位', 28, (e) => e.unit],
      ['年度', 8, (e) => e.year],
      ['评分办法', 26, (e) => e.scheme],
      ['单位自评总分', 12, (e) => e.claimedTotal],
      ['规则总分', 10, (e) => e.ruleTotal],
      ['差额', 8, (e) => e.gap],
      ['复核后总分', 11, (e) => e.total],
      ['差异原因', 48, (e) => e.causes],
    ],
    evaluations,
  );
  addSheet(
    workbook,
    '逐行对比',
    [
      ['项目名称', 30, (r) => r.name],
      ['行', 10, (r) => r.row],
      ['指标', 28, (r) => r.indicator],
      ['印刷分值', 9, (r) => r.printedWeight],
      ['单位自评', 9, (r) => r.claimed],
      ['规则得分', 9, (r) => r.rule],
      ['差额', 8, (r) => r.difference],
      ['原因', 24, (r) => r.cause],
      ['说明', 60, (r) => r.explanation],
      ['复核后得分', 10, (r) => r.final],
      ['复核决定', 30, (r) => r.decision],
    ],
    evaluations.flatMap((e) => e.rows.map((r) => ({ name: e.name, ...r }))),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
