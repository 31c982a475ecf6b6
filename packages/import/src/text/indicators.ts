import type { Direction, Indicator, Warning } from '@jixiao/core/tables/table.schema';
import {
  KNOWN_UNIT,
  nameSuggestsDate,
  parseTarget,
  quantityInSentence,
} from '@jixiao/core/targets/target-grammar';
import { AMOUNT_CELL } from './amount-cell.ts';
import { bestPlacement } from './best-placement.ts';
import { type ExecutionRow, executionRowFigures, isExecutionRowLabel } from './execution-row.ts';
import { splitTargetAndActual, splitWeightAndScore } from './fused-cells.ts';
import type { Cell, Layout } from './layout.ts';
import { splitBySubCaptions } from './sub-captions.ts';
import { standsUnder, type Token } from './tokens.ts';
import {
  type ColumnRole,
  columnRole,
  endsIndicators,
  formTitle,
  hanCount,
  isWeightNote,
  key,
  LEVEL_LABEL_WORDS,
  type LevelLabel,
  leadColumnRole,
  levelLabel,
  memo,
  nationalLevel1Of,
} from './vocabulary.ts';

/** Where the indicator table's caption row is, and what its columns hold. */
export interface IndicatorHeader {
  /** Token index of the first caption. */
  start: number;
  /** Token index just after the last caption. */
  end: number;
  /** Columns printed before 一级指标 in a table that lists several projects (项目名称, 预算数 …). */
  lead: ColumnRole[];
  /** Columns after the indicator name, in order. */
  afterName: ColumnRole[];
  /** The caption row has a 一级指标 column (some forms print only 二级 and 三级). */
  hasLevel1Column: boolean;
  /** The caption row has a 二级指标 column (false when only 一级/指标类型 and the name are captioned). */
  hasLevel2Column: boolean;
  /**
   * The value columns are followed by the level and name captions again: a form printing its mid-term
   * (中期) and annual (年度) indicators side by side, each row holding the same indicator twice.
   */
  repeatedGroup: boolean;
  /** The columns after the name were read from what the rows' cells hold, not from printed captions. */
  columnsFromCells?: boolean;
  /** Captions the vocabulary does not know head columns that the rows' cells did not settle either. */
  unsettledColumns?: boolean;
  /**
   * Indices into `afterName` of the columns whose roles no printed caption gave: captions this vocabulary
   * does not know (read as free text), and the target column assumed when no caption named it.
   */
  unreadCaptions?: number[];
}

/** Finds the caption row of the indicator table (一级指标 … 三级指标 指标值 …). */
export function findIndicatorHeader(
  tokens: readonly Token[],
  layout: Layout = 'rows',
): IndicatorHeader | null {
  // Most forms caption the name column 三级指标; some print 指标内容 / 绩效指标 right after 二级指标.
  const isNameCaption = (k: number): boolean => {
    const cell = tokens[k];
    if (!cell) return false;
    if (columnRole(cell.text) === 'name') return true;
    if (!/^(指标内容|绩效指标|具体指标|指标)$/.test(key(cell.text))) return false;
    const before = tokens
      .slice(Math.max(0, k - 3), k)
      .filter((t): t is Cell => t !== null && t.text !== '')
      .at(-1);
    return before !== undefined && columnRole(before.text) === 'level2';
  };
  for (let i = 0; i < tokens.length; i++) {
    const cell = tokens[i];
    if (!cell || !isNameCaption(i)) continue;
    let start = i;
    const lead: ColumnRole[] = [];
    let sawLevel = false;
    let sawLevel1 = false;
    let sawLevel2 = false;
    for (let j = i - 1; j >= 0 && j >= i - 12; j--) {
      const c = tokens[j];
      if (c === null || c === undefined || c.text === '') continue;
      // Before the name column 指标类型 captions the level-1 categories (产出指标, 效益指标 …); after it,
      // the same words caption 定量/定性, so the vocabulary cannot hold it as a level caption.
      const role = /^指标(类型|类别)$/.test(key(c.text)) ? 'level1' : columnRole(c.text);
      if (role === 'level1' || role === 'level2') {
        sawLevel = true;
        if (role === 'level1') sawLevel1 = true;
        else sawLevel2 = true;
        start = j;
        continue;
      }
      const leadRole = sawLevel ? leadColumnRole(c.text) : null;
      if (leadRole === null) break;
      lead.unshift(leadRole);
      start = j;
    }
    const afterName: ColumnRole[] = [];
    const unread: number[] = [];
    let repeatedGroup = false;
    let end = i + 1;
    let sameRow = layout === 'rows' || layout === 'markdown';
    // A caption row whose cells wrapped: the upper halves on this row (`年度 实际 分值 得分`), the lower
    // halves of the wrapped ones on the next (`指标值 完成值`), in the same order.
    const lower = sameRow ? lowerCaptionPieces(tokens, i) : [];
    let nextLower = 0;
    for (let j = i + 1; j < tokens.length; j++) {
      const c = tokens[j];
      if (c === null && nextLower > 0) {
        // The lower halves' row belongs to the caption.
        let k = j + 1;
        while (k < tokens.length && tokens[k] !== null) k++;
        end = k;
        break;
      }
      if (c === null) sameRow = false;
      if (c === null || c === undefined || c.text === '') continue;
      let role = columnRole(c.text);
      // A caption wrapped in its cell arrives in pieces (`年度` `指标值`, `偏差原因` `分析及` `改进措施`).
      if (role === null && key(c.text).length <= 6) {
        const joined = joinedCaption(tokens, j);
        if (joined !== null) {
          role = joined.role;
          j = joined.last;
        } else if (sameRow && c.line === tokens[i]?.line && lower[nextLower] !== undefined) {
          const wrapped = columnRole(`${c.text}${lower[nextLower]}`);
          if (wrapped !== null) {
            role = wrapped;
            nextLower++;
          }
        }
      }
      // A caption this vocabulary does not know, still on the caption row (考核方式, 数据来源 …):
      // keep its place as a free-text column.
      if (
        role === null &&
        sameRow &&
        key(c.text).length <= 12 &&
        levelLabel(c.text, null) === null &&
        !isTargetLike(c.text) &&
        !figureFollows(tokens, j)
      ) {
        role = 'explanation';
        unread.push(afterName.length);
      }
      if (role === 'level2' || role === 'name') repeatedGroup = afterName.length > 0;
      if (role === null || role === 'level1' || role === 'level2' || role === 'name') break;
      // 完成情况 after an actual-value column (单项指标实际完成值 | 单项指标完成情况) is its status word
      // (完成, 未完成), not a second actual.
      if (role === 'actual' && afterName.includes('actual') && /完成情况$/.test(key(c.text)))
        role = 'explanation';
      afterName.push(role);
      end = j + 1;
    }
    if (!sawLevel && afterName.length === 0) continue;
    let unreadCaptions = unread;
    if (!afterName.includes('target')) {
      afterName.unshift('target');
      unreadCaptions = [0, ...unread.map((k) => k + 1)];
    }
    const upper = upperCaptionRoles(tokens, start, afterName);
    afterName.push(...upper);
    const split = sameRow || layout === 'rows' ? splitBySubCaptions(tokens, end, afterName) : null;
    if (split) {
      afterName.splice(0, afterName.length, ...split.afterName);
      end = split.end;
    }
    // Columns other caption rows rearranged are not matched to the cells (they were read from captions).
    if (upper.length > 0 || split) unreadCaptions = [];
    // Without level captions (a name caption alone) nothing says a level-1 column is missing.
    return {
      start,
      end,
      lead,
      afterName,
      hasLevel1Column: sawLevel1 || !sawLevel,
      hasLevel2Column: sawLevel2 || !sawLevel,
      repeatedGroup,
      unreadCaptions,
    };
  }
  return null;
}

/**
 * The next cell of the row after `at` holds a figure (`4443`, `≥95%`, `12个`): a caption row holds no figures, so
 * a cell the vocabulary does not know with a figure after it (`三级指标 | 年度目标指标值 | 享受补贴人员数量 | 4443`,
 * the caption row and the first row run together) is the first row's name, not a caption.
 */
function figureFollows(tokens: readonly Token[], at: number): boolean {
  for (let k = at + 1; k < tokens.length && tokens[k] !== null; k++) {
    const c = tokens[k];
    if (!c || c.text.trim() === '') continue;
    return /\d/.test(c.text) && parsePlainTarget(c.text).kind === 'quantitative';
  }
  return false;
}

/**
 * The cell at `at`, right after a level-2 label, holds a name that looks like a value (`2020年12月完成`)
 * when more values follow it on the row than the columns after the target can hold
 * (`时效指标 | 2020年12月完成 | =95% | =95%` under 指标值 | 实际完成值 | 原因).
 */
function valueInNameColumn(tokens: readonly Token[], at: number, roles: readonly ColumnRole[]): boolean {
  const numeric = roles
    .slice(roles.indexOf('target') + 1)
    .filter((r) => r === 'actual' || r === 'weight' || r === 'score').length;
  // A row of a few cells; a long run of figures is no such row (and scanning it from each of its cells
  // would be quadratic), so the scan stops a few cells past what the columns can hold.
  const most = numeric + 4;
  let count = 0;
  for (let k = at + 1; k < tokens.length && tokens[k] !== null; k++) {
    const c = tokens[k];
    if (!c || c.text.trim() === '') continue;
    if (++count > most || !isTargetLike(c.text)) return false;
  }
  return count > numeric;
}

/**
 * A row that fills every value column in order after the cell at `at` — a target, the actual, and figures
 * under 分值 and 得分 (`2022年底之前 | 2022年底之前 | 达成预期指标 | 10 | 10`) — has that cell in the name
 * column, even when it reads as a value: a row whose name was lost is one cell short of it.
 */
function fillsValueColumns(tokens: readonly Token[], at: number, roles: readonly ColumnRole[]): boolean {
  const start = roles.indexOf('target');
  const needed = roles.slice(start);
  const last = Math.max(needed.lastIndexOf('weight'), needed.lastIndexOf('score'));
  if (start < 0 || last < 0 || !needed.includes('actual')) return false;
  let n = 0;
  for (let k = at + 1; k < tokens.length && tokens[k] !== null && n <= last; k++) {
    const c = tokens[k];
    if (!c || c.text.trim() === '') continue;
    const role = needed[n++];
    if (role === 'target' && !isTargetLike(c.text)) return false;
    if ((role === 'weight' || role === 'score') && !NUMBER_ONLY.test(c.text.trim())) return false;
    if (role !== 'target' && role !== 'actual' && role !== 'weight' && role !== 'score') return false;
  }
  return n === last + 1;
}

/**
 * A time frame in the name column (`2022年全年 | ≥360天 | ≥360天` under 时效指标): a row whose first cell is a
 * date or period and whose other cells (at least a target and an actual) are quantities is named by it; a
 * lost name leaves a row of values of one kind (`2023年底前 | 2023年12月 | 10 | 10`).
 */
function timeFrameNamesRow(tokens: readonly Token[], at: number): boolean {
  const first = tokens[at];
  if (!first) return false;
  const kind = parsePlainTarget(first.text).kind;
  if (kind !== 'date' && kind !== 'period') return false;
  let count = 0;
  for (let k = at + 1; k < tokens.length && tokens[k] !== null; k++) {
    const c = tokens[k];
    if (!c || c.text.trim() === '') continue;
    // A row of a few cells: a long run is no such row.
    if (++count > 6 || parsePlainTarget(c.text).kind !== 'quantitative') return false;
  }
  return count >= 2;
}

