import {
  type GridColumnKey,
  isCenteredGridColumn,
  type LayoutCell,
  type OfficialLayout,
} from '@jixiao/core/export/official-layout';
import ExcelJS from 'exceljs';

type Worksheet = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

const FONT = '宋体';
const HEADING_FONT = '黑体';
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const LABEL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const CAPTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } };
/** Points per wrapped text line at 11 pt, and the padding a row gets above and below. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 5;

/** Display width of text in Excel column units: a CJK character is about two Latin ones. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/u.test(ch) ? 2.1 : 1.1;
  return width;
}

/** Lines `text` takes in a cell `width` units wide (explicit newlines count). */
function linesFor(text: string, width: number): number {
  const usable = Math.max(4, width - 1.5);
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/**
 * Splits the grid's `n` columns into the 4 label/value columns of the header: the value columns get
 * the extra ones, so labels stay one column wide (`n` = 8 → 2,2,2,2; 5 → 1,2,1,1).
 */
function sectionGroups(n: number): number[] {
  const sizes = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const slot = [1, 3, 0, 2][i % 4] ?? 0;
    sizes[slot] = (sizes[slot] ?? 0) + 1;
  }
  // Every group needs at least one column; with n >= 4 this holds.
  const starts: number[] = [];
  let at = 1;
  for (const size of sizes) {
    starts.push(at);
    at += size;
  }
  return [...starts, at];
}

/** Column widths: the grid's relative widths, widened where a header label would not fit on one line. */
function columnWidths(layout: OfficialLayout, bounds: number[]): number[] {
  const n = layout.grid.columns.length;
  const total = Math.max(96, n * 12);
  const widths = layout.grid.columns.map((c) => Math.max(8, (c.width / 100) * total));
  const rows = [...layout.header, ...layout.narratives, ...layout.money.rows];
  for (const group of [0, 2]) {
    const need = Math.max(
      0,
      ...rows.map((row) => {
        const logical = logicalColumns(row);
        const cell = logical.find((l) => l.start === group)?.cell;
        return cell?.kind === 'label' ? textWidth(`${cell.text}：`) + 2 : 0;
      }),
    );
    const from = (bounds[group] ?? 1) - 1;
    const to = (bounds[group + 1] ?? 1) - 1;
    const have = widths.slice(from, to).reduce((s, w) => s + w, 0);
    if (need > have) widths[from] = (widths[from] ?? 0) + (need - have);
  }
  return widths.map((w) => Math.round(w * 10) / 10);
}

/** A row's cells with the logical (0–3) column each starts at. */
function logicalColumns(row: LayoutCell[]): { cell: LayoutCell; start: number }[] {
  let start = 0;
  return row.map((cell) => {
    const at = start;
    start += cell.colSpan;
    return { cell, start: at };
  });
}

function styleRow(sheet: Worksheet, rowNumber: number, lastColumn: number): void {
  for (let c = 1; c <= lastColumn; c++) sheet.getCell(rowNumber, c).border = BORDER;
}

function mergeAcross(sheet: Worksheet, row: number, from: number, to: number): Cell {
  if (to > from) sheet.mergeCells(row, from, row, to);
  return sheet.getCell(row, from);
}

function moneyFormat(amount: number): string {
  return Math.round(amount * 100) % 100 === 0 ? '#,##0"元"' : '#,##0.00"元"';
}

/** Writes header/narrative/money rows on the label/value grid; returns the next free row. */
function writeSection(
  sheet: Worksheet,
  rows: LayoutCell[][],
  startRow: number,
  bounds: number[],
  widths: number[],
): number {
  let r = startRow;
  for (const row of rows) {
    let lines = 1;
    for (const { cell, start } of logicalColumns(row)) {
      const from = bounds[start] ?? 1;
      const to = (bounds[start + cell.colSpan] ?? from + 1) - 1;
      const target = mergeAcross(sheet, r, from, to);
      const width = widths.slice(from - 1, to).reduce((s, w) => s + w, 0);
      if (cell.kind === 'label') {
        target.value = cell.text;
        target.font = { name: FONT, size: 11, bold: true };
        target.fill = LABEL_FILL;
        target.alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
      } else if (cell.amount !== undefined && cell.amount !== null) {
        target.value = cell.amount;
        target.numFmt = moneyFormat(cell.amount);
        target.font = { name: FONT, size: 11 };
        target.alignment = { vertical: 'middle', horizontal: 'right' };
      } else {
        target.value = cell.text;
        target.font = { name: FONT, size: 11 };
        target.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
      }
      lines = Math.max(lines, linesFor(cell.text, width));
    }
    styleRow(sheet, r, bounds[4] ? bounds[4] - 1 : 4);
    // Excel does not grow merged cells to fit wrapped text, so the height is set from an estimate.
    sheet.getRow(r).height = lines * LINE_HEIGHT + ROW_PADDING;
    r += 1;
  }
  return r;
}

