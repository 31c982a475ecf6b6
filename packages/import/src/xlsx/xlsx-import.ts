import { AppError } from '@jixiao/core/errors/app-error';
import {
  fieldOfLabel,
  type GridColumnKey,
  gridColumnOfLabel,
  isIncompleteNote,
  isLayoutLabel,
  kindOfTitle,
} from '@jixiao/core/export/official-layout';
import {
  type Indicator,
  type PerformanceTable,
  type PerformanceTableInput,
  performanceTableSchema,
  type Warning,
} from '@jixiao/core/tables/table.schema';
import { excelSerialToIso, nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import ExcelJS from 'exceljs';
import type { RowSources } from '../preview/row-sources.ts';
import { importText } from '../text/import-text.ts';
import { MAX_XLSX_INFLATED_BYTES, MAX_XLSX_ROWS, measureWorkbook } from './zip-inflated-size.ts';

export interface WorkbookImport {
  sourceText: string;
  tables: PerformanceTable[];
  warnings: Warning[];
  /** Rows' source lines, when every table was read as text from `sourceText`. */
  rowSources?: RowSources;
  /** Per line of `sourceText`: its sheet and its cells by column (empty where none), for column mapping. */
  sourceCells?: (SheetLine | null)[];
}

/** A line of a workbook's source text as cells: the sheet it is on and its cells, column by column. */
export interface SheetLine {
  sheet: string;
  cells: string[];
}

/** A sheet's rows as cells by column, one per line of its text (a merged range's text in its first column). */
function sheetLines(sheet: string, rows: readonly SheetRow[]): SheetLine[] {
  let width = 0;
  for (const row of rows) for (const cell of row.cells) width = Math.max(width, cell.column);
  return rows.map((row) => {
    const cells = Array.from({ length: width }, () => '');
    for (const cell of row.cells) cells[cell.column - 1] = cell.text.replace(/\s*\n\s*/g, ' ');
    return { sheet, cells };
  });
}

/** One non-empty cell as read: its text, its number when it holds one, where it is. */
export interface ReadCell {
  column: number;
  text: string;
  number: number | null;
}

/** One sheet row as a reader hands it over: its distinct cells (a horizontally merged range counts once). */
export interface SheetRow {
  row: number;
  cells: ReadCell[];
  /** The value at each column, merged cells included (vertically merged level cells repeat). */
  at: (column: number) => ReadCell | null;
}

/** A sheet row with its line in the workbook's source text. */
interface ReadRow extends SheetRow {
  line: number;
}

/** One visible sheet as read by the .xlsx or the .xls reader, within the bounds below. */
export interface ReadSheet {
  name: string;
  rows: SheetRow[];
  /** True when cells with a value lie beyond MAX_ROWS or MAX_COLUMNS and were left out. */
  clipped: boolean;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell's number as text; percentages are written by the caller. */
export function formatNumber(n: number): string {
  // Excel stores 95% as 0.95; round away binary noise such as 0.9500000000000001.
  return String(Math.round(n * 1e9) / 1e9);
}

/** Text and number of a cell value, whatever exceljs hands back (rich text, formula, date, …). */
function readValue(cell: ExcelJS.Cell): { text: string; number: number | null } {
  const value = cell.value;
  if (value === null || value === undefined) return { text: '', number: null };
  if (typeof value === 'number') {
    const percent = typeof cell.numFmt === 'string' && cell.numFmt.includes('%');
    return { text: percent ? `${formatNumber(value * 100)}%` : formatNumber(value), number: value };
  }
  if (typeof value === 'string') return { text: value.trim(), number: null };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', number: null };
  if (value instanceof Date) return { text: isoDate(value), number: null };
  if ('richText' in value)
    return {
      text: value.richText
        .map((r) => r.text)
        .join('')
        .trim(),
      number: null,
    };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined;
    if (typeof result === 'number') return { text: formatNumber(result), number: result };
    if (result instanceof Date) return { text: isoDate(result), number: null };
    return { text: typeof result === 'string' ? result.trim() : '', number: null };
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text.trim(), number: null };
  return { text: cell.text?.trim() ?? '', number: null };
}

/**
 * A target table has a few dozen rows and at most a dozen columns; formatting applied to whole columns
 * or rows can make a sheet look 16,384 columns wide, so reading stops at these bounds (with a warning).
 */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 64;

/** True when a cell with a value lies outside the bounds read (styling alone does not count). */
function beyondBounds(sheet: ExcelJS.Worksheet): boolean {
  let beyond = false;
  sheet.eachRow((row, r) => {
    if (beyond) return;
    row.eachCell((cell, c) => {
      if ((r > MAX_ROWS || c > MAX_COLUMNS) && readValue(cell).text !== '') beyond = true;
    });
  });
  return beyond;
}

function readSheet(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  const columnCount = Math.min(sheet.columnCount, MAX_COLUMNS);
  const rowCount = Math.min(sheet.rowCount, MAX_ROWS);
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const values = new Map<number, ReadCell>();
    const cells: ReadCell[] = [];
    // Only cells that exist: getCell() would create every empty one up to the widest row.
    row.eachCell((cell, c) => {
      if (c > columnCount) return;
      const master = cell.isMerged ? cell.master : cell;
      const { text, number } = readValue(master);
      if (text === '') return;
      const read: ReadCell = { column: c, text, number };
      values.set(c, read);
      // A cell merged into one to its left (same row) is the same printed cell: list it once.
      const origin = master.fullAddress;
      const mergedFromLeft = origin.row === row.number && origin.col !== c;
      const mergedFromAbove = origin.row !== row.number;
      if (!mergedFromLeft && !mergedFromAbove) cells.push(read);
    });
    rows.push({ row: r, cells, at: (c) => values.get(c) ?? null });
  }
  return rows;
}