/** The cells of the row after the caption row at `i` when they are all short caption pieces. */
function lowerCaptionPieces(tokens: readonly Token[], i: number): string[] {
  let k = i;
  while (k < tokens.length && tokens[k] !== null) k++;
  const pieces: string[] = [];
  for (k++; k < tokens.length && tokens[k] !== null && pieces.length <= 6; k++) {
    const c = tokens[k];
    if (c === undefined || c === null || c.text === '') continue;
    // Lower halves are short (`指标值`, `完成值`), a free-text caption's tail a little longer (`原因分析及改进措施`).
    if (key(c.text).length > 12 || /\d/.test(c.text) || levelLabel(c.text, null) !== null) return [];
    pieces.push(c.text);
  }
  return pieces.length <= 6 ? pieces : [];
}

/** The caption that the cells from `j` on form when joined (up to three pieces), with the last one used. */
function joinedCaption(tokens: readonly Token[], j: number): { role: ColumnRole; last: number } | null {
  let text = '';
  let pieces = 0;
  let line = -1;
  for (let k = j; k < tokens.length && pieces < 3; k++) {
    const c = tokens[k];
    if (c === null || c === undefined || c.text === '') continue;
    // A caption wrapped in its cell continues on the next line, never beside itself.
    if (c.line === line) return null;
    line = c.line;
    text += key(c.text);
    pieces++;
    const role = pieces > 1 ? columnRole(text) : null;
    if (role !== null && role !== 'level1' && role !== 'level2' && role !== 'name') return { role, last: k };
  }
  return null;
}

/**
 * A two-row caption prints the value columns' group captions above the level captions
 * (`年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因` over `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`):
 * the lower row splits the first group (年度指标值) into its parts, the upper row's later captions follow them.
 * Returns those later roles when the lower row lacks them, else none.
 */
function upperCaptionRoles(
  tokens: readonly Token[],
  start: number,
  lower: readonly ColumnRole[],
): ColumnRole[] {
  const upper: ColumnRole[] = [];
  for (let j = start - 1, seen = 0; j >= 0 && seen < 10; j--) {
    const c = tokens[j];
    if (c === null || c === undefined || c.text === '') continue;
    seen++;
    const role = columnRole(c.text);
    if (role === null) {
      // The vertical caption over the whole block (绩效指标) may stand between the rows.
      if (/^绩效指标$/.test(key(c.text))) continue;
      break;
    }
    upper.unshift(role);
  }
  const spanned = upper.indexOf('target');
  if (spanned < 0) return [];
  const later = upper.slice(spanned + 1).filter((r) => !lower.includes(r));
  return later.some((r) => r === 'actual' || r === 'weight' || r === 'score') ? later : [];
}

/** Project columns of a row in a table that lists several projects. */
export interface LeadValues {
  project: string | null;
  unit: string | null;
  budget: string | null;
  goal: string | null;
  cell: Cell;
}

/** Indicators read under one project (a table may list several). */
export interface IndicatorBlock {
  lead: LeadValues | null;
  indicators: Indicator[];
  /** Per indicator: the cell its name came from, for located warnings. */
  cells: Cell[];
}

export interface IndicatorResult {
  blocks: IndicatorBlock[];
  warnings: Warning[];
  /** Token index where the table ended (a total row, signatures, a footnote), or null at end of text. */
  endedAt: number | null;
  /** The text stops inside the table: the last row is shorter than the rows before it or was cut. */
  cutOff: boolean;
  /** The last level-1 label read: a table that ends before its last level (满意度, 影响力) was cut. */
  lastLevel1: string | null;
  /** A level label was the last thing read: the rows under it are missing. */
  endsOnLabel: boolean;
  /** The 预算执行率 row printed among the indicators, read as the budget's execution line. */
  execution: ExecutionRow | null;
}

// Full-width forms (`＞＝`, `＜=`) come from the same keyboards as the ASCII ones.
const OPERATOR_ONLY = /^(?:[>＞<＜][=＝]?|[=＝][>＞<＜]|≥|≤|≧|≦|=|＝|﹦|═)$/;
const DIRECTION = /^(正向|反向)(指标)?$/;
// In a 指标性质 column beside the operators, `定性` says the target is text: it is not part of it.
const KIND_MARK = /^定(性|量)(指标)?$/;
const NUMBER_ONLY = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const EXPLAINS = /^(反映|用于(反映|考核|衡量)|衡量|是指|考核)/;
const POINTS = /^\d+(?:\.\d+)?\s*分$/;
const PERCENT_OR_NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const STANDARD_TAG = /^(计划|历史|行业|其他|预算|国家|地方)标准$/;
const STATUS_WORD = /^(已|未|基本|全部)?完成$/;

function isEmptyValue(text: string): boolean {
  return /^[/／\\\-—–_]*$/.test(text.trim());
}

const parsePlainTarget = memo((text: string) => parseTarget(text));
const parseDateTarget = memo((text: string) => parseTarget(text, { expectDate: true }));

// The quantity a sentence target states: asked of every qualitative target of every row, and the same
// targets recur table after table.
const statedQuantity = memo(quantityInSentence);

const isTargetLike = memo((text: string): boolean => {
  const kind = parseTarget(text).kind;
  return kind === 'quantitative' || kind === 'date' || kind === 'period' || kind === 'placeholder';
});

function isUnitLike(text: string): boolean {
  const k = text.trim();
  return (
    k.length > 0 &&
    k.length <= 6 &&
    !/\d/.test(k) &&
    !/[，,。；;：:、]/.test(k) &&
    !OPERATOR_ONLY.test(k) &&
    !DIRECTION.test(k) &&
    !isEmptyValue(k)
  );
}

/** Removes the template's decorations from an indicator name: `指标1:`, a core mark `*`, `(≥**人)`. */
export function cleanName(raw: string): string {
  return cleanNameMemo(raw);
}

// The same names recur in every table of a batch: five replaces each time were a hot spot.
const cleanNameMemo = memo((raw: string): string =>
  raw
    .replace(/^\s*指标\s*\d*\s*[:：.、]\s*|^\s*指标\s*\d+\s*/, '')
    // A sub-item of the row above (`其中：新造林面积`) is named without the connective.
    .replace(/^\s*其中\s*[:：]\s*/, '')
    // The end of a level caption printed in brackets before the name (`满意度指标(服务对象满意度指标):学校满意度`).
    .replace(/^\s*[)）]\s*[:：]\s*/, '')
    // The name compared with the year's target before the target (`学校满意度大于年度指标值≥95%`): the
    // comparison is the target's, the name ends before it.
    .replace(
      /(?<=[\u4e00-\u9fa5]{2})(?:大于|高于|超过|不低于|不少于|达到|低于|小于|不高于|不超过)(?:年度|全年|当年)?(?:指标值|目标值)\s*$/,
      '',
    )
    // Punctuation doubled by a page's conversion (`讲解员,、综治队员`): the last mark stands.
    .replace(/[,，、]{2,}/g, (run) => run.slice(-1))
    .replace(/^\s*[（(]?\d{1,2}[)）.、．](?!\d)\s*/, '')
    .replace(/^[*＊★※]+\s*/, '')
    // Spaces before and after a sign are one run when the sign is absent: `\s*[≥]*\s*` would split a long run
    // between its halves in every way (51,613 spaces took 2.5 s).
    .replace(/[(（]\s*(?:[≥≤>=<＞＜]+\s*)?[*＊]+[^)）]*[)）]/g, '')
    // The placeholder with its stars already gone: an operator and a unit in brackets, `(≥台)`, `（≤元/人）`.
    .replace(/[(（]\s*[≥≤≧≦>=<＞＜]+\s*(?:[\u4e00-\u9fa5a-zA-Z%/·]{1,6}\s*)?[)）]$/, '')
    // From the first sign of a run only: tried at each sign of a long run, it rescans the rest (quadratic).
    .replace(/(?<![≥≤>=<＞＜])[≥≤>=<＞＜]+\s*[*＊]+\S*$/, '')
    .trim(),
);

// Pieces of column captions that a wrapped caption row leaves on a line of their own.
const CAPTION_PIECE =
  /^(年度|实际|全年|预计|完成值|指标值|目标值|分值|得分|权重|指标值类型|值类型|度量单位|计量单位|备注|指标解释|指标方向|指标性质|指标值内容|绩效标准|评分标准|偏差原因分析及改进措施|偏差原因|改进措施|原因分析|符号|单位\(文字描述\)|权重占比(\(%\))?|(单项指标)?完成情况)$/;

/** A column caption or a piece of one, never an indicator's name or value (asked of every row's name). */
const isCaptionText = memo((text: string): boolean => {
  const k = key(text);
  return k !== '' && (CAPTION_PIECE.test(k) || columnRole(k) !== null);
});

function isFiller(name: string): boolean {
  return (
    name === '' ||
    /^[…．.。·\-—_/／\\x×X*＊|｜]+$/.test(name) ||
    /^[（(]?\s*[）)]?$/.test(name) ||
    isInstruction(name)
  );
}

/** Text wholly in brackets, `（根据项目实际填写）`: the template's instruction to the clerk, never a name. */
export function isInstruction(name: string): boolean {
  const first = name.trimStart().charAt(0);
  return (first === '（' || first === '(') && /^[（(][^（()）]+[）)]$/.test(name.trim());
}

// Operator-led target at the end of a cell: `足额保障率=100%`, `科目调整次数≤10次`.
const TRAILING_TARGET =
  /^(.*?[^\s≥≤≧≦<>=＜＞＝﹦])\s*((?:[≥≤≧≦]|[<>＜＞][=＝]?|[=＝﹦])\s*[-+]?\d[\d,.]*\s*(?:%|％|‰|[\u4e00-\u9fa5]{1,4}(?:\/[\u4e00-\u9fa5]{1,2})?)?)$/;

/**
 * Splits a cell where text extraction ran several table cells together: level labels that lead it
 * (`产出指标数量指标足额保障率=100%` → 产出指标 | 数量指标 | 足额保障率=100%) and, when the cell after it
 * is no target of its own, an operator-led target that ends it (→ 足额保障率 | =100%). Null when the
 * cell is one cell.
 */
export function runTogetherParts(text: string, nextIsTarget: boolean): string[] | null {
  const parts: string[] = [];
  let rest = text.trim();
  // A label with its allotment (`产出指标(50分)`) is one cell.
  if (levelLabel(rest, null) !== null) return null;
  let peeled = true;
  while (peeled && rest.includes('指标')) {
    peeled = false;
    // Shortest first: labels end at their first 指标 (`效益指标经济效益指标…` is two labels).
    for (let len = 4; len <= Math.min(rest.length - 2, 12); len++) {
      const prefix = rest.slice(0, len);
      if (!prefix.endsWith('指标') || levelLabel(prefix, null) === null) continue;
      if (prefix === '绩效指标' && !labelLeads(rest.slice(len))) break;
      parts.push(prefix);
      rest = rest.slice(len).trim();
      peeled = true;
      break;
    }
  }
  const m = nextIsTarget ? null : TRAILING_TARGET.exec(rest);
  const name = m?.[1]?.trim();
  if (m?.[2] && name && /[\u4e00-\u9fa5]/.test(name) && name.length >= 2 && levelLabel(name, null) === null) {
    if (parseTarget(m[2]).kind === 'quantitative') {
      parts.push(name, m[2].trim());
      rest = '';
    }
  }
  if (parts.length === 0) return null;
  if (rest !== '') parts.push(rest);
  return parts;
}

const OPERATOR_INSIDE = /[≥≤=＝<>＜＞﹦]/;
const OPERATOR_FIRST = /^[\s≥≤=＝<>＜＞﹦]/;

