import type { PerformanceTable } from '../tables/table.schema.ts';
import { type OpenDataRow, openDataColumns } from './open-data.schema.ts';

/** A published table version as the open data set reads it. */
export interface PublishedTable {
  id: string;
  version: number;
  table: PerformanceTable;
  /** The 主管部门 shown to the public (organisation tree, else printed); the printed one when absent. */
  department?: string | null;
}

/** Flattens published tables into one open-data row per indicator, in table then indicator order. */
export function openDataRows(published: readonly PublishedTable[]): OpenDataRow[] {
  const rows: OpenDataRow[] = [];
  for (const { id, version, table, department } of published) {
    table.indicators.forEach((indicator, indicatorIndex) => {
      rows.push({
        tableId: id,
        version,
        kind: table.kind,
        year: table.year,
        unit: table.unit,
        department: department !== undefined ? department : (table.supervisingDepartment ?? null),
        project: table.name,
        projectCode: table.code ?? null,
        indicatorIndex,
        level1: indicator.level1,
        level2: indicator.level2,
        level3: indicator.name,
        targetRaw: indicator.target.raw,
        targetKind: indicator.target.kind,
        operator: indicator.target.operator,
        value: indicator.target.value,
        valueUnit: indicator.target.unit,
        direction: indicator.direction ?? null,
        budgetTotal: table.budget.total ?? null,
        budgetCurrentYear: table.budget.currentYear ?? null,
      });
    });
  }
  return rows;
}

// A spreadsheet runs a cell starting with = + - @ as a formula (CSV injection); a leading apostrophe
// keeps it text. Numbers are written as numbers, so a negative amount is never touched.
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV's start: the UTF-8 byte order mark and the bilingual heading row. */
export function openDataCsvHead(): string {
  return `\uFEFF${openDataColumns.map((c) => csvCell(`${c.zh} (${c.en})`)).join(',')}\r\n`;
}

/** CSV lines of open-data rows, each ending in CRLF: appended to the head, batch after batch. */
export function openDataCsvLines(rows: readonly OpenDataRow[]): string {
  let lines = '';
  for (const row of rows) {
    lines += openDataColumns
      .map((c) => {
        const value = row[c.key];
        return csvCell(typeof value === 'number' || value === null ? value : String(value));
      })
      .join(',');
    lines += '\r\n';
  }
  return lines;
}

/**
 * The open data as CSV (RFC 4180, CRLF line ends) with a UTF-8 byte order mark, so that Excel opens the
 * Chinese text correctly; the heading row is `中文 (english)` per column.
 */
export function openDataCsv(rows: readonly OpenDataRow[]): string {
  return openDataCsvHead() + openDataCsvLines(rows);
}
