import { mkdirSync, writeFileSync } from 'node:fs';
import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import {
  buildImportedSelfEvaluation,
  buildTrainingSelfEvaluation,
} from '@jixiao/core/scoring/self-evaluation.factory';
import { extractDocxText } from '@jixiao/import/docx/docx-text';
import { extractPdfText } from '@jixiao/import/pdf/pdf-text';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser } from './chromium.ts';
import { layoutToDocx } from './layout-docx.ts';
import { renderLayoutHtml } from './layout-html.ts';
import { layoutToPdf } from './layout-pdf.ts';
import { layoutToXlsx } from './layout-xlsx.ts';

afterAll(closeSharedBrowser);

/** EVALUATION's 自评表 of a two-indicator training project, scored by the default scheme. */
function layout() {
  const { table, entry, score } = buildTrainingSelfEvaluation();
  return selfEvaluationLayout(table, entry, score, 'zh');
}

describe('the 自评表 through the same renderers', () => {
  it('prints its notes, goal rows and 得分说明 column in HTML', () => {
    const html = renderLayoutHtml(layout());
    expect(html).toContain('<h1 class="jx-title">项目支出绩效自评表</h1>');
    expect(html).toContain('<p class="jx-note">自评总分 89.50 分，评价等级：良</p>');
    expect(html).toContain('<th scope="col">得分说明</th>');
    expect(html).toContain('class="jx-grid jx-dense"');
    expect(html).toContain('data-field="goalCompletion">基本完成</td>');
  });

  it('writes it to Excel with numbers for 分值 and 得分', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(layout())) as never);
    const sheet = workbook.worksheets[0]!;
    let head = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '一级指标') head = n;
    });
    expect(head).toBeGreaterThan(0);
    const headings = Array.from({ length: 9 }, (_, i) => sheet.getCell(head, i + 1).value);
    expect(headings).toEqual(layout().grid.columns.map((c) => c.label));
    expect(sheet.getCell(head + 1, 4).value).toBe(50);
    expect(sheet.getCell(head + 1, 7).value).toBe(40);
    expect(String(sheet.getCell(head + 1, 8).value)).toContain('50.00 × 80 ÷ 100 = 40.00');
  });

  it('prints it to a PDF whose text keeps the execution score and its formula', async () => {
    const pdf = await layoutToPdf(layout());
    // layout-pdf.test.ts makes this folder too; this file must not depend on running after it.
    const outputDir = new URL('../../../test-output/export/', import.meta.url);
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(new URL('self-evaluation-scored.pdf', outputDir), pdf);
    // Ten columns do not fit portrait A4 at a readable size: the 自评表 prints landscape.
    expect(renderLayoutHtml(layout())).toContain('class="jx-form jx-zh jx-wide"');
    const text = await extractPdfText(pdf);
    expect(text).toContain('项目支出绩效自评表');
    expect(text).toContain('自评总分 89.50 分，评价等级：良');
    // Wrapped cells interleave their lines in the text layer; single-line cells read whole.
    expect(text).toContain('预算执行率：\t95.00%');
    expect(text.replace(/\s/g, '')).toContain('得分=min(执行率,100%)×10.00=9.50');
  });
});

/** An imported 自评表: the unit printed 50 for a missed row the rules score 40, execution 10, total 100. */
function filedLayout() {
  const { table, entry, score } = buildImportedSelfEvaluation();
  return selfEvaluationLayout(table, entry, score, 'zh');
}

describe('a filed and imported 自评表 prints the unit’s scores with the rules’ in 得分说明', () => {
  it('in Excel: 分值 and 得分 as filed, the comparison beside them, both totals below', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await layoutToXlsx(filedLayout())) as never);
    const sheet = workbook.worksheets[0]!;
    let head = 0;
    const texts: string[] = [];
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === '一级指标') head = n;
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    expect(head).toBeGreaterThan(0);
    expect(sheet.getCell(head + 1, 4).value).toBe(50);
    expect(sheet.getCell(head + 1, 7).value).toBe(50);
    expect(String(sheet.getCell(head + 1, 8).value)).toContain('单位自评 50 分，按规则 40');
    expect(String(sheet.getCell(head + 1, 8).value)).toContain('相差 10 分：未达标却得满分');
    expect(texts).toContain('单位自评总分 100.00 分，评价等级：优（按单位填报）');
    expect(texts).toContain(
      '按评分规则复核：规则总分 89.50 分，差额 +10.50 分；复核后总分 89.50 分，评价等级：良',
    );
  });

  it('in PDF and Word: the filed total and the re-check read back from the files', async () => {
    const pdf = (await extractPdfText(await layoutToPdf(filedLayout()))).replace(/\s/g, '');
    expect(pdf).toContain('单位自评总分100.00分，评价等级：优（按单位填报）');
    expect(pdf).toContain('规则总分89.50分，差额+10.50分');
    const docx = (await extractDocxText(await layoutToDocx(filedLayout()))).replace(/\s/g, '');
    expect(docx).toContain('单位自评总分100.00分');
    expect(docx).toContain('单位自评50分，按规则40');
  });
});
