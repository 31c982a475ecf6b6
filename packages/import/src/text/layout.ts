/**
 * Turns the lines of one form into cells. Extracted text comes in four layouts: rows of cells
 * separated by spaces (one table row per line), markdown pipe rows, one cell per line ending in ` |`
 * (empty cells kept as a bare `|`, row ends as `||…`), and one cell per paragraph with no row
 * structure at all. Every cell keeps its line and column for located warnings.
 */

import { pipePartedRows } from './pipe-parted.ts';

export interface Cell {
  text: string;
  line: number;
  column: number;
  /** The cell runs to the very end of the document with no delimiter after it: it may be cut off. */
  atEnd: boolean;
  /** Last line of a cell whose text wrapped onto the lines below (column-aligned text). */
  endLine?: number;
  /** First line of the table row this cell belongs to, when that row began on a line above it. */
  rowLine?: number;
  /** A name the reader supplied: a row whose level-2 cell is its only name (`数量指标 | 375万平方米`). */
  supplied?: boolean;
}

export type Layout = 'rows' | 'markdown' | 'cells' | 'stream';

export interface Grid {
  layout: Layout;
  rows: Cell[][];
}

export interface SourceLine {
  text: string;
  /** 1-based line number in the document. */
  line: number;
}

const OPEN = '(（[【《“';
const CLOSE = ')）]】》”';
// The same brackets as code units: tested per character of a bracketed line, without making a
// one-character string of each.
const OPEN_CODES = new Set(Array.from(OPEN, (c) => c.charCodeAt(0)));
const CLOSE_CODES = new Set(Array.from(CLOSE, (c) => c.charCodeAt(0)));

// Exactly the code units `\s` matches (plus U+00A0 and U+3000, which it already includes): a
// hand-written scan is several times faster than `matchAll` on the hundreds of thousands of lines a
// batch import splits.
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c > 127 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Splits a line at whitespace, keeping bracketed text such as `( ≥**个 )` in one cell. */
export function splitSpaced(text: string, line: number, columnOffset = 0): Cell[] {
  return splitCells(text, line, columnOffset, Number.POSITIVE_INFINITY);
}

/** The first cell `splitSpaced` would give, without splitting the rest (a whole form may be one line). */
export function firstSpaced(text: string, line: number): Cell | undefined {
  return splitCells(text, line, 0, 1)[0];
}

function splitCells(text: string, line: number, columnOffset: number, maxCells: number): Cell[] {
  const cells: Cell[] = [];
  const n = text.length;
  // Most lines have no brackets: split them without tracking depth.
  const bracketed = /[(（[【《“]/.test(text);
  // A bracket left open at the end of the line (a wrapped cell) protects nothing: it only protects
  // text up to the last closing bracket of the line.
  let lastClose = -1;
  if (bracketed)
    for (let i = n - 1; i >= 0 && lastClose < 0; i--) if (CLOSE_CODES.has(text.charCodeAt(i))) lastClose = i;
  let depth = 0;
  let current: Cell | null = null;
  let currentEnd = 0;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    if (!bracketed) {
      if (cells.length >= maxCells) break;
      cells.push({ text: text.slice(start, i), line, column: columnOffset + start + 1, atEnd: false });
      continue;
    }
    if (current !== null && depth > 0) {
      current.text += text.slice(currentEnd, i);
    } else {
      if (cells.length >= maxCells) break;
      current = { text: text.slice(start, i), line, column: columnOffset + start + 1, atEnd: false };
      cells.push(current);
    }
    currentEnd = i;
    for (let j = start; j < i; j++) {
      const c = text.charCodeAt(j);
      if (OPEN_CODES.has(c)) depth++;
      else if (depth > 0 && CLOSE_CODES.has(c)) depth--;
    }
    if (depth > 0 && lastClose < currentEnd) depth = 0;
  }
  return cells;
}

/** Splits a tab-separated line (a spreadsheet pasted as text): spaces inside a cell stay in it. */
export function splitTabbed(text: string, line: number): Cell[] {
  const cells: Cell[] = [];
  let offset = 0;
  for (const part of text.split('\t')) {
    const trimmed = part.trim();
    if (trimmed !== '')
      cells.push({ text: trimmed, line, column: offset + part.indexOf(trimmed) + 1, atEnd: false });
    offset += part.length + 1;
  }
  return cells;
}

// A row of cells between pipes, with or without the leading pipe: at least two cells hold text. A row
// between a leading and a trailing pipe may hold one cell (merged across the table: `| 项目名称：某项目 |`);
// one cell per line ends in a pipe but never starts with one.
function isMarkdownRow(text: string): boolean {
  if (!/\|.*\|/.test(text)) return false;
  // The cell's first non-space character is matched right after the spaces, not searched for within
  // `[^|]*`: that split a long cell in every way before failing on a later pipe.
  if (/^\s*\|\s*[^|\s][^|]*\|\s*$/.test(text)) return true;
  return /^\s*\|.*\|.*\|/.test(text)
    ? filledParts(text, 1) >= 1
    : filledParts(text, 2) >= 2 && /\|.*\|.*\|/.test(text);
}

/**
 * How many of the pipe-separated parts of `text` hold more than whitespace, counted up to `enough`
 * (asked of every line of every form: no array or strings are made).
 */
function filledParts(text: string, enough: number): number {
  let filled = 0;
  let inFilled = false;
  for (let i = 0; i < text.length && filled < enough; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7c) inFilled = false;
    else if (!inFilled && !isSpace(c)) {
      inFilled = true;
      filled++;
    }
  }
  return filled;
}

