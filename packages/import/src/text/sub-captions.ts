import type { Cell } from './layout.ts';
import type { Token } from './tokens.ts';
import { type ColumnRole, key } from './vocabulary.ts';

/**
 * A caption row whose grouped columns are split on a second caption line: 预期指标值 into
 * `符号 | (值) | 单位(文字描述)`, 自评得分 into `单项指标得分 | 权重占比(%) | 单项指标折算得分` (Hebei's
 * 项目绩效自评表 and forms copied from it). The second line holds only these sub-captions.
 */
type SubRole = 'opOrDir' | 'unit' | 'score' | 'weight' | 'converted';

function subCaptionRole(text: string): SubRole | null {
  const k = key(text);
  if (/^(符号|运算符|比较符|关系符)$/.test(k)) return 'opOrDir';
  if (/^(计量|度量)?单位(\(.{1,8}\))?$/.test(k)) return 'unit';
  // 折算得分 is the score times the weight share: a figure the rules compute, not the claim.
  if (/折算(得分|分值?)$/.test(k)) return 'converted';
  if (/^(单项)?(指标)?得分$/.test(k)) return 'score';
  if (/^(权重|权重占比|分值|指标分值|权重分值)(\((%|分)\))?$/.test(k)) return 'weight';
  return null;
}

/** The cells of the row starting at token `from` (up to the next row break). */
function rowCells(tokens: readonly Token[], from: number): { cells: Cell[]; next: number } {
  const cells: Cell[] = [];
  let k = from;
  for (; k < tokens.length && tokens[k] !== null; k++) {
    const c = tokens[k];
    if (c && c.text !== '') cells.push(c);
  }
  return { cells, next: k };
}

/**
 * The columns after the name once the sub-caption row starting at token `from` splits its groups, and
 * the token index after that row; null when the row there is not such a sub-caption row.
 * - operator and unit pieces split the target column: `[opOrDir] target [unit]`;
 * - score, weight and 折算得分 pieces replace the last 得分 column;
 *   a weight found there is the row's weight, so an earlier 分值 column holds something else (in the
 *   forms seen, the indicator's explanation) and is read as free text.
 */
export function splitBySubCaptions(
  tokens: readonly Token[],
  from: number,
  afterName: readonly ColumnRole[],
): { afterName: ColumnRole[]; end: number } | null {
  let start = from;
  while (start < tokens.length && tokens[start] === null) start++;
  const { cells, next } = rowCells(tokens, start);
  if (cells.length < 2 || cells.length > 8) return null;
  const pieces = cells.map((c) => subCaptionRole(c.text));
  if (pieces.some((p) => p === null)) return null;
  const targetAt = afterName.indexOf('target');
  const scoreAt = afterName.lastIndexOf('score');
  const forTarget = pieces.filter((p) => p === 'opOrDir' || p === 'unit');
  const forScore = pieces.filter((p) => p === 'score' || p === 'weight' || p === 'converted');
  if ((forTarget.length > 0 && targetAt < 0) || (forScore.length > 0 && scoreAt < 0)) return null;
  // Sub-captions of the score group must include the score itself, else the group is something else.
  if (forScore.length > 0 && !forScore.includes('score')) return null;
  const weightInScore = forScore.includes('weight');
  const out: ColumnRole[] = [];
  afterName.forEach((role, n) => {
    if (n === targetAt && forTarget.length > 0) {
      if (forTarget.includes('opOrDir')) out.push('opOrDir');
      out.push('target');
      if (forTarget.includes('unit')) out.push('unit');
    } else if (n === scoreAt && forScore.length > 0) {
      out.push(...forScore);
    } else if (role === 'weight' && weightInScore) {
      out.push('explanation');
    } else {
      out.push(role);
    }
  });
  return { afterName: out, end: next };
}
