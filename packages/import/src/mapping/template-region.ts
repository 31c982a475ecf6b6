import type {
  CellSeparator,
  ColumnMapping,
  LayoutSignature,
} from '@jixiao/core/tables/column-mapping.schema';
import { dropPinyin, simplifyScript } from '../text/import-text.ts';
import { captionWords, isCaptionRow, type SheetLine, splitCells } from './read-mapped.ts';

/** A saved layout as matching needs it: its signature, and how to read a table of that layout. */
export interface LayoutToMatch {
  signature: LayoutSignature;
  separator: CellSeparator;
  roles: ColumnMapping['roles'];
  kind?: ColumnMapping['kind'];
}

/** A file's text as layouts are matched in it, prepared once for all the templates tried on it. */
export interface LayoutText {
  lines: readonly string[];
}

export function layoutText(text: string): LayoutText {
  return { lines: simplifyScript(dropPinyin(text)).text.split(/\r\n|\r|\n/) };
}

// Lines that close an indicator table: totals, signatures, notes.
const TABLE_END =
  /^\s*(合\s*计|总\s*分|总\s*计|填表|填报|制表|联系人|联系电话|单位负责人|注\s*[:：1１]|说明\s*[:：])/;

/**
 * Where a file holds a table of a saved layout: the caption row whose caption words are the layout's, in
 * order, and the rows under it up to a closing line (合计, signatures, a note), an empty line or a line
 * with fewer than two cells. The mapping to read it with, or null when the layout is not in the text.
 */
export function findLayout(
  text: string | LayoutText,
  layout: LayoutToMatch,
  sourceCells?: readonly (SheetLine | null)[],
): ColumnMapping | null {
  const lines = typeof text === 'string' ? layoutText(text).lines : text.lines;
  // A workbook's lines are read as its cells; a template of a sheet matches only a sheet of that name.
  const cellsOf = (i: number) =>
    sourceCells?.[i]?.cells.map((c) => c.trim()) ?? splitCells(lines[i] ?? '', layout.separator);
  const sheetOk = (i: number) =>
    !sourceCells ||
    layout.signature.sheetName === null ||
    sourceCells[i]?.sheet === layout.signature.sheetName;
  const words = layout.signature.headerWords.join('|');
  if (words === '') return null;
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(i);
    if (!sheetOk(i) || !isCaptionRow(cells) || captionWords(cells).join('|') !== words) continue;
    let end = i + 1;
    while (end < lines.length) {
      const line = lines[end] ?? '';
      const filled = cellsOf(end).filter((c) => c !== '');
      if (filled.length < 2 || TABLE_END.test(line)) break;
      end++;
    }
    if (end === i + 1) continue;
    return {
      region: { line: i + 1, endLine: end },
      separator: layout.separator,
      roles: layout.roles,
      ...(layout.kind ? { kind: layout.kind } : {}),
    };
  }
  return null;
}