/** A cell that starts with a level label and goes on: `产出指标数量指标足额保障率=100%`. */
function isGlued(text: string): boolean {
  const p = text.indexOf('指标');
  if (p < 2 || p + 4 > text.length || levelLabel(text.slice(0, p + 2), null) === null) return false;
  // 绩效指标 captions a whole table: glued to other labels it leads them (`绩效指标产出指标…`); glued to
  // a word it is the start of a name (`绩效指标明确性`).
  return text.slice(0, p + 2) !== '绩效指标' || labelLeads(text.slice(p + 2));
}

/** The text starts with a level label (`产出指标…`, `数量指标…`). */
function labelLeads(text: string): boolean {
  const p = text.indexOf('指标');
  return p >= 2 && p <= 10 && levelLabel(text.slice(0, p + 2), null) !== null;
}

// Run from readIndicators at the first glued cell: run-together cells become the cells they were. Only cells holding
// 指标 or an operator can need it; the token array is copied only when one does.
function splitRunTogether(tokens: readonly Token[], from: number): readonly Token[] {
  // Extraction runs the cells of a whole table together, not of one cell: from the first glued cell
  // on, every cell is looked at.
  let out: Token[] | null = null;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] ?? null;
    // Most cells are plain names or targets that start with their operator: test those cheaply.
    const candidate =
      t !== null &&
      t.text.length > 3 &&
      (t.text.includes('指标') || (OPERATOR_INSIDE.test(t.text) && !OPERATOR_FIRST.test(t.text)));
    let parts: string[] | null = null;
    if (candidate && t !== null) {
      const next = tokens[i + 1];
      const nextIsTarget =
        next !== null && next !== undefined && isTargetLike(next.text) && !NUMBER_ONLY.test(next.text);
      parts = runTogetherParts(t.text, nextIsTarget);
    }
    if (parts === null || t === null) {
      out?.push(t);
      continue;
    }
    out ??= tokens.slice(0, i);
    let offset = 0;
    for (const part of parts) {
      const at = Math.max(offset, t.text.indexOf(part, offset));
      offset = at + part.length;
      out.push({
        ...t,
        text: part,
        column: t.column + at,
        atEnd: t.atEnd && offset >= t.text.trimEnd().length,
      });
    }
  }
  return out ?? tokens;
}

const FREE_TEXT: ReadonlySet<ColumnRole> = new Set(['explanation', 'reason', 'cause', 'measure']);

/** Columns only a monitoring form (绩效运行监控表) prints. */
export const PROGRESS_ROLES: ReadonlySet<ColumnRole> = new Set([
  'progress',
  'expected',
  'likelihood',
  'cause',
  'measure',
]);
const LIKELIHOOD = /^(确定能|能|可以|有可能|可能|基本能|不可能|完全不可能|无法完成|较难)/;

/**
 * A grid that ends in free-text columns after its 得分 (分值 … 得分 | 得分说明 | 偏差原因): the columns
 * up to the score, or null for any other grid.
 */
function scoredColumns(roles: readonly ColumnRole[]): ColumnRole[] | null {
  let k = roles.length;
  while (k > 0 && FREE_TEXT.has(roles[k - 1] as ColumnRole)) k--;
  if (k === roles.length || k === 0) return null;
  const last = roles[k - 1];
  if (last !== 'score' && last !== 'weight') return null;
  return roles.slice(0, k);
}

/**
 * How many leading cells of a row fill the columns up to its score, in text that split the free-text
 * cells after them into words (PDF text): the prefix ends with a number (the score), holds a number
 * for each of 分值 and 得分, and fits those columns. Null when the row has no such prefix.
 */
function scoredPrefix(cells: readonly Cell[], structured: readonly ColumnRole[]): number | null {
  const valueCount = structured.filter((r) => r !== 'opOrDir').length;
  const numbers = structured.filter((r) => r === 'weight' || r === 'score').length;
  let values = 0;
  let found: number | null = null;
  let seen = 0;
  for (let k = 0; k < cells.length; k++) {
    const text = (cells[k] as Cell).text;
    if (OPERATOR_ONLY.test(text) || DIRECTION.test(text) || KIND_MARK.test(text)) continue;
    values++;
    if (values > valueCount) break;
    if (NUMBER_ONLY.test(text) || POINTS.test(text)) {
      seen++;
      if (seen >= numbers) found = k + 1;
    }
  }
  return found;
}

interface Assigned {
  operator?: string;
  direction?: string;
  target?: string;
  unit?: string;
  actual?: string;
  weight?: string;
  score?: string;
  explanation?: string;
  reason?: string;
  progress?: string;
  expected?: string;
  likelihood?: string;
  cause?: string;
  measure?: string;
}

/**
 * What `fit` asks of one value cell, each answered at most once: bestPlacement asks every value's fit to
 * every column, and the same patterns ran once per column on the same text.
 */
interface ValueFacts {
  text: string;
  numberOnly: boolean;
  empty?: boolean;
  targetLike?: boolean;
  percentOrNumber?: boolean;
  points?: boolean;
  unitLike?: boolean;
}

function factsOf(text: string): ValueFacts {
  return { text, numberOnly: NUMBER_ONLY.test(text) };
}

const isEmpty = (v: ValueFacts) => (v.empty ??= isEmptyValue(v.text));
const isTarget = (v: ValueFacts) => (v.targetLike ??= isTargetLike(v.text));
const isPercentOrNumber = (v: ValueFacts) => (v.percentOrNumber ??= PERCENT_OR_NUMBER.test(v.text));
const isPoints = (v: ValueFacts) => (v.points ??= POINTS.test(v.text));
const isUnit = (v: ValueFacts) => (v.unitLike ??= isUnitLike(v.text));

// How well a cell fits a column. Multiples of ½, so that bestPlacement (align) compares sums exactly.
function fit(role: ColumnRole, value: ValueFacts, previous: string | undefined): number {
  const { text, numberOnly } = value;
  switch (role) {
    case 'target':
      if (isEmpty(value)) return 1;
      // A bare number is as likely 分值/得分 as a target: those columns win a tie.
      if (numberOnly) return 3;
      return isTarget(value) ? 4 : 1;
    case 'unit':
      if (previous !== undefined && text === previous && numberOnly) return 3;
      return isUnit(value) ? 3 : -9;
    case 'actual':
      return isPercentOrNumber(value) ? 2 : 1;
    case 'weight':
    case 'score':
      // Weights and scores print bare or in points (`10分`).
      return numberOnly || isPoints(value) ? 4 : isEmpty(value) ? 0 : -9;
    case 'explanation':
      if (STANDARD_TAG.test(text)) return 3;
      // The status column after the actual (单项指标完成情况: 完成, 未完成).
      if (STATUS_WORD.test(text)) return 3;
      return numberOnly ? 0.5 : 1;
    case 'reason':
    case 'cause':
    case 'measure':
      return numberOnly ? -2 : 0.5;
    case 'progress':
    case 'expected':
      return isEmpty(value) ? 0.5 : isTarget(value) || isPercentOrNumber(value) ? 2 : 1;
    case 'likelihood':
      return LIKELIHOOD.test(text) ? 4 : -2;
    case 'converted':
      return numberOnly ? 1 : isEmpty(value) ? 0 : -9;
    default:
      return -9;
  }
}

// Best order-preserving placement of the cells of one row into the columns after the name, for rows
// whose empty cells were lost (space-separated text): `10 10` under 年度指标值/实际完成值/分值/得分 is
// 分值 and 得分, `8 4` under 目标值/计量单位/分值 is 目标值 and 分值.
function align(values: readonly string[], roles: readonly ColumnRole[]): Map<number, ColumnRole> {
  const facts = values.map(factsOf);
  const columns = bestPlacement(values.length, roles.length, (v, r) =>
    fit(roles[r] as ColumnRole, facts[v] ?? factsOf(''), values[v - 1]),
  );
  return new Map(columns.map((r, v) => [v, roles[r] as ColumnRole]));
}

function assignRole(out: Assigned, role: ColumnRole, text: string): void {
  if (text === '') return;
  if (role === 'opOrDir') {
    if (DIRECTION.test(text)) out.direction = text;
    else if (!KIND_MARK.test(text)) out.operator = text;
    return;
  }
  if (role === 'target' || role === 'unit' || role === 'actual' || role === 'weight' || role === 'score') {
    out[role] = text;
  } else if (role === 'cause' && out.cause) {
    // A form may ask for the reason and for its class in two columns: the row's cause is both.
    out.cause = `${out.cause}；${text}`;
  } else if (role === 'explanation' || role === 'reason' || PROGRESS_ROLES.has(role)) {
    out[role as 'explanation' | 'reason' | 'progress' | 'expected' | 'likelihood' | 'cause' | 'measure'] =
      text;
  }
}

// A name that ends in a figure with its unit of count or money while the target cell is empty: the value
// was printed in the name's cell (`每公里补助20万元`). A rate ending in a percentage
// (`年度资金支付完成率100%`) is a name as the form's template wrote it, and stays one.
// The name is the shortest start that leaves a target, so that the target keeps its operator (`不少于`).
const VALUE_AT_NAME_END =
  /^(.*?[\u4e00-\u9fa5].*?[\u4e00-\u9fa5])((?:[≥≤≧≦]|不低于|不少于|不超过)?\d+(?:\.\d+)?(?:万元|元|[\u4e00-\u9fa5]{1,2}))$/;
const SIGN_ONLY = /^[\s≥≤≧≦<>＜＞=＝﹦]+$/;

/**
 * Repairs what extraction did to a row's value, in place, and says what it did: a value printed in the
 * name's cell is moved to the target; a sign whose figure was stripped leaves the target missing (a
 * person fills it in — no figure is invented).
 */
function repairValue(indicator: Indicator): Omit<Warning, 'line' | 'column'> | null {
  const raw = indicator.target.raw ?? '';
  if (indicator.target.kind === 'missing' && raw.trim() === '') {
    const m = VALUE_AT_NAME_END.exec(indicator.name);
    if (!m?.[1] || !m[2] || hanCount(m[1]) < 2) return null;
    const name = m[1];
    const value = m[2];
    indicator.name = name;
    indicator.target = { ...parsePlainTarget(value), raw: value };
    return {
      code: 'import.low_confidence',
      zh: `“${name}${value}”的指标值印在名称格内：已读作名称“${name}”、指标值“${value}”，请核对`,
      en: `"${name}${value}" printed its value in the name cell: read as name "${name}" and target "${value}"; please check`,
    };
  }
  if (SIGN_ONLY.test(raw)) {
    indicator.target = { kind: 'missing', operator: null, value: null, unit: null, raw };
    return {
      code: 'import.value_missing',
      zh: `“${indicator.name}”的指标值只印出符号“${raw.trim()}”，数字缺失（可能在转换中丢失）：请补填`,
      en: `"${indicator.name}" prints only the sign "${raw.trim()}" as its target; the figure is missing (lost in conversion?): please fill it in`,
    };
  }
  return null;
}

/**
 * One cell per line with a row's end lost (no `||` between two rows: `猪肉产量稳定率 | % | ≥95% | 能繁母猪稳定率 |
 * % | 90%`): the cells left after a row has filled its columns are the next row when they start with a name
 * (text that is no value) and a value for the target column follows it within the columns' reach. Free text
 * of a column the caption row did not name (a 备注) has no target after it.
 */
function startsNextRow(after: readonly Cell[], roles: readonly ColumnRole[]): boolean {
  const [first, ...values] = after;
  if (first === undefined || hanCount(first.text) < 2 || isEmptyValue(first.text)) return false;
  if (isTargetLike(first.text) || isCaptionText(first.text) || /[。！？]/.test(first.text)) return false;
  return values.slice(0, roles.length).some((c) => isTargetLike(c.text) && !NUMBER_ONLY.test(c.text));
}