/** The sheet as text lines, one per row, cells separated by a space as a printed form reads. */
function sheetText(rows: SheetRow[]): string[] {
  return rows.map((row) => row.cells.map((c) => c.text.replace(/\s*\n\s*/g, ' ')).join(' '));
}

function warning(code: string, zh: string, en: string, line: number, path?: string): Warning {
  return { code, zh, en, line, ...(path ? { path } : {}) };
}

function amount(cell: ReadCell): number | null {
  if (cell.number !== null) return cell.number;
  const cleaned = cell.text.replace(/[,，\s元]/g, '');
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

function yesNo(text: string): boolean | null {
  if (/^(是|yes|true)$/i.test(text)) return true;
  if (/^(否|no|false)$/i.test(text)) return false;
  return null;
}

interface Draft {
  input: PerformanceTableInput & {
    narrative: Record<string, string | null>;
    budget: Record<string, number | null>;
  };
  line: number;
  grid: Map<number, GridColumnKey> | null;
  indicatorLines: number[];
}

const REQUIRED_FIELDS = new Set(['unit', 'name']);

function clearField(draft: Draft, field: string): void {
  if (field.startsWith('narrative.')) draft.input.narrative[field.slice('narrative.'.length)] = null;
  else if (field.startsWith('budget.')) draft.input.budget[field.slice('budget.'.length)] = null;
  else if (!REQUIRED_FIELDS.has(field)) (draft.input as Record<string, unknown>)[field] = null;
}

/** Puts a labelled value into the draft table; returns a warning when the value cannot be read. */
function setField(draft: Draft, field: string, cell: ReadCell, line: number): Warning | null {
  const input = draft.input as Record<string, unknown>;
  if (field.startsWith('narrative.')) {
    draft.input.narrative[field.slice('narrative.'.length)] = cell.text;
  } else if (field.startsWith('budget.')) {
    const n = amount(cell);
    if (n === null) {
      return warning(
        'import.xlsx_bad_amount',
        `金额无法识别：“${cell.text}”`,
        `Cannot read the amount "${cell.text}"`,
        line,
        field,
      );
    }
    draft.input.budget[field.slice('budget.'.length)] = n;
  } else if (field === 'governmentProcurement') {
    const flag = yesNo(cell.text);
    if (flag !== null) input[field] = flag;
  } else if ((field === 'startDate' || field === 'endDate') && cell.number !== null) {
    // A date typed into a cell without a date format arrives as its Excel serial number.
    input[field] = excelSerialToIso(cell.number) ?? cell.text;
  } else {
    input[field] = cell.text;
  }
  return null;
}

function readIndicator(row: ReadRow, grid: Map<number, GridColumnKey>): Indicator | null {
  const values: Partial<Record<GridColumnKey, ReadCell>> = {};
  for (const [column, key] of grid) {
    const cell = row.at(column);
    if (cell) values[key] = cell;
  }
  const name = values.name?.text;
  if (!name) return null;
  const raw = values.target?.text ?? '';
  const indicator: Indicator = {
    level1: values.level1?.text || null,
    level2: values.level2?.text || null,
    name,
    target: parseTarget(raw, { expectDate: nameSuggestsDate(name) }),
  };
  const direction = values.direction?.text;
  if (direction === '正向' || direction === '反向') indicator.direction = direction;
  if (values.weight) indicator.weight = values.weight.number ?? (Number(values.weight.text) || null);
  if (values.score) indicator.score = values.score.number ?? (Number(values.score.text) || null);
  if (values.actual) indicator.actual = values.actual.text;
  if (values.explanation) indicator.explanation = values.explanation.text;
  if (values.deviationReason) indicator.deviationReason = values.deviationReason.text;
  return indicator;
}

/** Reads the sheets in Jixiao's own exported layout; other rows are left for the text importer. */
function readOwnLayout(rows: ReadRow[]): { tables: PerformanceTable[]; warnings: Warning[] } {
  const tables: PerformanceTable[] = [];
  const warnings: Warning[] = [];
  let draft: Draft | null = null;

  const finish = () => {
    if (!draft) return;
    const parsed = performanceTableSchema.safeParse(draft.input);
    if (parsed.success) {
      tables.push(parsed.data);
    } else {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        warnings.push(
          warning(
            'import.xlsx_invalid_table',
            `表格未导入：${path || '表'} 不符合要求（${issue.message}）`,
            `Table not imported: ${path || 'table'} is invalid (${issue.message})`,
            draft.line,
            path,
          ),
        );
      }
    }
    draft = null;
  };

  for (const row of rows) {
    const first = row.cells[0];
    if (!first) continue;
    const kind = row.cells.length === 1 ? kindOfTitle(first.text) : null;
    if (kind) {
      finish();
      draft = {
        input: { kind, year: 0, unit: '', name: '', indicators: [], narrative: {}, budget: {} },
        line: row.line,
        grid: null,
        indicatorLines: [],
      };
      continue;
    }
    if (!draft) continue;
    const current: Draft = draft;
    if (current.input.year === 0) {
      const year = /(\d{4})/.exec(first.text);
      if (year) current.input.year = Number(year[1]);
      continue;
    }
    if (current.grid) {
      const indicator = readIndicator(row, current.grid);
      if (indicator) current.input.indicators.push(indicator);
      continue;
    }
    if (isIncompleteNote(first.text)) {
      current.input.incomplete = true;
      continue;
    }
    const columns = row.cells.map((c) => gridColumnOfLabel(c.text));
    if (columns.includes('name') && columns.every((c) => c !== null)) {
      current.grid = new Map(row.cells.map((c, i) => [c.column, columns[i] as GridColumnKey]));
      continue;
    }
    // Label/value pairs: a label cell is followed by its value cell unless the value is empty.
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i];
      const field = cell ? fieldOfLabel(cell.text) : null;
      if (!field) continue;
      const next = row.cells[i + 1];
      if (!next || isLayoutLabel(next.text)) {
        // A printed label with an empty cell: the form says the value is not given.
        clearField(current, field);
        continue;
      }
      const problem = setField(current, field, next, row.line);
      if (problem) warnings.push(problem);
      i += 1;
    }
  }
  finish();
  return { tables, warnings };
}