function captionRow(sheet: Worksheet, r: number, text: string, lastColumn: number): void {
  const cell = mergeAcross(sheet, r, 1, lastColumn);
  cell.value = text;
  cell.font = { name: HEADING_FONT, size: 11, bold: true };
  cell.fill = CAPTION_FILL;
  cell.alignment = { vertical: 'middle', horizontal: 'center' };
  styleRow(sheet, r, lastColumn);
  sheet.getRow(r).height = LINE_HEIGHT + ROW_PADDING + 2;
}

const NUMERIC_COLUMNS: ReadonlySet<GridColumnKey> = new Set(['weight', 'score']);

function writeGrid(sheet: Worksheet, layout: OfficialLayout, startRow: number, widths: number[]): number {
  const { columns, rows, caption } = layout.grid;
  const last = columns.length;
  captionRow(sheet, startRow, caption, last);
  const headRow = startRow + 1;
  columns.forEach((column, i) => {
    const cell = sheet.getCell(headRow, i + 1);
    cell.value = column.label;
    cell.font = { name: HEADING_FONT, size: 11, bold: true };
    cell.fill = LABEL_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  styleRow(sheet, headRow, last);
  sheet.getRow(headRow).height = LINE_HEIGHT + ROW_PADDING + 2;

  const first = headRow + 1;
  rows.forEach((row, index) => {
    const r = first + index;
    let lines = 1;
    for (const cell of row.cells) {
      const c = columns.findIndex((col) => col.key === cell.column) + 1;
      const target = sheet.getCell(r, c);
      const numeric =
        NUMERIC_COLUMNS.has(cell.column) && cell.text !== '' && Number.isFinite(Number(cell.text));
      target.value = numeric ? Number(cell.text) : cell.text;
      target.font = { name: FONT, size: 11 };
      target.alignment = {
        vertical: 'middle',
        horizontal: isCenteredGridColumn(cell.column) ? 'center' : 'left',
        wrapText: true,
      };
      if (cell.rowSpan > 1) sheet.mergeCells(r, c, r + cell.rowSpan - 1, c);
      else lines = Math.max(lines, linesFor(cell.text, widths[c - 1] ?? 10));
    }
    styleRow(sheet, r, last);
    sheet.getRow(r).height = lines * LINE_HEIGHT + ROW_PADDING;
  });
  return first + rows.length;
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(layout: OfficialLayout, index: number, taken: Set<string>): string {
  const name = layout.header.flat().find((c) => c.field === 'name')?.text || layout.title;
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || `Sheet${index + 1}`;
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 27)}(${i})`;
  taken.add(candidate);
  return candidate;
}

function writeLayout(workbook: ExcelJS.Workbook, layout: OfficialLayout, name: string): void {
  const n = layout.grid.columns.length;
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      // As in the PDF: a grid of more than six columns prints on landscape pages.
      orientation: n > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.55, right: 0.55, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ showGridLines: false }],
  });
  const bounds = sectionGroups(n);
  const widths = columnWidths(layout, bounds);
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });

  const title = mergeAcross(sheet, 1, 1, n);
  title.value = layout.title;
  title.font = { name: HEADING_FONT, size: 18, bold: true };
  title.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(1).height = 34;
  const year = mergeAcross(sheet, 2, 1, n);
  year.value = layout.yearLine;
  year.font = { name: FONT, size: 11 };
  year.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.getRow(2).height = 22;

  let r = 3;
  for (const note of layout.notes) {
    const cell = mergeAcross(sheet, r, 1, n);
    cell.value = note;
    cell.font = { name: FONT, size: 10, color: { argb: 'FF9A3412' } };
    r += 1;
  }
  r = writeSection(sheet, layout.header, r, bounds, widths);
  r = writeSection(sheet, layout.narratives, r, bounds, widths);
  captionRow(sheet, r, layout.money.caption, n);
  r = writeSection(sheet, layout.money.rows, r + 1, bounds, widths);
  const end = writeGrid(sheet, layout, r, widths);
  sheet.pageSetup.printArea = `A1:${sheet.getColumn(n).letter}${end - 1}`;
}

/**
 * Writes one or more official layouts to an .xlsx workbook, one sheet per table in the printed layout:
 * merged cells, column widths, bold headings, borders, money as numbers in 元, A4 print setup.
 */
export async function layoutToXlsx(layouts: OfficialLayout | readonly OfficialLayout[]): Promise<Buffer> {
  const list: readonly OfficialLayout[] = Array.isArray(layouts) ? layouts : [layouts as OfficialLayout];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jixiao 绩效';
  const taken = new Set<string>();
  list.forEach((layout, i) => {
    writeLayout(workbook, layout, sheetName(layout, i, taken));
  });
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