/** A short name whose only stop is its last character, with a target among the cells after it on its row. */
function stopEndsName(name: string, hasRows: boolean, rest: readonly Cell[]): boolean {
  if (!hasRows || hanCount(name) > 30 || !/[。！？]$/.test(name) || /[。！？]/.test(name.slice(0, -1)))
    return false;
  return rest.some((c) => isTargetLike(c.text));
}

/** Words that are a cell's value, never an indicator's name. */
const VALUE_WORD =
  /^(是|否|有|无|有效|无效|显著|明显|较好|良好|优|优秀|良|中|差|达标|合格|完成|已完成|基本完成|未完成|提高|提升|改善|稳定|及时|规范|健全|完善|满意|基本满意|达到|基本达到|未达到)$/;

/**
 * Fills the cells a row left empty — target, actual, weight, score in column order — with the values of
 * the line below it. False (nothing changed) when the row above has no such cell open.
 */
function continueRow(row: Indicator, values: readonly string[], roles: readonly ColumnRole[]): boolean {
  const open = roles.filter(
    (r) =>
      (r === 'target' && row.target.kind === 'missing') ||
      (r === 'actual' && !row.actual) ||
      ((r === 'weight' || r === 'score') && (row[r] === null || row[r] === undefined)),
  );
  if (open[0] !== 'target' && open[0] !== 'actual') return false;
  open.forEach((role, n) => {
    const v = values[n];
    if (v === undefined || isEmptyValue(v)) return;
    if (role === 'target') row.target = { ...parsePlainTarget(v), raw: v };
    else if (role === 'actual') row.actual = v;
    else if (role === 'weight' || role === 'score') {
      const x = numberOf(v);
      if (x !== null) row[role] = x;
    }
  });
  return true;
}

/**
 * Fills the weight and score of the indicator read last from a line holding only figures, when that row
 * has its target and actual but neither weight nor score, the figures are as many as those columns and
 * the score is not above the weight. The row must have ended on an earlier line.
 */
function pointsOfRowAbove(
  block: IndicatorBlock | undefined,
  t: Cell,
  rest: readonly Cell[],
  roles: readonly ColumnRole[],
): boolean {
  const row = block?.indicators.at(-1);
  const line = block?.cells.at(-1)?.line;
  if (row === undefined || line === undefined || line >= t.line) return false;
  const figures = [t, ...rest].filter((c) => c.text.trim() !== '').map((c) => numberOf(c.text));
  const open = roles.filter((r): r is 'weight' | 'score' => r === 'weight' || r === 'score');
  if (
    open.length === 0 ||
    figures.length !== open.length ||
    figures.some((x) => x === null) ||
    row.weight != null ||
    row.score != null ||
    !row.actual ||
    row.target.kind === 'missing'
  )
    return false;
  const value = (r: 'weight' | 'score') => figures[open.indexOf(r)] ?? null;
  const weight = value('weight');
  const score = value('score');
  if (weight !== null && score !== null && score > weight) return false;
  if (open.includes('weight')) row.weight = weight;
  if (open.includes('score')) row.score = score;
  return true;
}

// An unscored sub-item under a scored row (`★补助各类瓜果蔬菜种植面积 10 10` / `梨树种植面积 6亩 6亩`): a name
// with its target and actual and no weight or score. Wrapped free text has no such value cells.
function isSubItem(line: readonly Cell[]): boolean {
  const [name, ...values] = line.filter((c) => c.text.trim() !== '');
  return (
    name !== undefined &&
    values.length >= 1 &&
    values.length <= 2 &&
    !isTargetLike(name.text) &&
    hanCount(name.text) >= 2 &&
    values.every((c) => isTargetLike(c.text) && !NUMBER_ONLY.test(c.text))
  );
}

function numberOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.replace(/,/g, '').replace(/分$/, '').trim();
  return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

function directionOf(text: string | undefined): Direction | null {
  if (text === undefined) return null;
  if (text.startsWith('正向')) return '正向';
  if (text.startsWith('反向')) return '反向';
  return null;
}

interface Context {
  layout: Layout;
  roles: readonly ColumnRole[];
  separator: string;
  /** The form's year: a deadline printed without one (`12月底前`) falls in it. */
  year: number | null;
  /** One caption heads the weight and the score (`分值得分`): its cells hold both, run together. */
  weightWithScore: boolean;
}

function buildIndicator(
  level1: string | null,
  level2: string | null,
  nameCell: Cell,
  assigned: Assigned,
  ctx: Context,
): Indicator {
  const name = cleanName(nameCell.text);
  // Target and actual run together into one cell (`100%100%`) while the actual's column is empty.
  const pair =
    ctx.roles.includes('actual') &&
    (assigned.actual === undefined || isEmptyValue(assigned.actual)) &&
    assigned.target
      ? splitTargetAndActual(assigned.target)
      : null;
  const a = pair === null ? assigned : { ...assigned, target: pair.target, actual: pair.actual };
  const parts = [a.operator, a.target, a.unit].filter((p): p is string => p !== undefined && p !== '');
  const raw = parts.join(ctx.separator);
  const text = parts.join(' ');
  const expectDate = nameSuggestsDate(name);
  let target = (expectDate ? parseDateTarget : parsePlainTarget)(text);
  if (target.kind === 'qualitative' && ctx.year !== null && text.includes('月'))
    target = parseTarget(text, { expectDate, year: ctx.year });
  // A sentence in the target column that states one quantity (`总航时不少于30小时`) is that quantity.
  const stated = target.kind === 'qualitative' ? statedQuantity(text) : null;
  if (stated) target = { ...stated, raw: target.raw };
  const indicator: Indicator = { level1, level2, name, target: { ...target, raw } };
  const direction = directionOf(a.direction);
  if (direction) indicator.direction = direction;
  let weight = numberOf(a.weight);
  let score = numberOf(a.score);
  // 分值 and 得分 run together into one cell (`1515`): split where the row's constraints allow. The run
  // stands under 分值 with 得分 empty, or under one caption for both (`分值得分`, read as 得分) with no
  // weight: a score over 100 is never one.
  const run =
    a.weight !== undefined && score === null
      ? a.weight
      : weight === null && a.score !== undefined
        ? a.score
        : undefined;
  const fused =
    run !== undefined && ctx.roles.includes('score')
      ? splitWeightAndScore(run, ctx.weightWithScore && run === a.score)
      : null;
  if (fused !== null) {
    weight = fused.weight;
    score = fused.score;
  }
  if (ctx.roles.includes('weight') || fused !== null)
    indicator.weight = weight !== null && weight >= 0 ? weight : null;
  if (ctx.roles.includes('actual')) indicator.actual = a.actual && !isEmptyValue(a.actual) ? a.actual : null;
  if (ctx.roles.includes('score')) indicator.score = score;
  if (a.explanation !== undefined && !isEmptyValue(a.explanation)) indicator.explanation = a.explanation;
  if (a.reason !== undefined && !isEmptyValue(a.reason)) indicator.deviationReason = a.reason;
  if (ctx.roles.some((r) => PROGRESS_ROLES.has(r))) {
    const text = (v: string | undefined) => (v === undefined || isEmptyValue(v) ? null : v);
    indicator.progress = {
      value: text(a.progress),
      expectedValue: text(a.expected),
      likelihood: text(a.likelihood),
      cause: text(a.cause),
      measure: text(a.measure),
    };
  }
  return indicator;
}

// Columns every row of a table fills; free text (解释, 备注, 原因, 完成值) is often left empty.
function filledCount(a: Assigned): number {
  return [a.operator, a.direction, a.target, a.unit, a.weight, a.score].filter(
    (v) => v !== undefined && v !== '',
  ).length;
}

/**
 * Reads indicator rows from the tokens after the caption row, the way a clerk reads the printed
 * table: level labels set the current 一级/二级; any other cell starts an indicator whose following
 * cells fill the columns after the name; template rows (`指标2:`, `……`, `/`) are skipped; a total row,
 * signature line or footnote ends the table.
 */
/** A label that stands whole on its own (no tail of a wrapped one): `满意度指标`, `服务对象满意度指标`. */
const WHOLE_LABEL =
  /^(产出|效益|效果|满意度|成本|数量|质量|时效|进度|经济效益|社会效益|生态效益|环境效益|生态环境效益|可持续影响|服务对象满意度|社会公众满意度)指标$/;

