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

// The lines a reader read each row from, kept beside the row rather than on it until the table leaves
// the reader: copying every row to add them, and again to take them off, cost two object copies per row
// of every import, and a row stays the table's own row object throughout.
const readFrom = new WeakMap<Indicator, SourceLines>();

/**
 * The indicators, each noted with the source lines of its row when the reader kept a cell for every row
 * (read them back with `rowSource`, take them off with `takeRowSources`).
 */
export function withRowSources(indicators: Indicator[], cells: readonly RowCell[]): Indicator[] {
  if (cells.length !== indicators.length) return [...indicators];
  const spans = rowSourceLines(cells);
  indicators.forEach((indicator, k) => {
    readFrom.set(indicator, spans[k] as SourceLines);
  });
  return [...indicators];
}

/** The source lines `withRowSources` noted for a row, if any. */
export function rowSource(indicator: Indicator): SourceLines | undefined {
  return readFrom.get(indicator);
}

/** Per table, per row: where the row is printed, or null when the reader did not say. */
export type RowSources = (SourceLines | null)[][];

/** The source lines of a table's rows, row by row, as `withRowSources` noted them (then forgotten). */
export function takeRowSources(table: { indicators: readonly Indicator[] }): (SourceLines | null)[] {
  return table.indicators.map((indicator) => {
    const source = readFrom.get(indicator) ?? null;
    readFrom.delete(indicator);
    return source;
  });
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
