import type { Indicator, PreviewIndicator, SourceLines } from '@jixiao/core/tables/table.schema';

/** The part of a read cell that says where its row is printed. */
interface RowCell {
  line: number;
  endLine?: number;
  rowLine?: number;
}

/**
 * The source lines of each row, from the cell its name was read from: a row runs from its first line to the
 * line before the next row starts (text that prints one cell per line spreads a row over several lines);
 * the last row is as long as the one before it when that one was spread over lines, else its name cell.
 */
export function rowSourceLines(cells: readonly RowCell[]): SourceLines[] {
  const starts = cells.map((cell) => Math.min(cell.rowLine ?? cell.line, cell.line));
  const spans: SourceLines[] = [];
  cells.forEach((cell, k) => {
    const line = starts[k] as number;
    const own = Math.max(cell.endLine ?? cell.line, line);
    const next = starts[k + 1];
    let endLine = own;
    if (next !== undefined && next > line) endLine = Math.max(own, next - 1);
    else if (next === undefined && k > 0) {
      // Spread over lines (not one wrapped cell): the row before reached past its own name cell.
      const before = spans[k - 1] as SourceLines;
      const beforeCell = cells[k - 1] as RowCell;
      const spread = before.endLine > Math.max(beforeCell.endLine ?? beforeCell.line, before.line);
      if (spread) endLine = Math.max(own, line + (before.endLine - before.line));
    }
    spans.push({ line, endLine });
  });
  return spans;
}

/** The indicators with the source lines of their rows, when the reader kept a cell for every row. */
export function withRowSources(indicators: Indicator[], cells: readonly RowCell[]): PreviewIndicator[] {
  if (cells.length !== indicators.length) return indicators;
  const spans = rowSourceLines(cells);
  return indicators.map((indicator, k) => ({ ...indicator, source: spans[k] as SourceLines }));
}

/** Per table, per row: where the row is printed, or null when the reader did not say. */
export type RowSources = (SourceLines | null)[][];

/**
 * Takes the source lines off a table's indicators, so the table is what the reader read and nothing
 * else, and returns them row by row. The rows are rebuilt rather than `delete`d from: an object that
 * lost a property is slower for every later reader (the schema check that follows each table).
 */
export function takeRowSources(table: { indicators: PreviewIndicator[] }): (SourceLines | null)[] {
  const sources: (SourceLines | null)[] = [];
  table.indicators = table.indicators.map(({ source, ...indicator }) => {
    sources.push(source ?? null);
    return indicator;
  });
  return sources;
}

/** The tables with each row's source lines put back, for a preview that shows them beside the rows. */
export function withSources<T extends { indicators: Indicator[] }>(
  tables: readonly T[],
  sources: RowSources | undefined,
): (Omit<T, 'indicators'> & { indicators: PreviewIndicator[] })[] {
  if (!sources) return [...tables];
  return tables.map((table, t) => ({
    ...table,
    indicators: table.indicators.map((indicator, k) => {
      const source = sources[t]?.[k];
      return source ? { ...indicator, source } : indicator;
    }),
  }));
}

/** The tables as they are stored: a preview's source lines are not part of a table. */
export function withoutSources<T extends { indicators: PreviewIndicator[] }>(tables: readonly T[]): T[] {
  return tables.map((table) => ({
    ...table,
    indicators: table.indicators.map(({ source: _source, ...indicator }) => indicator),
  }));
}