export function readIndicators(
  source: readonly Token[],
  header: IndicatorHeader,
  layout: Layout,
  hasRows: boolean,
  year: number | null = null,
): IndicatorResult {
  // Replaced by its split form when a glued cell shows that extraction ran the cells together.
  let tokens = source;
  // The tokens once a name has been supplied into them (below): this reading's own copy.
  let ownTokens: Token[] | null = null;
  let split = false;
  const roles = header.afterName;
  const ctx: Context = {
    layout,
    roles,
    separator: layout === 'markdown' || layout === 'cells' ? ' | ' : ' ',
    year,
    weightWithScore:
      !roles.includes('weight') &&
      source
        .slice(header.start, header.end)
        .some((t) => t !== null && /^(分值|权重)(自评)?得分$/.test(key(t.text))),
  };
  const warnings: Warning[] = [];
  const blocks: IndicatorBlock[] = [{ lead: null, indicators: [], cells: [] }];
  let level1: string | null = null;
  let level1Lost = false;
  let everLost = false;
  // Level labels in reading order with their lines, for tables whose merged cells print mid-span.
  const levelEvents: LevelEvent[] = [];
  /** The cell right after a level-2 label on a row that has no indicator yet: the row has no name cell. */
  const namedByLabel = (t: Cell): boolean => {
    const lastLabel = levelEvents.at(-1);
    return (
      hasRows &&
      level2 !== null &&
      lastLabel?.level === 2 &&
      lastLabel.line === t.line &&
      blocks.at(-1)?.cells.at(-1)?.line !== t.line
    );
  };
  /** A row named after its level-2 label, `target` its printed target; kept for a person to confirm. */
  const pushNamedByLabel = (t: Cell, target: string): void => {
    const label = level2 ?? '';
    const indicator = buildIndicator(level1, label, { ...t, text: label }, { target }, ctx);
    const block = blocks.at(-1);
    block?.indicators.push(indicator);
    block?.cells.push(t);
    endsOnLabel = false;
    warnings.push({
      code: 'import.low_confidence',
      zh: `“${label}”下没有指标名称：已以二级指标为名称导入（目标值“${target.slice(0, 30)}”），请核对`,
      en: `Under "${label}" the form prints no indicator name: imported with the level-2 label as its name (target "${target.slice(0, 30)}"); please check`,
      line: t.line,
      column: t.column,
      path: `indicators.${(block?.indicators.length ?? 1) - 1}`,
    });
  };
  let firstBeforeLevel1 = false;
  // A level-2 label read under a level 1 it does not belong to (`数量指标` while `成本指标` is in force): its
  // own level 1 is printed further down, at the middle of the rows it spans, not on their first row.
  const level2sBeforeLevel1: { parent: string; event: number }[] = [];
  let sawLevel1 = false;
  let sawLevel2 = false;
  let level2: string | null = null;
  // Token index of the last level-2 label read.
  let level2At = -1;
  // Columns up to 得分 of a grid that ends in free-text columns, and whether the last row read had
  // its free text split into words (lines below it may be that text wrapped).
  const scored = scoredColumns(roles);
  let wrappedTail = false;
  let endedAt: number | null = null;
  let cutOff = false;
  let maxFilled = 0;
  let lastFilled = -1;
  let rowStart = true;
  let endsOnLabel = false;
  let execution: ExecutionRow | null = null;
  // Cells joined by joinSplitTarget → the last source token they came from.
  const origin = new Map<Cell, Cell>();

  const isBoundary = (t: Token | undefined): boolean => {
    if (t === null || t === undefined) return true;
    if (t.text === '') return false;
    return isWeightNote(t.text) || levelLabel(t.text, level1) !== null || endsIndicators(t.text);
  };

  let i = header.end;
  // In a row, a cell in points (`10分`) after the name is its weight, not a level's allotment; so it is
  // without rows where the form has 分值/得分 columns and the cell follows the row's values (an allotment
  // follows its level label). Made once, not per row: each closure made costs a name property under tsx.
  const pointsInRow = (k: number): boolean =>
    POINTS.test(tokens[k]?.text ?? '') &&
    (hasRows ||
      ((roles.includes('weight') || roles.includes('score')) && (k > i + 1 || roles[0] === 'weight')));
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === undefined) break;
    if (t === null) {
      rowStart = true;
      i++;
      continue;
    }
    if (t.text === '') {
      i++;
      continue;
    }
    // Every title holds 绩效: the substring check spares the title pattern on nearly every cell.
    if (endsIndicators(t.text) || (t.text.includes('绩效') && formTitle.test(t.text))) {
      endedAt = i;
      break;
    }
    // The 分值 and 得分 of a row whose long free-text cells pushed them onto a line of their own
    // (`指标1:修缮建筑数量 | 完成…日常维护 | 完成…日常维护` / `7 7`): figures only, as many as the row lacks.
    if (rowStart && hasRows && NUMBER_ONLY.test(t.text.trim())) {
      let end = i;
      while (end < tokens.length && tokens[end] !== null) end++;
      const line = tokens.slice(i + 1, end).filter((c): c is Cell => c !== null && c !== undefined);
      if (pointsOfRowAbove(blocks.at(-1), t, line, roles)) {
        i = end;
        continue;
      }
    }
    if (rowStart && header.lead.length > 0) {
      const handled = readLead(tokens, i, header, blocks);
      if (handled.skipTo !== null) {
        i = handled.skipTo;
        continue;
      }
      if (handled.startedProject) {
        level1 = null;
        level2 = null;
      }
      i = handled.next;
      rowStart = false;
      continue;
    }
    // A task's cells on lines of their own, as a page with one cell per line prints the lead columns beside
    // each task's indicators: the level label right after them opens the task's rows, so they name none.
    if (!hasRows && header.lead.length > 0) {
      const skip = leadCellsBeforeLevel(tokens, i, header.lead, level1);
      if (skip !== null) {
        i = skip;
        continue;
      }
    }
    const startsRow = rowStart;
    rowStart = false;
    // The label in the level cells and again beside them, in a table with 得分: the budget's execution
    // line. A row `预算执行率 | =100%` under 投入管理 is an indicator like any other.
    // Printed one cell per line (no row ends), the row is its labels and then as many cells as the table
    // has columns after the name, up to the 总分 or 自评得分 row or the next level label.
    if (
      (startsRow || !hasRows) &&
      roles.includes('score') &&
      isExecutionRowLabel(t.text) &&
      isExecutionRowLabel(nextFilled(tokens, i + 1)?.text ?? '')
    ) {
      let end = i;
      if (hasRows) while (end < tokens.length && tokens[end] !== null) end++;
      else {
        let taken = 0;
        for (end = i + 1; end < tokens.length; end++) {
          const c = tokens[end];
          if (!c || c.text === '' || isExecutionRowLabel(c.text)) continue;
          if (
            taken >= roles.length ||
            endsIndicators(c.text) ||
            levelLabel(c.text, null) !== null ||
            columnRole(c.text) !== null
          )
            break;
          taken++;
        }
      }
      const values = tokens
        .slice(i + 1, end)
        .filter(
          (c): c is Cell => c !== null && c !== undefined && c.text !== '' && !isExecutionRowLabel(c.text),
        )
        .map((c) => c.text);
      execution = executionRowFigures(values, align(values, roles), t.line);
      // Without row ends the cell at `end` begins what follows: read next, not skipped.
      i = hasRows ? end : end - 1;
      continue;
    }
    // The caption row printed again at the top of a new page is no indicator: skip it.
    // A caption row printed again starts with 一级指标/二级指标/三级指标: only short cells holding 级
    // need the caption test. It ends at its row's end or at a level label, which is a cell of the rows
    // below, never a caption (a form flattened onto one line has no row end before its own end).
    const caption = t.text.length <= 12 && t.text.includes('级') ? columnRole(t.text) : null;
    if (caption === 'level1' || caption === 'level2' || caption === 'name') {
      let k = i + 1;
      while (
        k < tokens.length &&
        tokens[k] !== null &&
        (hasRows || columnRole(tokens[k]?.text ?? '') !== null) &&
        levelLabel(tokens[k]?.text ?? '', null) === null
      )
        k++;
      i = k;
      continue;
    }
    if (isWeightNote(t.text)) {
      level1 = null;
      level1Lost = true;
      everLost = true;
      level2 = null;
      i++;
      continue;
    }
    let label: LevelLabel | null = t.supplied ? null : levelLabel(t.text, level1);
    // Extraction ran this table's cells together: split them from here on and read this cell again.
    if (label === null && !split && isGlued(t.text)) {
      tokens = splitRunTogether(tokens, i);
      split = true;
      continue;
    }
    // Under 服务对象满意度指标 a cell 服务对象满意度 names the indicator; it does not repeat the label.
    if (
      label?.level === 2 &&
      level2 !== null &&
      key(level2).replace(/指标$/, '') === key(label.label).replace(/指标$/, '')
    ) {
      if (key(level2) !== key(label.label)) label = null;
    }
    // Under a level 1 that already names whose satisfaction (服务对象满意度指标), a bare `满意度` is the
    // indicator's name, not a level 2 below it.
    if (
      label?.level === 2 &&
      key(label.label).replace(/指标$/, '') === '满意度' &&
      level1 !== null &&
      /.满意度(指标)?$/.test(key(level1))
    )
      label = null;
    // In a row whose level-2 cell was just read, the next cell is the name column: `满意度` there names
    // the indicator (服务对象满意度指标 | 满意度 | 40 | >=90% …), it is no second level 2.
    if (
      label?.level === 2 &&
      hasRows &&
      level2At >= 0 &&
      tokens.slice(level2At + 1, i).every((c) => c !== null && c.text === '') &&
      nextFilled(tokens, i + 1) !== undefined &&
      tokens[i + 1] !== null
    )
      label = null;
    // A form without a 一级指标 column (or with that column left empty so far) prints only level-2
    // labels: `服务对象满意度指标` is one of them.
    if (
      label?.level === 1 &&
      label.weightNote === null &&
      !level1Lost &&
      (!header.hasLevel1Column || (!sawLevel1 && sawLevel2))
    ) {
      const parent = nationalLevel1Of(label.label);
      const asLevel2 = parent === null ? null : levelLabel(t.text, parent);
      if (asLevel2?.level === 2) label = asLevel2;
    }
    // `成本指标` under 产出指标 is read as its level 2, unless a level 2 of its own follows it
    // (`成本指标 经济成本指标 …`): then it is the level 1 of the 2021 framework.
    if (label?.level === 2 && levelLabel(t.text, null)?.level === 1 && level1 !== null) {
      const next = nextFilled(tokens, i + 1);
      const below = next === undefined ? null : levelLabel(next.text, label.label);
      if (below?.level === 2 && nationalLevel1Of(below.label) === key(label.label))
        label = { level: 1, label: label.label, weightNote: null };
    }
    // A level-2 cell the vocabulary did not know, centred in a cell that spans its row, prints around the
    // row (`社会公众或服务` | 政策满意度 | ≥90% | `对象满意度指标`): the label after the row completes the one
    // before it when the two make a label of the national framework.
    if (label !== null && level2 !== null && levelLabel(level2, level1) === null) {
      const current: string = level2;
      const joined: string = `${key(current)}${key(t.text)}`;
      const underIt = blocks.some((b) => b.indicators.some((ind) => ind.level2 === current));
      if (underIt && !WHOLE_LABEL.test(key(t.text)) && nationalLevel1Of(joined) !== null) {
        for (const b of blocks)
          for (const ind of b.indicators) if (ind.level2 === current) ind.level2 = joined;
        const event = levelEvents.findLast((e) => e.label === current);
        if (event) event.label = joined;
        level2 = joined;
        i++;
        continue;
      }
    }
    if (label !== null) {
      endsOnLabel = true;
      if (label.level === 1) sawLevel1 = true;
      else sawLevel2 = true;
      // A label wrapped over lines stands at the middle of them.
      levelEvents.push({
        level: label.level,
        label: label.label,
        line: (t.line + (t.endLine ?? t.line)) / 2,
      });
      if (label.level === 1) {
        level1 = label.label;
        level1Lost = false;
        level2 = null;
      } else {
        const parent = nationalLevel1Of(label.label);
        if (
          level1 !== null &&
          parent !== null &&
          key(parent) !== key(level1) &&
          blocks.some((b) => b.indicators.length > 0)
        )
          level2sBeforeLevel1.push({ parent, event: levelEvents.length - 1 });
        level2 = label.label;
        level2At = i;
        // A form whose name column holds the level-2 category (`数量指标 | 375万平方米 | …`): the row is
        // named by its label.
        // Without a 二级指标 column the label can only stand in the name column, so whatever follows it is
        // the row's target, a word (`全年`, `是`) as much as a figure.
        const next = tokens[i + 1];
        if (
          hasRows &&
          next &&
          ((isTargetLike(next.text) &&
            parseTarget(next.text).kind !== 'placeholder' &&
            !valueInNameColumn(tokens, i + 1, roles) &&
            !timeFrameNamesRow(tokens, i + 1) &&
            !fillsValueColumns(tokens, i + 1, roles)) ||
            (!header.hasLevel2Column &&
              next.text.trim() !== '' &&
              key(next.text).length <= 20 &&
              levelLabel(next.text, level1) === null &&
              !/[。！？]/.test(next.text)))
        ) {
          // Into a copy of its own, made once: copying the tokens for each such label took the square of a
          // long table's length.
          if (ownTokens !== tokens) {
            ownTokens = [...tokens];
            tokens = ownTokens;
          }
          ownTokens.splice(i + 1, 0, { ...t, text: label.label, supplied: true });
        }
        if (level1 === null && level1Lost) {
          level1 = nationalLevel1Of(label.label);
          if (level1 !== null) {
            warnings.push({
              code: 'import.level1_inferred',
              zh: `一级指标未印出，按二级指标“${label.label}”推定为“${level1}”`,
              en: `Level 1 was not printed; inferred "${level1}" from level 2 "${label.label}"`,
              line: t.line,
              column: t.column,
            });
          }
        }
      }
      i++;
      continue;
    }
    // A label wrapped in its cell leaves its tail alone on the next row (`服务对象满意度` / `指标`):
    // join it back, also for the rows already read beside the label.
    const alone = startsRow && (tokens[i + 1] ?? null) === null && hasRows;
    if (alone && (level2 !== null || level1 !== null)) {
      const current = level2 ?? level1 ?? '';
      const joined = `${key(current)}${key(t.text)}`;
      const wrapped = joined !== key(current) ? levelLabel(joined, level2 === null ? null : level1) : null;
      if (wrapped !== null && wrapped.level === (level2 === null ? 1 : 2)) {
        const field = level2 === null ? 'level1' : 'level2';
        for (const b of blocks)
          for (const ind of b.indicators) if (ind[field] === current) ind[field] = wrapped.label;
        const event = levelEvents.findLast((e) => e.label === current);
        if (event) event.label = wrapped.label;
        if (level2 === null) level1 = wrapped.label;
        else level2 = wrapped.label;
        i++;
        continue;
      }
    }
    // Lines under a row whose free-text cells wrapped (PDF text of a scored grid) continue that row
    // until a line holds a row's numbers again; a first piece that completes the row's level label
    // (`服务对象满意度` / `指标`) is its wrapped end.
    if (wrappedTail && startsRow && scored !== null) {
      const line = rowAt(tokens, i);
      if (scoredPrefix(line.slice(1), scored) === null && !isSubItem(line)) {
        const current = level2 ?? level1;
        const joined =
          current === null
            ? null
            : levelLabel(`${key(current)}${key(t.text)}`, level2 === null ? null : level1);
        if (current !== null && joined !== null && joined.level === (level2 === null ? 1 : 2)) {
          const field = level2 === null ? 'level1' : 'level2';
          for (const b of blocks)
            for (const ind of b.indicators) if (ind[field] === current) ind[field] = joined.label;
          if (level2 === null) level1 = joined.label;
          else level2 = joined.label;
        }
        // The row's free text goes on here: what was read of it is a part, not the text.
        const previous = blocks.at(-1)?.indicators.at(-1);
        if (previous !== undefined) {
          delete previous.explanation;
          delete previous.deviationReason;
        }
        while (i < tokens.length && tokens[i] !== null) i++;
        continue;
      }
      wrappedTail = false;
    }
    if (t.atEnd) {
      // The document stops inside this cell: it may be half a name. Invent nothing.
      cutOff = true;
      break;
    }
    // The cells of this indicator: up to the row end, or (without rows) up to the next level label.
    // An indicator never spans more than a few dozen cells; the cap keeps one-line junk linear.
    let j = i + 1;
    const limit = Math.min(tokens.length, i + 64);
    while (j < limit && !(isBoundary(tokens[j]) && !pointsInRow(j))) j++;
    let rest = tokens.slice(i + 1, j).filter((c): c is Cell => c !== null);
    // A name alone on its row whose value starts the next row: cells printed one per line.
    if (layout === 'rows' && rest.every((c) => c.text === '') && tokens[j] === null) {
      const below = tokens[j + 1];
      if (below && isTargetLike(below.text) && !isBoundary(below)) {
        let k = j + 1;
        while (k < Math.min(tokens.length, j + 64) && !isBoundary(tokens[k])) k++;
        rest = tokens.slice(j + 1, k).filter((c): c is Cell => c !== null);
        j = k;
      }
    }
    const name = cleanName(t.text);
    // A sentence is no indicator name: notes and instructions left in the table are skipped. A name that only
    // ends in a stop, short and with a target beside it on its row, is a name a clerk closed with a stop
    // (`基层医疗机构实施基本药物制度补助。 | 37个基层医疗机构 | 100%`): a note has no value cells.
    if ((name.length > 50 || /[。！？]/.test(name)) && !stopEndsName(name, hasRows, rest)) {
      // …except a sentence printed beside its level-2 label with nothing after it
      // (`经济效益指标 | 增加就业机会,提高农民收入。`): the form names no indicator, the sentence is the
      // qualitative target of a row the label names. Kept for a person to confirm.
      if (
        namedByLabel(t) &&
        rest.every((c) => c.text.trim() === '' || isEmptyValue(c.text)) &&
        name.length <= 120
      ) {
        pushNamedByLabel(t, name);
        i = j;
        continue;
      }
      warnings.push({
        code: 'import.not_an_indicator',
        zh: `跳过不像指标名称的文字：“${name.slice(0, 30)}…”`,
        en: `Skipped text that is not an indicator name: "${name.slice(0, 30)}…"`,
        line: t.line,
        column: t.column,
      });
      i = hasRows ? j : i + 1;
      continue;
    }
    // A unit cell standing alone (`%(百分比)`) names no indicator.
    if (isFiller(name) || /^[%％‰][(（][\u4e00-\u9fa5]{1,4}[)）]$/.test(name)) {
      i = hasRows ? j : i + 1;
      continue;
    }
    // Without row ends, a text cell after a scored row's numbers with no value of its own before the next
    // label is that row's 偏差原因 (the column after 得分), not an indicator (`…| 10 | 10 | 无偏差 | 产出指标`).
    const scoredAbove = blocks.at(-1)?.indicators.at(-1);
    if (
      !hasRows &&
      rest.every((c) => c.text === '') &&
      isBoundary(tokens[j]) &&
      scoredAbove !== undefined &&
      (scoredAbove.score != null || scoredAbove.weight != null) &&
      scoredAbove.deviationReason === undefined &&
      roles.indexOf('reason') > Math.max(roles.indexOf('score'), roles.indexOf('weight'))
    ) {
      if (!isEmptyValue(t.text)) scoredAbove.deviationReason = t.text.trim();
      i = j;
      continue;
    }
    const filled =
      layout === 'cells' ? rest.filter((c) => c.text !== '') : joinSplitTarget(rest, roles, origin);
    const valueRoles = roles.filter((r) => r !== 'opOrDir');
    const opOrDirCount = filled.filter(
      (c) =>
        OPERATOR_ONLY.test(c.text) ||
        DIRECTION.test(c.text) ||
        (KIND_MARK.test(c.text) && roles.includes('opOrDir')),
    ).length;
    // Value words where a name should be, under a row that stopped short (a markdown export that
    // wrapped the row: `减轻贫困学生家庭经济负担 |` / `| 有效 |` / `| 有效 | 10 | 10 |`): they continue it.
    const above = blocks.at(-1)?.indicators.at(-1);
    if (
      hasRows &&
      above !== undefined &&
      (blocks.at(-1)?.cells.at(-1)?.line ?? t.line) < t.line &&
      VALUE_WORD.test(key(t.text)) &&
      continueRow(above, [t.text, ...filled.map((c) => c.text)], roles)
    ) {
      i = j;
      continue;
    }
    // The row's name printed again in its completion column, right after its target (`建设监测子站 | 11个 |
    // 建设监测子站 | 0 | 原因…`): the figure after it is the row's actual, and the row goes on. In rows the
    // repeated name stands on the row's own line; one cell per paragraph has no lines to tell, so the row
    // above must have read its target and no actual.
    const aboveCell = blocks.at(-1)?.cells.at(-1);
    const firstValue = filled[0];
    if (
      above !== undefined &&
      aboveCell !== undefined &&
      (!hasRows || aboveCell.line === t.line) &&
      roles.includes('actual') &&
      !above.actual &&
      above.target.kind !== 'missing' &&
      name === above.name &&
      firstValue !== undefined &&
      (isTargetLike(firstValue.text) || NUMBER_ONLY.test(firstValue.text.trim())) &&
      continueRow(
        above,
        filled.map((c) => c.text),
        roles,
      )
    ) {
      i = hasRows ? j : tokens.indexOf(origin.get(firstValue) ?? firstValue, i) + 1;
      continue;
    }
    // A target where a name should be (a value cell whose name cell was lost) starts no indicator —
    // unless the row's other cells show it is the name column (a name that reads as a date).
    if (
      isTargetLike(t.text) &&
      parseTarget(t.text).kind !== 'placeholder' &&
      !(
        hasRows &&
        (valueInNameColumn(tokens, i, roles) ||
          timeFrameNamesRow(tokens, i) ||
          fillsValueColumns(tokens, i, roles))
      )
    ) {
      warnings.push({
        code: 'import.value_without_name',
        zh: `“${t.text}”没有对应的指标名称，已忽略`,
        en: `"${t.text}" has no indicator name and was ignored`,
        line: t.line,
        column: t.column,
      });
      i++;
      continue;
    }
    // A cell numbered by the template (`指标1:新建堤防长度`) is an indicator's name, never a level label.
    const numberedName = /^\s*指标\s*\d+\s*[:：]/.test(t.text);
    // An unknown level-1 label (`项目完成`) in a table with a 一级指标 column: the cell that follows it on
    // its row is a level-2 label (`项目完成 | 数量指标 | 参保人数 | 43230人`).
    // A few cells ahead only: this is asked of every cell, and a row of junk may be very long.
    const besideIt = rowAt(tokens, i + 1, 3)[0];
    if (
      !numberedName &&
      header.hasLevel1Column &&
      besideIt !== undefined &&
      besideIt.line - t.line <= 1 &&
      levelLabel(besideIt.text, null)?.level === 2 &&
      key(t.text).length <= 8 &&
      !isTargetLike(t.text)
    ) {
      level1 = t.text;
      level1Lost = false;
      level2 = null;
      sawLevel1 = true;
      levelEvents.push({ level: 1, label: t.text, line: t.line });
      i++;
      continue;
    }
    // An unknown level-2 label on the row of its first indicator: `配套设施 配套设施利用率 >=90%`.
    // Without rows the same holds when the columns have no free-text 实际完成值 to confuse it with.
    if (
      !numberedName &&
      (hasRows ? filled.length - opOrDirCount > valueRoles.length : !roles.includes('actual')) &&
      filled[0] !== undefined &&
      filled[1] !== undefined &&
      !isTargetLike(filled[0].text) &&
      !OPERATOR_ONLY.test(filled[0].text) &&
      !DIRECTION.test(filled[0].text) &&
      isTargetLike(filled[1].text) &&
      valueRoles[0] === 'target'
    ) {
      level2 = t.text;
      levelEvents.push({ level: 2, label: t.text, line: t.line });
      i++;
      continue;
    }
    // The tail of the previous name wrapped onto a line of its own: `维护渠道（含支渠、` / `斗渠）`.
    const previous = blocks.at(-1)?.indicators.at(-1);
    if (
      layout === 'rows' &&
      filled.length === 0 &&
      previous !== undefined &&
      (unbalanced(previous.name) > 0 || /^[)）、，,]/.test(t.text)) &&
      unbalanced(previous.name) + unbalanced(t.text) >= 0
    ) {
      previous.name = `${previous.name}${cleanName(t.text)}`;
      i = j;
      continue;
    }
    // The last characters of a wrapped name, alone on the next line in the name's own column
    // (PDF text keeps the columns): `站点设备故障修复后复检合格  ≥98%` / `率`.
    const previousCell = blocks.at(-1)?.cells.at(-1);
    if (
      layout === 'rows' &&
      alone &&
      previous !== undefined &&
      previousCell !== undefined &&
      t.line === previousCell.line + 1 &&
      standsUnder(t, previousCell) &&
      key(t.text).length <= 6 &&
      !/\d/.test(t.text)
    ) {
      previous.name = `${previous.name}${cleanName(t.text)}`;
      i = j;
      continue;
    }
    // A name alone on its line in a space-separated table, followed by a row with a name and values:
    // a short one is a level-2 label the vocabulary does not know, a long one is a wrapped name.
    const nextRow =
      layout === 'rows' && filled.length === 0 && tokens[j] === null ? rowAt(tokens, j + 1) : [];
    const nextFirst = nextRow[0];
    if (!numberedName && nextFirst !== undefined && !isBoundary(nextFirst) && !isTargetLike(nextFirst.text)) {
      if (name.length <= 6 && (nextRow.length >= 2 || nextFirst.text.length >= 8)) {
        level2 = t.text;
        levelEvents.push({ level: 2, label: t.text, line: t.line });
        i = j;
        continue;
      }
      if (name.length >= 10 && nextRow.length >= 2) {
        nextFirst.text = `${t.text}${nextFirst.text}`;
        nextFirst.line = t.line;
        nextFirst.column = t.column;
        i = j;
        continue;
      }
    }
    const assigned: Assigned = {};
    let consumed: Cell[] = [];
    if (layout === 'cells') {
      consumed = rest.slice(0, roles.length);
      consumed.forEach((c, k) => {
        const role = roles[k];
        if (role) assignRole(assigned, role, c.text);
      });
    } else if (hasRows && filled.length - opOrDirCount <= valueRoles.length) {
      consumed = rest;
      const values: string[] = [];
      for (const c of filled) {
        if (OPERATOR_ONLY.test(c.text)) assigned.operator = c.text;
        else if (DIRECTION.test(c.text)) assigned.direction = c.text;
        else if (!(KIND_MARK.test(c.text) && roles.includes('opOrDir'))) values.push(c.text);
      }
      for (const [v, role] of align(values, valueRoles)) assignRole(assigned, role, values[v] ?? '');
    } else if (
      layout === 'rows' &&
      hasRows &&
      scored !== null &&
      (tokens[j] === null || j >= tokens.length) &&
      scoredPrefix(filled, scored) !== null
    ) {
      // The free-text cells after the score were split into words, and wrap onto the lines below: the
      // words of 得分说明 and 偏差原因 cannot be told apart, so only the columns up to the score are read.
      consumed = rest;
      const values: string[] = [];
      for (const c of filled.slice(0, scoredPrefix(filled, scored) ?? 0)) {
        if (OPERATOR_ONLY.test(c.text)) assigned.operator = c.text;
        else if (DIRECTION.test(c.text)) assigned.direction = c.text;
        else if (!(KIND_MARK.test(c.text) && roles.includes('opOrDir'))) values.push(c.text);
      }
      const structured = scored.filter((r) => r !== 'opOrDir');
      for (const [v, role] of align(values, structured)) assignRole(assigned, role, values[v] ?? '');
    } else {
      consumed = greedy(filled, roles, assigned);
    }
    const last = consumed.at(-1);
    if (last?.atEnd) {
      cutOff = true;
      // The text may stop inside this cell. A cut word (`逐步提` of 逐步提高) is no target; a number
      // may well be whole (`20` at the end of a file without a final newline), so it is kept.
      if (assigned.target === last.text && !/\d/.test(last.text)) delete assigned.target;
    }
    // A template row left unfilled (指标1:xx / / /): every cell `/`, the name still carrying 指标N:.
    const templated = /^\s*指标\s*\d+/.test(t.text);
    if (
      templated &&
      filled.length > 0 &&
      filled.every((c) => isEmptyValue(c.text)) &&
      assigned.weight === undefined
    ) {
      i =
        hasRows || consumed.length === 0
          ? Math.max(j, i + 1)
          : i + 1 + rest.indexOf(consumed.at(-1) as Cell) + 1;
      continue;
    }
    // The first piece of a label whose rest the text lost (`产出` of `产出` / `指标`), with no values: no name.
    if (
      name.length < 9 &&
      isLabelPiece(name) &&
      filledCount(assigned) === 0 &&
      assigned.actual === undefined
    ) {
      i = Math.max(i + 1, hasRows ? j : i + 1);
      continue;
    }
    // The caption row wrapped onto a second line (`年度 | 指标值`, `实际 | 完成值`, `分值 | 得分`): no row.
    if (isCaptionText(name) && Object.values(assigned).every((v) => v === '' || isCaptionText(v))) {
      i = Math.max(i + 1, hasRows ? j : i + 1);
      continue;
    }
    const indicator = buildIndicator(level1, level2, t, assigned, ctx);
    const repair = repairValue(indicator);
    if (name !== t.text.trim()) {
      warnings.push({
        code: 'import.template_in_name',
        zh: `指标名称含模板标记，已去除：“${t.text.trim()}”`,
        en: `The indicator name carried template marks, removed: "${t.text.trim()}"`,
        line: t.line,
        column: t.column,
      });
    }
    const block = blocks.at(-1);
    if (level1 === null && block?.indicators.length === 0 && blocks.length === 1) firstBeforeLevel1 = true;
    block?.indicators.push(indicator);
    // Located on its row, so that the preview shows the repair where the person checks it.
    if (repair !== null)
      warnings.push({
        ...repair,
        line: t.line,
        column: t.column,
        path: `indicators.${(block?.indicators.length ?? 1) - 1}`,
      });
    wrappedTail = scored !== null && layout === 'rows' && hasRows;
    endsOnLabel = false;
    block?.cells.push(t);
    // With explicit empty cells a row's size is its cell count; otherwise the cells that held something.
    lastFilled = layout === 'cells' ? consumed.length : filledCount(assigned);
    maxFilled = Math.max(maxFilled, lastFilled);
    // One cell per line whose rows are parted by a lone `|` (an empty cell to this layout): the cells
    // after this row's name and values are the next rows' (`参保人数 | 43230人 | | 参保率 | ≥95% |`).
    const after = layout === 'cells' ? rest.slice(consumed.length) : [];
    if (
      layout === 'cells' &&
      after[0]?.text === '' &&
      after.some((c) => c.text !== '') &&
      consumed.every((c) => c.text !== '')
    )
      i = tokens.indexOf(after[0] as Cell, i) + 1;
    else if (layout === 'cells' && indicator.target.kind !== 'missing' && startsNextRow(after, roles))
      i = tokens.indexOf(after[0] as Cell, i);
    else if (layout === 'cells' || (hasRows && consumed === rest)) i = j;
    else {
      const lastConsumed = consumed.at(-1);
      const lastToken = lastConsumed === undefined ? undefined : (origin.get(lastConsumed) ?? lastConsumed);
      i = lastToken === undefined ? i + 1 : tokens.indexOf(lastToken, i) + 1;
    }
  }
  if (endedAt === null && lastFilled >= 0 && lastFilled < maxFilled) cutOff = true;
  // The text stops after a few characters of a last row (`效`, `数量指`, `公众满`): a fragment, not a name.
  const lastBlock = blocks.at(-1);
  const lastIndicator = lastBlock?.indicators.at(-1);
  if (endedAt === null && lastFilled === 0 && lastIndicator && isFragment(lastIndicator.name)) {
    lastBlock?.indicators.pop();
    lastBlock?.cells.pop();
    cutOff = true;
  }
  // Rows read before the table's first level-1 label, in column-aligned text with a level-1 column:
  // the merged level cells were printed at the middle of their rows. Re-read the levels that way.
  const only = blocks.length === 1 ? blocks[0] : undefined;
  if (
    only !== undefined &&
    (firstBeforeLevel1 ||
      level2sBeforeLevel1.some(({ parent, event }) =>
        levelEvents.slice(event + 1).some((e) => e.level === 1 && key(e.label) === key(parent)),
      )) &&
    // The least-squares split is O(labels × rows²): real tables have tens of rows, never hundreds.
    only.cells.length <= MAX_CENTRED_ROWS &&
    layout === 'rows' &&
    header.hasLevel1Column &&
    !everLost &&
    levelEvents.some((e) => e.level === 1)
  ) {
    const centred = centredLevels(
      only.cells.map((c) => c.rowLine ?? c.line),
      levelEvents,
    );
    if (centred !== null)
      only.indicators.forEach((ind, n) => {
        ind.level1 = centred[n]?.level1 ?? null;
        ind.level2 = centred[n]?.level2 ?? null;
      });
  }
  return {
    blocks: blocks.filter((b) => b.indicators.length > 0 || b.lead !== null),
    warnings,
    endedAt,
    execution,
    cutOff,
    lastLevel1: level1,
    endsOnLabel,
  };
}

