import type { Cell, Grid } from './layout.ts';
import { columnRole, headerLabel, joinsIntoLabel, key, levelLabel, narrativeLabels } from './vocabulary.ts';
import { joinWrappedNames } from './wrapped-names.ts';

/** A cell, or `null` for the end of a table row (only where the layout shows rows). */
export type Token = Cell | null;

const budgetCaption =
  /^(项目总预算|资金总额|年度资金总额|预算总额|总预算|项目当年预算|当年年度预算|年度预算|当年预算|年度本级预算金额|本年预算|预算金额|项目预算金额|同名项目上年预算额|同名项目上年预算执行数)(\((万元|元)\))?$/;

// Self-evaluation money captions printed as `全年预算数：1,860,000元` pairs.
const selfEvalCaption =
  /^(年初预算数?|全年预算数?|调整后(的)?预算数?|全年执行数|预算执行数|全年实际执行数)(\((万元|元)\))?$/;

function isLabel(text: string): boolean {
  const k = key(text);
  return (
    headerLabel(k) !== null ||
    budgetCaption.test(k) ||
    selfEvalCaption.test(k) ||
    narrativeLabels.some(([re]) => re.test(k))
  );
}

/**
 * The caption row's last caption run into the level-1 cell of the first row below it (`备注产出指标`, `指标值效益指标`
 * alone on a line of a form printed one cell per line: text extraction lost the line break between them): the two
 * cells, or null. Only a whole column caption followed by a
 * whole level-1 label counts, so a name that merely holds such words (`备注信息完整率`) stays one cell.
 */
function captionThenLevel1(text: string): [string, string] | null {
  if (text.length < 6 || text.length > 16 || !text.endsWith('指标')) return null;
  for (let len = 2; len <= text.length - 4; len++) {
    const caption = text.slice(0, len);
    const label = text.slice(len);
    if (columnRole(caption) !== null && levelLabel(label, null)?.level === 1) return [caption, label];
  }
  return null;
}

/**
 * Flattens a grid into a token stream: row ends become `null` (except in the paragraph layout, where
 * lines are not rows), `标签：值` cells are split in two, and labels wrapped over two cells
 * (`经济效益` / `指标`, `产出指标` / `(50分)`) are joined back.
 */
export function toTokens(grid: Grid): Token[] {
  const tokens: Token[] = [];
  const rows = grid.layout === 'rows' ? joinLabelTailRows(grid.rows) : grid.rows;
  for (const row of rows) {
    for (const cell of row) {
      // Only a cell holding a colon can be a `标签：值` pair: the rest skip the pattern.
      const m =
        cell.text.includes(':') || cell.text.includes('：')
          ? /^([^:：]{2,24}?)\s*[:：]\s*(\S.*)$/.exec(cell.text)
          : null;
      // Only a cell alone on its line: one cell per line is where a lost line break glues two cells.
      const glued = m === null && row.length === 1 ? captionThenLevel1(cell.text) : null;
      if (m?.[1] && m[2] && isLabel(m[1])) {
        tokens.push({ ...cell, text: m[1], atEnd: false });
        tokens.push({ ...cell, text: m[2], column: cell.column + cell.text.indexOf(m[2]) });
      } else if (glued !== null) {
        tokens.push({ ...cell, text: glued[0], atEnd: false });
        tokens.push({ ...cell, text: glued[1], column: cell.column + glued[0].length });
      } else tokens.push(cell);
    }
    if (grid.layout !== 'stream') tokens.push(null);
  }
  return joinWrappedNames(joinWrappedLabels(tokens));
}

/**
 * Narrow level columns wrap their labels every few characters, and column-aligned text prints the
 * rest on the lines below (`产出  数量  受益学生人数 …` / `指标  指标`, `满意` / `度指` / `标`). A line
 * of short pieces each standing under a cell of the line above, one of which completes a label or
 * caption, continues those cells.
 */
/** A piece stands under a cell when it starts within that cell's width (left-aligned or centred text). */
export function standsUnder(piece: Cell, cell: Cell): boolean {
  return piece.column >= cell.column - 1 && piece.column <= cell.column + cell.text.length;
}

export function joinLabelTailRows(rows: readonly Cell[][]): Cell[][] {
  const out: Cell[][] = [];
  let lastLine = -1;
  for (const row of rows) {
    const above = out.at(-1);
    const first = row[0];
    // Only a line that starts with a short piece that is no label by itself can continue labels.
    if (
      above !== undefined &&
      first !== undefined &&
      first.line === lastLine + 1 &&
      first.text.length <= 4 &&
      levelLabel(first.text, null) === null
    ) {
      // The leading short cells that stand under a cell of the line above; the rest of the line (an
      // indicator printed beside the label's last piece) stays a row of its own.
      const under: Cell[] = [];
      let n = 0;
      for (const c of row) {
        const a = c.text.length <= 4 && !/\d/.test(c.text) ? above.find((x) => standsUnder(c, x)) : undefined;
        if (a === undefined || under.includes(a)) break;
        under.push(a);
        n++;
      }
      const pieces = row.slice(0, n);
      if (n > 0 && pieces.some((c, k) => joinsIntoLabel(under[k]?.text ?? '', c.text))) {
        out[out.length - 1] = above.map((a) => {
          const tail = pieces[under.indexOf(a)];
          return tail ? { ...a, text: `${a.text}${tail.text}`, atEnd: tail.atEnd, endLine: tail.line } : a;
        });
        lastLine = first.line;
        // The rest of the line sits beside the label's last piece: same table row as the line above.
        const rowLine = above[0]?.line;
        if (n < row.length) out.push(row.slice(n).map((c) => ({ ...c, rowLine })));
        continue;
      }
    }
    out.push(row);
    lastLine = row.at(-1)?.line ?? -1;
  }
  return out;
}

function joinWrappedLabels(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cell = tokens[i];
    if (cell === null || cell === undefined) {
      out.push(null);
      continue;
    }
    // The continuation is the next cell, across at most one row end; across a row end one of the two
    // pieces stands alone on its row (`经济效益` / `指标`), as wrapped caption cells do.
    let j = i + 1;
    let crossed = false;
    if (tokens[j] === null) {
      j++;
      crossed = true;
    }
    const next = tokens[j];
    const alone = !crossed || (tokens[i - 1] ?? null) === null || (tokens[j + 1] ?? null) === null;
    if (next && alone && cell.text !== '' && joinsIntoLabel(cell.text, next.text)) {
      out.push({ ...cell, text: `${key(cell.text)}${key(next.text)}`, atEnd: next.atEnd });
      i = j;
      continue;
    }
    out.push(cell);
  }
  return out;
}

export { isLabel as isFieldLabel };