function isPipeCellLine(text: string): boolean {
  return /\S\s+\|\s*$/.test(text) || /^\s*\|+\s*$/.test(text);
}

/** Decides the layout of a form from its non-empty lines. */
export function detectLayout(
  lines: readonly SourceLine[],
  split: (l: SourceLine) => Cell[] = (l) => splitSpaced(l.text, l.line),
): Layout {
  // One pass of trims and pipe tests per line (this runs on every line of every form).
  const blank = lines.map((l) => l.text.trim() === '');
  const filled = lines.filter((_, i) => !blank[i]);
  if (filled.length === 0) return 'rows';
  const piped = filled.some((l) => l.text.includes('|'));
  const markdownRows = piped ? filled.map((l) => isMarkdownRow(l.text)) : [];
  const markdown = markdownRows.filter(Boolean).length;
  if (markdown >= 3 && markdown / filled.length >= 0.3) return 'markdown';
  const pipeCells = piped ? filled.filter((l, i) => isPipeCellLine(l.text) && !markdownRows[i]).length : 0;
  if (pipeCells / filled.length >= 0.5) return 'cells';
  // One cell per paragraph: most lines hold a single cell and blank lines separate them (or nearly
  // every line is a single cell).
  const single =
    filled.filter((l) => !/\S[\s\u00a0\u3000]+\S/.test(l.text) || split(l).length === 1).length /
    filled.length;
  const spaced = lines.filter((_, i) => !blank[i] && (blank[i + 1] ?? true)).length / filled.length;
  if (filled.length >= 10 && ((single >= 0.7 && spaced >= 0.5) || single >= 0.9)) return 'stream';
  return 'rows';
}

// One cell per paragraph: a paragraph of single characters with one space between them (`备 注`,
// `指 标 值`) is one word set in letter-spaced type, not a row of one-character cells.
const LETTER_SPACED_CELL = /^\s*([\u4e00-\u9fff](?: [\u4e00-\u9fff])+)\s*$/;

/** Cells of one form in rows. `lastLine`/`endsCut` say whether the document ended without a delimiter. */
export function toGrid(lines: readonly SourceLine[], endsCut: boolean): Grid {
  // Lines split while detecting the layout are not split again below.
  const spacedCells = new Map<SourceLine, Cell[]>();
  const layout = detectLayout(lines, (l) => {
    const cells = splitSpaced(l.text, l.line);
    spacedCells.set(l, cells);
    return cells;
  });
  const spacedOf = (l: SourceLine): Cell[] => {
    const cells = spacedCells.get(l);
    spacedCells.delete(l);
    return cells ?? splitSpaced(l.text, l.line);
  };
  if (layout === 'cells') {
    const parted = pipePartedRows(lines, endsCut);
    if (parted) return { layout, rows: parted };
  }
  const rows: Cell[][] = [];
  const lastLine = lines.at(-1)?.line;
  for (const source of lines) {
    const { text, line } = source;
    if (text.trim() === '') continue;
    if (layout === 'markdown' && text.includes('|')) {
      const row: Cell[] = [];
      let offset = 0;
      for (const part of text.split('|')) {
        const trimmed = part.trim();
        if (trimmed !== '') {
          row.push({ text: trimmed, line, column: offset + part.indexOf(trimmed) + 1, atEnd: false });
        }
        offset += part.length + 1;
      }
      if (row.length > 0) rows.push(row);
    } else if (layout === 'cells' && text.includes('|')) {
      const trimmed = text.trim();
      if (/^\|{2,}$/.test(trimmed)) {
        rows.push([]);
        continue;
      }
      const current = rows.at(-1);
      const target = current ?? [];
      if (current === undefined) rows.push(target);
      // A cell merged across columns ends its line with a pipe per column it spans: `指标值 | |`.
      // Matched from the start of the trailing run only, so a long run of pipes mid-line is not rescanned.
      const content = trimmed.replace(/(?<![\s|])(\s*\|)+$/, '').trim();
      target.push({ text: content, line, column: text.indexOf(trimmed) + 1, atEnd: false });
    } else if (layout === 'stream') {
      const spaced = LETTER_SPACED_CELL.exec(text);
      if (spaced?.[1] !== undefined)
        rows.push([
          { text: spaced[1].replace(/ /g, ''), line, column: text.indexOf(spaced[1]) + 1, atEnd: false },
        ]);
      else rows.push(text.includes('\t') ? splitTabbed(text, line) : spacedOf(source));
    } else {
      const cells = text.includes('\t') ? splitTabbed(text, line) : spacedOf(source);
      if (layout === 'cells') {
        // A line without pipes inside a pipe layout (a signature line) stands as a row of its own.
        rows.push(cells, []);
      } else rows.push(cells);
    }
  }
  if (endsCut) {
    const lastRow = rows.findLast((r) => r.length > 0);
    const lastCell = lastRow?.at(-1);
    if (lastCell && lastCell.line === lastLine) lastCell.atEnd = true;
  }
  return { layout, rows: rows.filter((r) => r.length > 0) };
}
