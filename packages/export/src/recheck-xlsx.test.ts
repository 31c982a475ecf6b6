import { buildImportedSelfEvaluation } from '@jixiao/core/scoring/self-evaluation.factory';
import { CLAIM_CAUSE_LABELS } from '@jixiao/core/scoring/self-evaluation-claim.schema';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type RecheckSheetEvaluation, recheckSheetRows, recheckWorkbook } from './recheck-xlsx.ts';

/** The imported training 自评表 as the re-check route hands it to the workbook. */
function evaluation(): RecheckSheetEvaluation {
  const { table, score } = buildImportedSelfEvaluation();
  const claim = score.claim!;
  return {
    name: table.name,
    unit: table.unit,
    year: table.year,
    scheme: '全国项目支出绩效自评',
    claimedTotal: claim.claimedTotal,
    ruleTotal: claim.ruleTotal,
    gap: claim.gap,
    total: score.total,
    causes: claim.causes.map((c) => CLAIM_CAUSE_LABELS[c].zh).join('；'),
    rows: recheckSheetRows(table, score),
  };
}

function values(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return Array.from({ length: sheet.columnCount }, (_, i) => sheet.getCell(row, i + 1).value);
}

describe('the 财政复核 workbook read back', () => {
  it('lists each evaluation with the claimed and rules’ totals, and every row with both scores', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await recheckWorkbook([evaluation()])) as never);
    const [list, rows] = workbook.worksheets;
    expect(list?.name).toBe('复核清单');
    expect(values(list!, 2).slice(4, 8)).toEqual([100, 89.5, 10.5, 89.5]);
    expect(String(list!.getCell(2, 9).value)).toContain('未达标却得满分');

    expect(rows?.name).toBe('逐行对比');
    expect(values(rows!, 1)).toEqual([
      '项目名称',
      '行',
      '指标',
      '印刷分值',
      '单位自评',
      '规则得分',
      '差额',
      '原因',
      '说明',
      '复核后得分',
      '复核决定',
    ]);
    // The execution row: printed weight 10, claimed 10 against the rule's 9.5 for 95 % spent.
    expect(values(rows!, 2).slice(1, 8)).toEqual([
      '预算执行率',
      '预算执行率',
      10,
      10,
      9.5,
      0.5,
      '预算执行得分不符',
    ]);
    expect(values(rows!, 3).slice(2, 8)).toEqual(['培训人次', 50, 50, 40, 10, '未达标却得满分']);
    expect(values(rows!, 3)[9]).toBe(40);
    expect(values(rows!, 4).slice(2, 8)).toEqual(['满意度', 40, 40, 40, 0, '']);
  });
});
