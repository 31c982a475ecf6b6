import { officialLayout } from '@jixiao/core/export/official-layout';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutToXlsx } from './layout-xlsx.ts';
import { buildSelfEvaluation, seedTable, seedTables } from './testing/export-fixtures.ts';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  return workbook;
}

/** The sheet's merged ranges as exceljs reports them after reading the file (e.g. `A1:D1`). */
function merges(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.model as unknown as { merges: string[] }).merges;
}

/** Row number of the first row whose first cell says `text`. */
function rowOf(sheet: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (sheet.getCell(r, 1).value === text) return r;
  }
  throw new Error(`no row starting with ${text}`);
}

describe('layoutToXlsx', () => {
  it('writes the seed form as one A4 sheet with merged title, label/value pairs and money in 元', async () => {
    const workbook = await readBack(await layoutToXlsx(officialLayout(seedTable(0), 'zh')));
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('科创中心建设工作经费');
    expect(sheet.getCell('A1').value).toBe('财政项目支出绩效目标表');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('（2020年度）');
    expect(merges(sheet)).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2', 'B3:D3']));
    expect(sheet.getCell('A3').value).toBe('申报单位名称');
    expect(sheet.getCell('A3').font?.bold).toBe(true);
    expect(sheet.getCell('B3').value).toBe('上海推进科技创新中心建设办公室');

    const money = rowOf(sheet, '项目总预算（元）');
    expect(sheet.getCell(money, 2).value).toBe(41098620);
    expect(sheet.getCell(money, 2).numFmt).toBe('#,##0"元"');
    expect(sheet.getCell(money + 1, 4).value).toBe(60524400);

    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('portrait');
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    // Columns are wide enough for 是否含有政府购买服务 and the grid's 三级目标 on one line.
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(22);
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0);
    expect(sheet.getCell(money, 1).border?.top?.style).toBe('thin');
  });

  it('lays the indicator grid out with vertically merged level-1 and level-2 cells', async () => {
    const sheet = (await readBack(await layoutToXlsx(officialLayout(seedTable(1), 'zh')))).worksheets[0]!;
    const head = rowOf(sheet, '一级目标');
    expect([2, 3, 4].map((c) => sheet.getCell(head, c).value)).toEqual([
      '二级目标',
      '三级目标',
      '指标目标值',
    ]);
    const first = head + 1;
    const ranges = merges(sheet);
    expect(ranges).toContain(`A${first}:A${first + 8}`); // 投入与管理 over 9 rows
    expect(ranges).toContain(`B${first}:B${first + 2}`); // 投入管理 over 3 rows
    expect(ranges).toContain(`B${first + 12}:B${first + 13}`); // the two 社会效益 rows
    expect(sheet.getCell(first, 1).value).toBe('投入与管理');
    expect(sheet.getCell(first + 13, 3).value).toBe('提升园区科创成果知名度');
    expect(sheet.getCell(first + 13, 4).value).toBe('>=10%');
    expect(sheet.getCell(first + 16, 4).value).toBe('>=90%');
    expect(sheet.rowCount).toBe(first + 16);
  });

  it('keeps the self-evaluation columns, numbers as numbers and fen in the money format', async () => {
    const sheet = (await readBack(await layoutToXlsx(officialLayout(buildSelfEvaluation(), 'zh'))))
      .worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('项目支出绩效自评表');
    const head = rowOf(sheet, '一级指标');
    const labels = Array.from({ length: 9 }, (_, i) => sheet.getCell(head, i + 1).value);
    expect(labels).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '分值',
      '年度指标值',
      '实际完成值',
      '得分',
      '指标解释',
      '偏差原因分析及改进措施',
    ]);
    expect(sheet.getCell(head + 1, 4).value).toBe(30);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.getCell(head + 3, 9).value).toContain('接待人员不足');
    const executed = rowOf(sheet, '全年执行数（元）');
    // With 9 grid columns each header column spans two or three sheet columns.
    const valueCell = sheet.getCell(executed, 3);
    expect(valueCell.value).toBe(38500000.5);
    expect(valueCell.numFmt).toBe('#,##0.00"元"');
  });

  it('writes one sheet per table with unique names', async () => {
    const layouts = [...seedTables(), seedTable(0)].map((t) => officialLayout(t, 'zh'));
    const workbook = await readBack(await layoutToXlsx(layouts));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '科创中心建设工作经费',
      '科创中心展厅运营经费',
      '未来公园展厅运营经费',
      '科创中心建设工作经费(2)',
    ]);
  });
});
