import type { Warning } from '@jixiao/core/tables/table.schema';
import { columnsAsReadWarnings, inferColumnRoles, valueCellsOfRows } from './column-roles.ts';
import type { IndicatorHeader } from './indicators.ts';
import type { Token } from './tokens.ts';
import { type ColumnRole, key, levelLabel } from './vocabulary.ts';

// The national level-1 categories: a cell that is exactly one of them starts the indicator rows.
const LEVEL1_CELL = /^(?:(产出|效益|满意度|成本)指标|(产出|效果|影响力)目标)$/;

/**
 * The indicator rows of a form whose caption row is missing (cut off by a page preview, lost in
 * extraction): they start at the first cell that is a national level-1 label standing alone
 * (`产出指标`) followed within a few cells by a level-2 label (`数量指标`). The columns after the name
 * are the national form's for the kind of form (target: 指标值; self-evaluation: 年度指标值, 实际完成值,
 * 分值, 得分), which the row reader fits by content.
 */
export function headerlessTable(
  tokens: readonly Token[],
  kind: 'target' | 'self-evaluation' | 'department-wide',
): IndicatorHeader | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || !LEVEL1_CELL.test(key(t.text))) continue;
    const label = levelLabel(t.text, null);
    if (label?.level !== 1) continue;
    if (besideAnotherLevel1(tokens, i)) continue;
    let seen = 0;
    let level2 = false;
    for (let j = i + 1; j < tokens.length && seen < 3; j++) {
      const c = tokens[j];
      if (!c || c.text === '') continue;
      seen++;
      const l = levelLabel(c.text, t.text);
      if (l?.level === 2) {
        level2 = true;
        break;
      }
    }
    if (!level2) continue;
    if (unknownCaptionRowBefore(tokens, i)) return null;
    const fromCells = columnsOfRows(tokens, i, kind);
    return {
      start: i,
      end: i,
      lead: [],
      afterName: fromCells ?? NATIONAL[kind],
      hasLevel1Column: true,
      hasLevel2Column: true,
      repeatedGroup: false,
      columnsFromCells: fromCells !== null,
    };
  }
  return null;
}

const NATIONAL: Record<'target' | 'self-evaluation' | 'department-wide', ColumnRole[]> = {
  target: ['target'],
  'self-evaluation': ['target', 'actual', 'weight', 'score'],
  'department-wide': ['target'],
};

/**
 * The columns after the name as the rows' cells show them, where the text keeps its rows and the cells
 * settle them; null where they do not (the national form's columns are read then).
 */
function columnsOfRows(
  tokens: readonly Token[],
  start: number,
  kind: 'target' | 'self-evaluation' | 'department-wide',
): ColumnRole[] | null {
  if (!tokens.includes(null)) return null;
  const inferred = inferColumnRoles(valueCellsOfRows(tokens, start), kind);
  return inferred === null || inferred.doubtful ? null : inferred.roles;
}

/**
 * Level-1 labels side by side in one row (`产 出 指 标 | 效 益 指 标`) head the columns of a form laid out
 * across (one column per indicator, one row per town or unit), not rows of their own: a national form
 * prints each level 1 in the first cell of the rows it heads.
 */
function besideAnotherLevel1(tokens: readonly Token[], at: number): boolean {
  for (const step of [-1, 1]) {
    for (let k = at + step; k >= 0 && k < tokens.length; k += step) {
      const cell = tokens[k];
      if (cell === null || cell === undefined) break;
      if (cell.text.trim() === '') continue;
      if (LEVEL1_CELL.test(key(cell.text))) return true;
      break;
    }
  }
  return false;
}

/**
 * The row before the first level label is a caption row in words this importer does not know
 * (`类别 | 事项 | 目标值 | 备注`): three or more short cells without figures, none naming a level. Its columns are the
 * printed ones, not the national form's: the form is left to column mapping.
 */
function unknownCaptionRowBefore(tokens: readonly Token[], at: number): boolean {
  let k = at - 1;
  while (k >= 0 && tokens[k] !== null) k--;
  const cells: string[] = [];
  for (k--; k >= 0 && tokens[k] !== null; k--) {
    const text = tokens[k]?.text.trim() ?? '';
    if (text !== '') cells.push(text);
  }
  // Captions that name the levels (`一级指标 | 二级指标 | 三级指标内容`) are the national columns' own.
  if (cells.some((c) => /[一二三123]级/.test(c))) return false;
  return cells.length >= 3 && cells.every((c) => c.length <= 8 && !/\d/.test(c));
}

/**
 * Marks each row read without a caption row for a person to confirm: its columns were taken to be the
 * national form's, or read from what the cells hold, which nothing printed confirms.
 */
export function noCaptionRowWarnings(
  header: IndicatorHeader,
  rows: readonly { name: string }[],
  lines: readonly (number | undefined)[],
): Warning[] {
  return columnsAsReadWarnings(header, rows, lines, (name, { zh, en }, fromCells) => ({
    zh: fromCells
      ? `“${name}”所在的指标表没有表头行（一级指标/二级指标/三级指标…）：名称后的各列按各格内容读作（${zh}），请核对`
      : `“${name}”所在的指标表没有表头行（一级指标/二级指标/三级指标…）：名称后的各列按通用格式（${zh}）读取，请核对`,
    en: fromCells
      ? `The table of "${name}" has no caption row (一级指标/二级指标/三级指标…): the cells after the name were read by what they hold as ${en}; please check`
      : `The table of "${name}" has no caption row (一级指标/二级指标/三级指标…): the cells after the name were read as the usual columns (${en}); please check`,
  }));
}
