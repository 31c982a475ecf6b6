import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { splitCells } from './read-mapped.ts';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');

/** The fixture's captions: no name column for the readers; enough known words for column mapping to see a caption row. */
export const unknownCaptions = ['类别', '事项', '目标值', '备注'];

/**
 * train/header-a-05 (a 项目库 form with no year) with its indicator captions replaced by words no reader
 * knows: a form that holds table rows, yet nothing the importer recognises — what column mapping is for.
 */
export function unrecognisedFormText(): string {
  return readFileSync(join(train, 'header-a-05.txt'), 'utf8').replace(
    '指标类型 | 指标名称 | 指标值 | 指标描述',
    unknownCaptions.join(' | '),
  );
}

/**
 * The unrecognised form as a finance system would export it: one cell per printed cell, from column B; in
 * the indicator table (from line 13) a level cell merged down the rows is empty under its first row.
 */
export async function unrecognisedFormWorkbook(sheetName: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  unrecognisedFormText()
    .split('\n')
    .forEach((line, i) => {
      const cells = splitCells(line, 'pipe');
      const shift = i >= 12 ? Math.max(0, 4 - cells.length) : 0;
      cells.forEach((cell, k) => {
        sheet.getCell(i + 1, k + 2 + shift).value = cell;
      });
    });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
