import { officialLayout } from '@jixiao/core/export/official-layout';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { layoutToPdf } from '@jixiao/export/layout-pdf';
import { layoutToXlsx } from '@jixiao/export/layout-xlsx';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { pairedMedians } from '@jixiao/export/testing/paired-median';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { importWorkbook } from '../xlsx/xlsx-import.ts';
import { extractPdfText } from './pdf-text.ts';

/** pdfjs alone: every page's text items, no line rebuilding. */
async function rawTextItems(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  let items = 0;
  for (let n = 1; n <= doc.numPages; n++)
    items += (await (await doc.getPage(n)).getTextContent()).items.length;
  await doc.destroy();
  return items;
}

/**
 * Reading exported documents back against the libraries' own floor: PDF lines against pdfjs's raw text
 * items of the same file, the workbook reader against exceljs loading the same bytes.
 */
export default async function pdfAndXlsxReadBench(): Promise<BenchResult[]> {
  const layouts = seedTables().map((t) => officialLayout(t, 'zh'));
  const pdf = new Uint8Array(await layoutToPdf(layouts));
  await closeSharedBrowser();
  const { work: lines, baseline: raw } = await pairedMedians(
    () => extractPdfText(pdf),
    () => rawTextItems(pdf),
    9,
  );

  const xlsx = new Uint8Array(await layoutToXlsx(layouts));
  const { work: read, baseline: load } = await pairedMedians(
    () => importWorkbook(xlsx),
    () => new ExcelJS.Workbook().xlsx.load(Buffer.from(xlsx) as never),
    // Enough runs for both to reach steady state: the first dozen calls are mostly JIT warm-up.
    40,
  );
  return [
    {
      name: 'extractPdfText of the 3-table seed PDF',
      baseline: 'pdfjs text items of the same PDF',
      ratio: lines / raw,
      goal: 1.3,
      detail: `${lines.toFixed(0)} ms vs ${raw.toFixed(0)} ms, ${pdf.byteLength} bytes`,
    },
    {
      name: 'importWorkbook of the 3-table seed workbook',
      baseline: 'exceljs loading the same bytes',
      ratio: read / load,
      goal: 1.5,
      detail: `${read.toFixed(1)} ms vs ${load.toFixed(1)} ms`,
    },
  ];
}