function unreadable(detail: string): AppError {
  return new AppError(
    'import.xlsx_unreadable',
    `无法读取该 Excel 文件，请确认它是 .xlsx 格式且未损坏（${detail}）。`,
    `Cannot read this Excel file; make sure it is an undamaged .xlsx workbook (${detail}).`,
  );
}

/**
 * Reads an .xlsx workbook: sheets in Jixiao's exported official layout map back cell by cell to the
 * tables they show; any other sheet is flattened into text rows and read by the text importer.
 */
export async function importWorkbook(bytes: Uint8Array): Promise<WorkbookImport> {
  // An OLE compound file is an old .xls or a password-protected .xlsx; exceljs reads neither.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new AppError(
      'import.xlsx_unsupported',
      '不支持旧版 .xls 或加密的 Excel 文件：请在 Excel 中去掉密码并另存为 .xlsx 后再导入。',
      'Old .xls and password-protected Excel files are not supported: remove the password and save as .xlsx.',
    );
  }
  const measure = measureWorkbook(bytes);
  if (measure === 'too_large') {
    const mib = MAX_XLSX_INFLATED_BYTES / 1024 / 1024;
    throw new AppError(
      'import.xlsx_too_large',
      `该 Excel 文件解压后超过 ${mib} MiB，不是可导入的绩效表（可能是压缩炸弹）。`,
      `This Excel file inflates to more than ${mib} MiB: too large to be a form (possibly a zip bomb).`,
    );
  }
  if (measure === 'too_many_rows') {
    throw new AppError(
      'import.xlsx_too_large',
      `该 Excel 文件的工作表共超过 ${MAX_XLSX_ROWS} 行，不是可导入的绩效表：请只保留绩效目标表所在的工作表后再导入。`,
      `This Excel file's sheets hold more than ${MAX_XLSX_ROWS} rows: too many to be a form; keep only the sheet of the target table and import again.`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }

  const sheets: ReadSheet[] = workbook.worksheets
    .filter((sheet) => sheet.state === 'visible')
    .map((sheet) => ({ name: sheet.name, rows: readSheet(sheet), clipped: beyondBounds(sheet) }));
  return importSheets(sheets);
}

