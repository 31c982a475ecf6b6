import { officialLayout } from '@jixiao/core/export/official-layout';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutToXlsx } from './layout-xlsx.ts';

// Spreadsheet formula injection: what users typed must reach Excel as text, never as a formula.
describe('Excel export of hostile content', () => {
  it('writes formula-looking text as string cells', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","点击")', '+1+1', '-2+3', '@SUM(A1)'];
    const table = buildTable({
      name: hostile[0],
      indicators: [
        ...buildTable().indicators,
        ...hostile.map((text) => buildIndicator('产出指标', '数量指标', text, '>=1个')),
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(officialLayout(table, 'zh'))) as never);
    const seen: string[] = [];
    const formulas: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
          if (typeof cell.value === 'string') seen.push(cell.value);
        }),
      ),
    );
    expect(formulas).toEqual([]);
    for (const text of hostile) expect(seen.some((value) => value.includes(text))).toBe(true);
  });
});