// Without row ends (one cell per paragraph, or a whole form on one line) the cells after a name are
// taken in column order while they fit: an operator or direction cell, the target, a unit, then the
// numbers of 实际完成值/分值/得分. Free-text columns after the numbers cannot be told from the next
// indicator's name, so they are left empty.
function greedy(cells: readonly Cell[], roles: readonly ColumnRole[], out: Assigned): Cell[] {
  const scored = scoredRun(cells, roles);
  if (scored !== null) {
    const values: string[] = [];
    for (const c of scored) {
      if (OPERATOR_ONLY.test(c.text)) out.operator = c.text;
      else if (DIRECTION.test(c.text)) out.direction = c.text;
      else if (!(KIND_MARK.test(c.text) && roles.includes('opOrDir'))) values.push(c.text);
    }
    const valueRoles = roles.filter((r) => r !== 'opOrDir');
    for (const [v, role] of align(values, valueRoles)) assignRole(out, role, values[v] ?? '');
    return scored;
  }
  return greedyInOrder(cells, roles, out);
}

// With 分值/得分 columns a row's cells end with its numbers: the run of cells up to the last number
// before the next text (the next name), plus a trailing direction or operator cell, is one row. A
// clerk puts the numbers under 分值 and 得分 first and fills the other columns from what is left.
function scoredRun(cells: readonly Cell[], roles: readonly ColumnRole[]): Cell[] | null {
  if (!roles.includes('weight') && !roles.includes('score')) return null;
  let last = -1;
  let sawNumber = false;
  for (let k = 0; k < cells.length && k < roles.length; k++) {
    const text = (cells[k] as Cell).text;
    if (NUMBER_ONLY.test(text) || POINTS.test(text)) {
      last = k;
      sawNumber = true;
    } else if (
      OPERATOR_ONLY.test(text) ||
      DIRECTION.test(text) ||
      isEmptyValue(text) ||
      (KIND_MARK.test(text) && roles.includes('opOrDir'))
    ) {
      if (sawNumber && (OPERATOR_ONLY.test(text) || DIRECTION.test(text))) last = k;
    } else if (sawNumber && roles.includes('unit') && k === last + 1 && isUnitLike(text)) {
      last = k; // the unit cell after the value
    } else if (sawNumber && !(k < roles.length - 1 && isTargetLike(text) && cells[k + 1] !== undefined))
      break;
    // A value between numbers (分值 | 年度指标值 | 实际完成值 | 得分) goes on to the score after it.
  }
  if (last < 0) return null;
  // A target column after the numbers (分值 | 指标值): the target after the weight belongs to the row.
  const targetAfterNumbers =
    roles.indexOf('target') > Math.max(roles.indexOf('weight'), roles.indexOf('score'));
  const after = cells[last + 1];
  if (targetAfterNumbers && last + 1 < roles.length && after !== undefined && isTargetLike(after.text))
    last++;
  const run = cells.slice(0, last + 1);
  const valueCount = run.filter(
    (c) =>
      !OPERATOR_ONLY.test(c.text) &&
      !DIRECTION.test(c.text) &&
      !(KIND_MARK.test(c.text) && roles.includes('opOrDir')),
  ).length;
  return valueCount <= roles.filter((r) => r !== 'opOrDir').length ? run : null;
}

