import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { AppError } from '@jixiao/core/errors/app-error';
import { excelSerialToIso } from '@jixiao/core/targets/target-grammar';
import {
  formatNumber,
  importSheets,
  MAX_COLUMNS,
  MAX_ROWS,
  type ReadCell,
  type ReadSheet,
  type SheetRow,
  type WorkbookImport,
} from '../xlsx/xlsx-import.ts';

// BIFF5 workbooks (Excel 95, still written by some finance systems) store text in the file's code page,
// GBK for Chinese ones: SheetJS decodes them only with its code-page tables.
XLSX.set_cptable(cptable);

function unreadable(detail: string): AppError {
  return new AppError(
    'import.xls_unreadable',
    `无法读取该旧版 Excel 文件（.xls），文件可能已损坏（${detail}）。可在 Excel 中另存为 .xlsx 后再导入。`,
    `Cannot read this legacy Excel file (.xls); it may be damaged (${detail}). Saving it as .xlsx in Excel may help.`,
  );
}

function encrypted(): AppError {
  return new AppError(
    'import.office_encrypted',
    '该 Excel 文件已设置打开密码（已加密）：请在 Excel 中取消密码后另存，再导入',
    'This Excel file is password-protected (encrypted): remove the password in Excel, save, and import again',
  );
}

/** Text and number of a SheetJS cell, as the .xlsx reader reads the same cell from exceljs. */
function readValue(cell: XLSX.CellObject | undefined): { text: string; number: number | null } {
  if (!cell || cell.v === undefined || cell.v === null) return { text: '', number: null };
  const format = typeof cell.z === 'string' ? cell.z : '';
  switch (cell.t) {
    case 'n': {
      const n = cell.v as number;
      // Dates are numbers in a date format: read as serials, so no time zone can shift the day.
      if (format !== '' && XLSX.SSF.is_date(format)) {
        const iso = excelSerialToIso(n);
        if (iso !== null) return { text: iso, number: null };
      }
      const text = format.includes('%') ? `${formatNumber(n * 100)}%` : formatNumber(n);
      return { text, number: n };
    }
    case 's':
      return { text: String(cell.v).trim(), number: null };
    case 'b':
      return { text: cell.v ? '是' : '否', number: null };
    case 'd':
      return { text: (cell.v as Date).toISOString().slice(0, 10), number: null };
    default:
      // Errors (#N/A) and stubs: what Excel shows, if anything.
      return { text: (cell.w ?? '').trim(), number: null };
  }
}

/**
 * The top-left cell of the merged range each cell within MAX_ROWS × MAX_COLUMNS belongs to, keyed by
 * `row * MAX_COLUMNS + column` (0-based); ranges are clipped to those bounds, so a merge over whole
 * columns costs no more than the bounds.
 */
function mergeOrigins(sheet: XLSX.WorkSheet): Map<number, { r: number; c: number }> {
  const origins = new Map<number, { r: number; c: number }>();
  for (const range of sheet['!merges'] ?? []) {
    for (let r = range.s.r; r <= Math.min(range.e.r, MAX_ROWS - 1); r++) {
      for (let c = range.s.c; c <= Math.min(range.e.c, MAX_COLUMNS - 1); c++) {
        if (r !== range.s.r || c !== range.s.c) origins.set(r * MAX_COLUMNS + c, range.s);
      }
    }
  }
  return origins;
}

/** A dense sheet's rows as the .xlsx reader hands them over: merged cells read from their top-left cell. */
function readSheet(sheet: XLSX.WorkSheet): { rows: SheetRow[]; clipped: boolean } {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const origins = mergeOrigins(sheet);
  const cellAt = (r: number, c: number) => data[r]?.[c];
  let clipped = false;
  let columnCount = 0;
  data.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (readValue(cell).text === '') return;
      if (r >= MAX_ROWS || c >= MAX_COLUMNS) clipped = true;
      else columnCount = Math.max(columnCount, c + 1);
    });
  });
  for (const origin of origins.values()) columnCount = Math.max(columnCount, origin.c + 1);
  // Reading stopped after MAX_ROWS + 1 rows: a declared range beyond them may hold more.
  const full = sheet['!fullref'] ? XLSX.utils.decode_range(sheet['!fullref']) : null;
  if (full && full.e.r > MAX_ROWS) clipped = true;

  const rows: SheetRow[] = [];
  const rowCount = Math.min(data.length, MAX_ROWS);
  for (let r = 0; r < rowCount; r++) {
    const values = new Map<number, ReadCell>();
    const cells: ReadCell[] = [];
    for (let c = 0; c < columnCount; c++) {
      const origin = origins.get(r * MAX_COLUMNS + c);
      const { text, number } = readValue(origin ? cellAt(origin.r, origin.c) : cellAt(r, c));
      if (text === '') continue;
      const read: ReadCell = { column: c + 1, text, number };
      values.set(c + 1, read);
      // A cell merged into one to its left or above is the same printed cell: list it once.
      if (!origin) cells.push(read);
    }
    rows.push({ row: r + 1, cells, at: (column) => values.get(column) ?? null });
  }
  return { rows, clipped };
}

/**
 * Reads a legacy .xls workbook (BIFF8, and BIFF5 with its code page) with SheetJS into the same sheets
 * the .xlsx reader builds, so that both go through one pipeline: Jixiao's own layout maps back cell by
 * cell, other sheets are read by the text importer. The file size is bounded before (parseFile), and
 * only MAX_ROWS + 1 rows of a sheet are built.
 */
export async function importXls(bytes: Uint8Array): Promise<WorkbookImport> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      cellFormula: false,
      sheetRows: MAX_ROWS + 1,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(detail)) throw encrypted();
    throw unreadable(detail);
  }
  const sheets: ReadSheet[] = [];
  workbook.SheetNames.forEach((name, i) => {
    // Hidden and very hidden sheets are skipped, as the .xlsx reader does.
    if (workbook.Workbook?.Sheets?.[i]?.Hidden) return;
    const sheet = workbook.Sheets[name];
    if (!sheet) return;
    sheets.push({ name, ...readSheet(sheet) });
  });
  return importSheets(sheets);
}
