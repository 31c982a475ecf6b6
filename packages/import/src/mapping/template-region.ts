import type {
  CellSeparator,
  ColumnMapping,
  ColumnRole,
  LayoutFit,
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

/** Where a saved layout was found in a file, the mapping to read it with, and how closely it matched. */
export interface LayoutMatch {
  mapping: ColumnMapping;
  fit: LayoutFit;
}

// Lines that close an indicator table: totals, signatures, notes, and form fields of tick boxes (□) below.
const TABLE_END =
  /^\s*(合\s*计|总\s*分|总\s*计|填表|填报|制表|联系人|联系电话|单位负责人|注\s*[:：1１]|说明\s*[:：])|[□☐]/;

/**
 * How much of a file's caption row must be the template's (shared words over both counts), and how well
 * the whole must fit, for the layout to be taken as the same: one renamed caption in four (fit 0.83), an
 * added or a dropped column of six (0.91, 0.90) still match; a four-column target table against a
 * seven-caption 自评表 (words 0.73, columns 4 of 6: fit 0.74) does not.
 */
export const LAYOUT_WORDS_NEEDED = 0.7;
export const LAYOUT_FIT_NEEDED = 0.8;

/** The pairs (i, j) of a longest common subsequence of two word lists, in order. */
function commonWords(a: readonly string[], b: readonly string[]): [number, number][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

const compact = (cell: string) => cell.replace(/[\s:：()（）]/g, '');

/**
 * The template's roles laid on a file whose table has other columns than the template's: when every column
 * of both is captioned, the captions both have keep their roles, a caption renamed in place keeps the role
 * of its place, and a column the template does not know is ignored. Otherwise the roles as saved (the
 * reader right-aligns rows that are shorter or longer).
 */
function rolesFor(layout: LayoutToMatch, caption: readonly string[], columns: number): ColumnRole[] {
  const words = layout.signature.headerWords;
  const roles = layout.roles;
  const cells = caption.map(compact);
  if (columns === roles.length || words.length !== roles.length || cells.length !== columns) return roles;
  const pairs = commonWords(words, cells);
  const aligned = new Array<ColumnRole>(columns).fill('ignore');
  let i = 0;
  let j = 0;
  for (const [ti, fj] of [...pairs, [words.length, columns] as [number, number]]) {
    // Between two kept captions: as many in the file as in the template are renamed in place.
    for (let k = 0; k < Math.min(ti - i, fj - j); k++) aligned[j + k] = roles[i + k] ?? 'ignore';
    if (ti < words.length) aligned[fj] = roles[ti] ?? 'ignore';
    i = ti + 1;
    j = fj + 1;
  }
  return aligned;
}

/**
 * Where a file holds a table of a saved layout, and how well it matches: the caption row that shares most
 * of the layout's caption words in order (at least LAYOUT_WORDS_NEEDED of them, so a renamed or an added
 * column still matches; the whole fit at least LAYOUT_FIT_NEEDED), and the rows under it up to a closing line (合计, signatures, a note, tick boxes), an empty
 * line or a line with fewer than two cells. The fit weighs the caption words (70%), the column count
 * (20%) and, for a workbook, the sheet's name (10%). Null when the layout is not in the text.
 */
export function matchLayout(
  text: string | LayoutText,
  layout: LayoutToMatch,
  sourceCells?: readonly (SheetLine | null)[],
): LayoutMatch | null {
  const lines = typeof text === 'string' ? layoutText(text).lines : text.lines;
  // A workbook's lines are read as its cells.
  const cellsOf = (i: number) =>
    sourceCells?.[i]?.cells.map((c) => c.trim()) ?? splitCells(lines[i] ?? '', layout.separator);
  const words = layout.signature.headerWords;
  if (words.length === 0) return null;
  let best: LayoutMatch | null = null;
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(i);
    if (!isCaptionRow(cells)) continue;
    const fileWords = captionWords(cells);
    const same = commonWords(words, fileWords).length;
    const wordShare = (2 * same) / (words.length + fileWords.length);
    if (wordShare < LAYOUT_WORDS_NEEDED) continue;
    let end = i + 1;
    const counts: number[] = [];
    while (end < lines.length) {
      const rowCells = cellsOf(end);
      const filled = rowCells.filter((c) => c !== '');
      if (filled.length < 2 || TABLE_END.test(lines[end] ?? '')) break;
      counts.push(rowCells.length);
      end++;
    }
    if (end === i + 1) continue;
    // Its widest row: merged level cells only shorten rows (the caption row, where a label cell would
    // widen the first, is not among them).
    const columns = Math.max(...counts);
    const templateColumns = layout.signature.columnCount;
    const columnShare = Math.max(0, 1 - Math.abs(columns - templateColumns) / templateColumns);
    const sheet = sourceCells?.[i]?.sheet ?? null;
    const sheetSame =
      sheet === null || layout.signature.sheetName === null ? null : sheet === layout.signature.sheetName;
    const score = 0.7 * wordShare + 0.2 * columnShare + 0.1 * (sheetSame === false ? 0 : 1);
    if (score < LAYOUT_FIT_NEEDED || (best && best.fit.score >= score)) continue;
    best = {
      mapping: {
        region: { line: i + 1, endLine: end },
        separator: layout.separator,
        roles: rolesFor(layout, cells, columns),
        ...(layout.kind ? { kind: layout.kind } : {}),
      },
      fit: {
        score: Math.round(score * 100) / 100,
        sameWords: same,
        templateWords: words.length,
        fileWords: fileWords.length,
        templateColumns,
        fileColumns: columns,
        sheetSame,
      },
    };
    if (score === 1) break;
  }
  return best;
}

/** The mapping that reads a saved layout's table in a file, or null when the layout is not in it. */
export function findLayout(
  text: string | LayoutText,
  layout: LayoutToMatch,
  sourceCells?: readonly (SheetLine | null)[],
): ColumnMapping | null {
  return matchLayout(text, layout, sourceCells)?.mapping ?? null;
}