function greedyInOrder(cells: readonly Cell[], roles: readonly ColumnRole[], out: Assigned): Cell[] {
  const consumed: Cell[] = [];
  let k = 0;
  let lastValue: string | undefined;
  for (const role of roles) {
    const c = cells[k];
    if (c === undefined) break;
    const text = c.text;
    let take = false;
    switch (role) {
      case 'opOrDir':
        take = OPERATOR_ONLY.test(text) || DIRECTION.test(text) || KIND_MARK.test(text);
        break;
      case 'target':
        take = true;
        break;
      case 'unit':
        take = (lastValue !== undefined && text === lastValue && NUMBER_ONLY.test(text)) || isUnitLike(text);
        take &&= lastValue !== undefined && NUMBER_ONLY.test(lastValue);
        break;
      case 'actual': {
        // Free text is an actual only when the numbers of 分值/得分 follow; otherwise it is the next name.
        const after = cells[k + 1];
        take =
          (roles.includes('weight') || roles.includes('score')) &&
          (PERCENT_OR_NUMBER.test(text) ||
            isTargetLike(text) ||
            (after !== undefined && NUMBER_ONLY.test(after.text)));
        break;
      }
      case 'weight':
      case 'score':
        take = NUMBER_ONLY.test(text);
        break;
      case 'explanation':
        // One cell per line: an explanation says what the indicator reflects, it names nothing.
        take = STANDARD_TAG.test(text) || EXPLAINS.test(text);
        break;
      default:
        take = false;
    }
    if (!take) continue;
    assignRole(out, role, text);
    if (role === 'target') lastValue = text;
    consumed.push(c);
    k++;
  }
  return consumed;
}

