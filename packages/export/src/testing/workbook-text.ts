import ExcelJS from 'exceljs';

/** Every cell's text of a workbook's sheets (the first only, if asked), row by row, as Excel shows it. */
export async function workbookCells(
  bytes: Uint8Array | ArrayBuffer,
  options: { firstSheetOnly?: boolean } = {},
): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes as Uint8Array) as unknown as ExcelJS.Buffer);
  const sheets = options.firstSheetOnly ? workbook.worksheets.slice(0, 1) : workbook.worksheets;
  const cells: string[] = [];
  for (const sheet of sheets)
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text ?? '');
      });
    });
  return cells;
}
