import { escapeHtml } from '@jixiao/core/export/layout-html';
import { officialLayout } from '@jixiao/core/export/official-layout';
import ExcelJS from 'exceljs';
import type { BenchResult } from '../../../scripts/bench-kit.ts';
import { closeSharedBrowser } from './chromium.ts';
import { LAYOUT_CSS, renderLayoutHtml } from './layout-html.ts';
import { htmlToPdf } from './layout-pdf.ts';
import { layoutToXlsx } from './layout-xlsx.ts';
import { seedTables } from './testing/export-fixtures.ts';
import { pairedMedians } from './testing/paired-median.ts';

/** The same cell values as the form, written as a bare grid: what exceljs costs without any layout. */
async function bareWorkbook(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Export costs against the libraries' own floor: the official-layout workbook against exceljs writing the
 * same texts as a bare grid, and printing the seed form against chromium printing a one-line page.
 */
export default async function exportBench(): Promise<BenchResult[]> {
  const layouts = seedTables().map((t) => officialLayout(t, 'zh'));
  const rows = layouts.flatMap((l) => [
    ...[...l.header, ...l.narratives, ...l.money.rows].map((r) => r.map((c) => c.text)),
    ...l.grid.rows.map((r) => r.cells.map((c) => c.text)),
  ]);
  const { work: xlsx, baseline: bare } = await pairedMedians(
    () => layoutToXlsx(layouts),
    () => bareWorkbook(rows),
    15,
  );

  // Each print differs by a comment so the document cache cannot answer it.
  let n = 0;
  const form = renderLayoutHtml(layouts[1]!);
  // The same words in the same fonts, as plain paragraphs: what printing costs without the form.
  const words = rows.map((r) => `<p>${r.map(escapeHtml).join(' ')}</p>`).join('');
  const plain = `<!doctype html><html lang="zh-CN"><head><style>${LAYOUT_CSS}</style></head><body>${words}</body></html>`;
  const printForm = () => htmlToPdf(`${form}<!-- ${n++} -->`, { pageNumbers: 'zh' });
  const printPlain = () => htmlToPdf(`${plain}<!-- ${n++} -->`, { pageNumbers: 'zh' });
  const { work: pdf, baseline: floor } = await pairedMedians(printForm, printPlain, 7);
  await closeSharedBrowser();
  return [
    {
      name: 'official-layout .xlsx of the 3 seed tables',
      baseline: 'exceljs writing the same texts as a bare grid',
      ratio: xlsx / bare,
      goal: 3,
      detail: `${xlsx.toFixed(1)} ms vs ${bare.toFixed(1)} ms`,
    },
    {
      name: 'PDF of seed table 2 (2 A4 pages, warm browser, not cached)',
      baseline: 'chromium printing the form’s words as plain paragraphs in the same fonts',
      ratio: pdf / floor,
      goal: 2,
      detail: `${pdf.toFixed(0)} ms vs ${floor.toFixed(0)} ms`,
    },
  ];
}