// Space-separated text splits `≥ 95 %` into three cells. Where the form has no separate operator or
// unit column they belong to the target: join them back (an operator with what follows, a number
// with a known unit after it).
function joinSplitTarget(
  rest: readonly Cell[],
  roles: readonly ColumnRole[],
  origin: Map<Cell, Cell>,
): Cell[] {
  const cells = rest.filter((c) => c.text !== '');
  const out: Cell[] = [];
  const opColumn = roles.includes('opOrDir');
  const unitColumn = roles.includes('unit');
  for (let k = 0; k < cells.length; k++) {
    let cell = cells[k] as Cell;
    let last = cell;
    const next = cells[k + 1];
    if (!opColumn && next && OPERATOR_ONLY.test(cell.text) && !OPERATOR_ONLY.test(next.text)) {
      cell = { ...cell, text: `${cell.text}${next.text}`, atEnd: next.atEnd };
      last = next;
      k++;
    }
    const after = cells[k + 1];
    if (
      !unitColumn &&
      after &&
      /[\d.]$/.test(cell.text) &&
      NUMBER_ONLY.test(cell.text.replace(/^[^\d-]+/, '')) &&
      KNOWN_UNIT.test(after.text)
    ) {
      cell = { ...cell, text: `${cell.text}${after.text}`, atEnd: after.atEnd };
      last = after;
      k++;
    }
    if (last !== cell) origin.set(cell, last);
    out.push(cell);
  }
  return out;
}

const LABEL_WORDS = LEVEL_LABEL_WORDS;

interface LevelEvent {
  level: 1 | 2;
  label: string;
  line: number;
}

/**
 * Splits rows (by their lines) into consecutive groups, one per label, so that each label's line is as
 * near the middle of its group as it can be (least squares). Null when there are more labels than rows.
 */
function centredGroups(lines: readonly number[], labelLines: readonly number[]): number[] | null {
  const n = lines.length;
  const m = labelLines.length;
  if (m === 0 || m > n) return null;
  // Measured in rows, not lines: a label on a line of its own stands half a row after the rows above it,
  // however many other labels' lines lie between (a level 1 and a level 2 centred on the same gap). Rows
  // that share lines (text run together) are measured in lines.
  const apart = lines.every((l, r) => r === 0 || l > (lines[r - 1] ?? 0));
  const rowsAbove = (line: number) => lines.filter((l) => l < line).length;
  const place = lines.map((l, r) => (apart ? r : l));
  const at = labelLines.map((line) => {
    if (!apart) return line;
    const row = lines.indexOf(line);
    return row >= 0 ? row : rowsAbove(line) - 0.5;
  });
  const cost = (k: number, s: number, e: number): number =>
    ((at[k] ?? 0) - ((place[s] ?? 0) + (place[e] ?? 0)) / 2) ** 2;
  // best[k][e]: groups 0..k cover rows 0..e; from[k][e]: where group k starts.
  const best: number[][] = Array.from({ length: m }, () =>
    new Array<number>(n).fill(Number.POSITIVE_INFINITY),
  );
  const from: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(-1));
  for (let e = 0; e < n; e++) {
    (best[0] as number[])[e] = cost(0, 0, e);
    (from[0] as number[])[e] = 0;
  }
  for (let k = 1; k < m; k++)
    for (let e = k; e < n; e++)
      for (let s = k; s <= e; s++) {
        const c = (best[k - 1]?.[s - 1] ?? Number.POSITIVE_INFINITY) + cost(k, s, e);
        if (c < (best[k]?.[e] ?? Number.POSITIVE_INFINITY)) {
          (best[k] as number[])[e] = c;
          (from[k] as number[])[e] = s;
        }
      }
  const group = new Array<number>(n).fill(0);
  let e = n - 1;
  for (let k = m - 1; k >= 0; k--) {
    const s = from[k]?.[e] ?? 0;
    // A label outside the rows it would head (more than a line away) is no mid-span label.
    const label = at[k] ?? 0;
    if (label < (place[s] ?? 0) - 1.5 || label > (place[e] ?? 0) + 1.5) return null;
    for (let r = s; r <= e; r++) group[r] = k;
    e = s - 1;
  }
  return group;
}

const MAX_CENTRED_ROWS = 400;

/** Level 1 and 2 of each row when merged level cells print at the middle of the rows they span. */
function centredLevels(
  lines: readonly number[],
  events: readonly LevelEvent[],
): { level1: string | null; level2: string | null }[] | null {
  const l1 = events.filter((e) => e.level === 1);
  const groups = centredGroups(
    lines,
    l1.map((e) => e.line),
  );
  if (groups === null) return null;
  const out = lines.map((_, r) => ({
    level1: l1[groups[r] ?? 0]?.label ?? null,
    level2: null as string | null,
  }));
  for (let g = 0; g < l1.length; g++) {
    const rows = lines.map((line, r) => ({ line, r })).filter((x) => groups[x.r] === g);
    const first = rows[0]?.line ?? 0;
    const last = rows.at(-1)?.line ?? 0;
    const prevLast = lines.filter((_, r) => (groups[r] ?? 0) < g).at(-1);
    const nextFirst = lines.find((_, r) => (groups[r] ?? 0) > g);
    // The level-2 labels inside this group's span, up to halfway to the groups beside it.
    const low = prevLast === undefined ? Number.NEGATIVE_INFINITY : (prevLast + first) / 2;
    const high = nextFirst === undefined ? Number.POSITIVE_INFINITY : (last + nextFirst) / 2;
    const l2 = events.filter((e) => e.level === 2 && e.line > low && e.line < high);
    if (l2.length === 0) continue;
    const sub = centredGroups(
      rows.map((x) => x.line),
      l2.map((e) => e.line),
    );
    if (sub === null) return null;
    rows.forEach((x, k) => {
      const o = out[x.r];
      if (o) o.level2 = l2[sub[k] ?? 0]?.label ?? null;
    });
  }
  return out;
}

/** The start of a level label, `产出`, `服务对象满`: never a name of its own. */
function isLabelPiece(name: string): boolean {
  return LABEL_PIECES.has(key(name));
}

// Every start of a label word of two characters or more, short of the whole word.
const LABEL_PIECES = new Set(
  LABEL_WORDS.flatMap((w) => Array.from({ length: w.length - 2 }, (_, n) => w.slice(0, n + 2))),
);

function isFragment(name: string): boolean {
  const k = key(name);
  return k.length <= 3 || LABEL_WORDS.some((w) => w.startsWith(k) && w !== k);
}

/** Open brackets minus closed ones. */
function unbalanced(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth++;
    else if (ch === ')' || ch === '）') depth--;
  }
  return depth;
}

/** The next cell holding text, across row ends. */
function nextFilled(tokens: readonly Token[], start: number): Cell | undefined {
  for (let k = start; k < tokens.length && k < start + 8; k++) {
    const c = tokens[k];
    if (c !== null && c !== undefined && c.text !== '') return c;
  }
  return undefined;
}

/**
 * Where a task's lead cells end, when they start at `i` (one cell per line): a level label follows as many
 * cells as there are lead columns, none of them a level label or a target — bar an amount under a money
 * column. Fewer cells are a name and its (word) target before the next level. Null when the cells at `i`
 * are no lead cells.
 */
function leadCellsBeforeLevel(
  tokens: readonly Token[],
  i: number,
  lead: readonly ColumnRole[],
  level1: string | null,
): number | null {
  const cells: { cell: Cell; at: number }[] = [];
  for (let k = i; k < tokens.length && cells.length <= lead.length; k++) {
    const c = tokens[k];
    if (c !== null && c !== undefined && c.text !== '') cells.push({ cell: c, at: k });
  }
  const next = cells[lead.length];
  if (!next || levelLabel(next.cell.text, level1) === null) return null;
  const leadCells = cells.slice(0, lead.length).every(({ cell }, k) => {
    if (levelLabel(cell.text, level1) !== null) return false;
    return (lead[k] === 'budget' && AMOUNT_CELL.test(cell.text.trim())) || !isTargetLike(cell.text);
  });
  return leadCells ? next.at : null;
}

/** The filled cells from `start` to the row's end, or among the next `span` cells of it. */
function rowAt(tokens: readonly Token[], start: number, span = Number.POSITIVE_INFINITY): Cell[] {
  const row: Cell[] = [];
  for (let k = start; k < tokens.length && k < start + span; k++) {
    const c = tokens[k];
    if (c === null || c === undefined) break;
    if (c.text !== '') row.push(c);
  }
  return row;
}

// Below a task's indicator rows, a name and a bare count (`开展全院安全排查次数 | 6`) is the next indicator, its
// level cells merged with the rows above: a subtotal prints an amount (`8,827,620.53`, `862.18`) or names
// what it totals (合计, a department).
const COUNT_ONLY = /^\d{1,4}$/;
const TOTAL_NAME = /合计|小计|总计|部门$|单位$/;

function countRow(row: readonly Cell[], blocks: readonly IndicatorBlock[]): boolean {
  const [name, figure] = row;
  return (
    row.length === 2 &&
    name !== undefined &&
    figure !== undefined &&
    COUNT_ONLY.test(figure.text.trim()) &&
    !TOTAL_NAME.test(name.text.trim()) &&
    hanCount(name.text) >= 2 &&
    (blocks.at(-1)?.indicators.length ?? 0) > 0
  );
}

function readLead(
  tokens: readonly Token[],
  i: number,
  header: IndicatorHeader,
  blocks: IndicatorBlock[],
): { next: number; skipTo: number | null; startedProject: boolean } {
  const row: Cell[] = [];
  let end = i;
  while (end < tokens.length && tokens[end] !== null) {
    const c = tokens[end];
    if (c) row.push(c);
    end++;
  }
  const anchor = row.findIndex((c) => levelLabel(c.text, null)?.level === 1);
  if (anchor < 0) {
    // A row without indicator cells (a department subtotal such as `820-马踏镇部门 | 8,827,620.53`). A row
    // whose lead cells are merged with the rows above holds fewer cells than the lead columns too, but a
    // level-2 label or a target that is more than a bare amount says it is an indicator's row.
    const indicatorCells =
      row.some(
        (c) =>
          levelLabel(c.text, null) !== null || (isTargetLike(c.text) && !NUMBER_ONLY.test(c.text.trim())),
      ) || countRow(row, blocks);
    return row.length <= header.lead.length && !indicatorCells
      ? { next: end, skipTo: end, startedProject: false }
      : { next: i, skipTo: null, startedProject: false };
  }
  if (anchor === 0) return { next: i, skipTo: null, startedProject: false };
  const leadCells = row.slice(0, anchor);
  // The lead cells stand right before the indicator cells: aligned from the right. Cells merged with the
  // row above are missing on the left; a column with a caption this vocabulary does not know (序号) adds
  // cells on the left that take no role.
  const offset = leadCells.length - header.lead.length;
  const values: Partial<Record<ColumnRole, string>> = {};
  leadCells.forEach((c, k) => {
    const role = header.lead[k - offset];
    if (role) values[role] = c.text;
  });
  const first = row[0];
  const anchorCell = row[anchor];
  const next = anchorCell ? tokens.indexOf(anchorCell, i) : end;
  if (values.project === undefined || first === undefined)
    return { next, skipTo: null, startedProject: false };
  blocks.push({
    lead: {
      project: values.project,
      unit: values.unitName ?? null,
      budget: values.budget ?? null,
      goal: values.goal ?? null,
      cell: first,
    },
    indicators: [],
    cells: [],
  });
  return { next, skipTo: null, startedProject: true };
}

export { key };
