import type { Cell, SourceLine } from './layout.ts';

/**
 * A web page's table copied as text with its cells on lines of their own and a lone `|` after each
 * cell, two in a row (`|` / `|`) where a table row ends; a cell's text may wrap over several lines
 * (`产` `出` `指` `标`, `一级` `指标`), which join into one cell. Unlike the ` |`-ended cell lines, no text line
 * holds a pipe. Returns the rows, or null when the lines are not laid out so.
 */
export function pipePartedRows(lines: readonly SourceLine[], endsCut: boolean): Cell[][] | null {
  const filled = lines.filter((l) => l.text.trim() !== '');
  const lone = filled.filter((l) => /^\s*\|\s*$/.test(l.text)).length;
  const piped = filled.filter((l) => l.text.includes('|')).length;
  if (filled.length < 10 || lone !== piped || lone / filled.length < 0.3) return null;
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let cell: Cell | null = null;
  let pipes = 0;
  for (const { text, line } of filled) {
    const trimmed = text.trim();
    if (trimmed === '|') {
      if (cell) row.push(cell);
      cell = null;
      pipes++;
      // The second pipe in a row ends the table row (an empty cell has no line of its own here).
      if (pipes >= 2 && row.length > 0) {
        rows.push(row);
        row = [];
      }
      continue;
    }
    pipes = 0;
    if (cell) {
      cell.text += trimmed;
      cell.endLine = line;
    } else cell = { text: trimmed, line, column: text.indexOf(trimmed) + 1, atEnd: false };
  }
  if (cell) {
    cell.atEnd = endsCut;
    row.push(cell);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