/**
 * Tables from the sheets of a workbook, whichever reader read them: sheets in Jixiao's own layout map
 * back cell by cell, the others are flattened into text rows for the text importer.
 */
export function importSheets(sheets: readonly ReadSheet[]): WorkbookImport {
  const lines: string[] = [];
  const tables: PerformanceTable[] = [];
  const warnings: Warning[] = [];
  const foreignLines: string[] = [];
  const ownWarnings: Warning[] = [];
  const cellLines: (SheetLine | null)[] = [];
  const foreignCells: (SheetLine | null)[] = [];
  for (const sheet of sheets) {
    const firstLine = lines.length + 1;
    const rows: ReadRow[] = sheet.rows.map((row) => ({ ...row, line: firstLine + row.row - 1 }));
    if (sheet.clipped) {
      warnings.push(
        warning(
          'import.xlsx_clipped',
          `工作表“${sheet.name}”超过 ${MAX_ROWS} 行或 ${MAX_COLUMNS} 列，只读取了前 ${MAX_ROWS} 行、前 ${MAX_COLUMNS} 列。`,
          `Sheet "${sheet.name}" has more than ${MAX_ROWS} rows or ${MAX_COLUMNS} columns; only the first ${MAX_ROWS} rows and ${MAX_COLUMNS} columns were read.`,
          lines.length + 1,
        ),
      );
    }
    const text = sheetText(rows);
    const cells = sheetLines(sheet.name, rows);
    const own = readOwnLayout(rows);
    // A sheet is ours when a whole table reads from it; a sheet that only looks like ours (the seed
    // pasted one printed line per row) goes to the text importer instead.
    if (own.tables.length > 0) {
      tables.push(...own.tables);
      warnings.push(...own.warnings);
    } else {
      ownWarnings.push(...own.warnings);
      foreignLines.push(...text, '');
      foreignCells.push(...cells, null);
    }
    lines.push(...text, '');
    cellLines.push(...cells, null);
  }
  const sourceText = lines.join('\n');
  if (foreignLines.some((l) => l.trim() !== '')) {
    const foreignText = foreignLines.join('\n');
    const read = importText(foreignText);
    tables.push(...read.tables);
    warnings.push(...read.warnings);
    // Nothing read either way: say why our layout did not read, if it looked like ours.
    if (read.tables.length === 0) warnings.push(...ownWarnings);
    // Text importer locations refer to the flattened foreign rows: when every table came from them,
    // that text is the source the warnings point into.
    if (tables.length === read.tables.length) {
      return {
        sourceText: foreignText,
        tables,
        warnings,
        rowSources: read.rowSources,
        sourceCells: foreignCells,
      };
    }
  }
  return { sourceText, tables, warnings, sourceCells: cellLines };
}
