import type { Warning } from '@jixiao/core/tables/table.schema';
import { KNOWN_UNIT, parseTarget } from '@jixiao/core/targets/target-grammar';
import type { IndicatorHeader } from './indicators.ts';
import type { Token } from './tokens.ts';
import { type ColumnRole, endsIndicators, hanCount, key, levelLabel, memo } from './vocabulary.ts';

/**
 * Column roles read from the cells themselves, for an indicator table whose caption row is missing or
 * printed in words the vocabulary does not know (`栏目1`, `甲 乙 丙`, a caption lost to a page break).
 * Each column after the name is judged by what its cells hold — the target grammar, bare small figures,
 * unit words, 定量/定性 — and by how columns relate across a row: a score is never above its row's
 * weight, weights add up to the scheme's total, a target comes before the actual that answers it. An
 * answer the cells do not settle (two columns that could each be the weight) is given as doubtful, so the
 * caller keeps what it had and a person confirms the rows; nothing is decided on a guess.
 */

/** The columns after the name, as the cells show them. */
export interface InferredColumns {
  roles: ColumnRole[];
  /** The cells leave a choice open: the roles are a best reading, to be confirmed by a person. */
  doubtful: boolean;
}

const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const POINTS = /^\d+(?:\.\d+)?\s*分$/;
const KIND_MARK = /^定(性|量)(指标)?$/;
const DIRECTION_OR_SIGN = /^(?:正向|反向|[>＞<＜][=＝]?|≥|≤|≧|≦|=|＝)(指标)?$/;
const EMPTY = /^[/／\\\-—–_]*$/;
const STATUS = /^(已|未|基本|全部)?完成$/;
// Words a target or an actual is printed as (`提高`, `良好`, `是`): a value, not a remark.
const VALUE_WORD =
  /^(是|否|有|无|有效|显著|明显|较好|良好|好|优|优秀|良|中|差|达标|合格|完成|已完成|基本完成|未完成|提高|提升|改善|稳定|及时|规范|健全|完善|满意|基本满意|达到|基本达到|未达到|逐步提高|持续提升|有所提高|明显提升|明显改善|按时完成|按期完成)$/;
// Weight totals the schemes print: 100 in all (the budget's 10 left out gives 90; department-wide
// forms with 20 for management give 80).
const WEIGHT_TOTALS = new Set([100, 90, 80]);

const MOST_COLUMNS = 16;

const targetKind = memo((text: string): string => parseTarget(text).kind);

function figure(text: string): number | null {
  const t = text.replace(/,/g, '').replace(/\s*分$/, '');
  return NUMBER.test(t) ? Number(t) : null;
}

function isPoints(text: string): boolean {
  return NUMBER.test(text) || POINTS.test(text);
}

function isValue(text: string): boolean {
  const kind = targetKind(text);
  return kind === 'quantitative' || kind === 'date' || kind === 'period' || VALUE_WORD.test(key(text));
}

function isUnitWord(text: string): boolean {
  return KNOWN_UNIT.test(key(text));
}

// Units a form may coin for its own counts (`村`, `万/月`, `场次`, `万千瓦时`): a word of one to three
// characters, perhaps per a period. Only trusted in a column beside the target.
const COINED_UNIT = /^(?:万|亿)?[\u4e00-\u9fa5]{1,3}(?:\/[\u4e00-\u9fa5]{1,3})?$/;

function isUnitBesideTarget(text: string): boolean {
  const k = key(text);
  return (
    isUnitWord(k) || (COINED_UNIT.test(k) && !VALUE_WORD.test(k) && !KIND_MARK.test(k) && !STATUS.test(k))
  );
}

/** A figure with at most a sign before it and nothing after it (`≥70`, `1200`). */
function isBareFigure(text: string): boolean {
  return /^(?:[≥≤≧≦<>＜＞=＝]|不低于|不高于|不少于|不超过)?\s*[-+]?\d+(?:\.\d+)?$/.test(
    key(text).replace(/,/g, ''),
  );
}

function isRemark(text: string): boolean {
  return hanCount(text) >= 2 && !isValue(text) && figure(text) === null;
}

interface Profile {
  filled: string[];
  figures: (number | null)[];
  share: (test: (text: string) => boolean) => number;
}

function profile(cells: readonly string[]): Profile {
  const filled = cells.filter((c) => !EMPTY.test(c.trim()));
  return {
    filled,
    figures: cells.map((c) => (EMPTY.test(c.trim()) ? null : figure(c))),
    share: (test) => (filled.length === 0 ? 0 : filled.filter(test).length / filled.length),
  };
}

/**
 * How many leading columns most rows fill: space-separated text loses empty cells, most often the
 * trailing remark (偏差原因 left blank), so rows are judged on the prefix that most of them print.
 */
function coreWidth(rows: readonly (readonly string[])[]): number {
  const enough = Math.max(2, Math.ceil(rows.length / 2));
  let width = 0;
  while (rows.filter((r) => r.length > width).length >= enough) width++;
  return width;
}

/**
 * The weight and score columns among the figure columns: the pair where every row's score is at most
 * its weight, the weight printed before the score, preferring weights that add up to a scheme's total.
 * Null when no pair fits; `tied` when two pairs fit equally well.
 */
function weightAndScore(
  columns: readonly Profile[],
  candidates: readonly number[],
): { weight: number; score: number; tied: boolean } | null {
  let best: { weight: number; score: number; rank: number } | null = null;
  let tied = false;
  for (const w of candidates)
    for (const s of candidates) {
      if (w === s) continue;
      const weights = columns[w]?.figures ?? [];
      const scores = columns[s]?.figures ?? [];
      let rows = 0;
      let fits = true;
      for (let r = 0; r < weights.length; r++) {
        const weight = weights[r];
        const score = scores[r];
        if (weight == null || score == null) continue;
        rows++;
        if (score > weight || weight > 100) fits = false;
      }
      if (!fits || rows === 0) continue;
      const total = weights.reduce<number>((sum, x) => sum + (x ?? 0), 0);
      // Weights of one row rarely pass 30; targets printed as bare figures are often 100.
      const small = weights.every((x) => x == null || x <= 30);
      const rank =
        (w < s ? 2 : 0) + (WEIGHT_TOTALS.has(total) ? 1 : 0) + (small ? 1 : 0) + (s === w + 1 ? 0.5 : 0);
      if (best === null || rank > best.rank) {
        best = { weight: w, score: s, rank };
        tied = false;
      } else if (rank === best.rank) tied = true;
    }
  return best === null ? null : { weight: best.weight, score: best.score, tied };
}

/**
 * Reads the roles of the columns after the name from the value cells of a table's rows (each row: the
 * cells after its name, in order). Null when fewer than two rows share a width.
 */
export function inferColumnRoles(
  rows: readonly (readonly string[])[],
  kind: 'target' | 'self-evaluation' | 'department-wide',
): InferredColumns | null {
  // No indicator table prints more than a dozen columns after the name: longer rows are runs of text or
  // figures, and pairing their columns to find the weight would take the square of their length.
  if (rows.filter((r) => r.length > MOST_COLUMNS).length >= 2) return null;
  const width = coreWidth(rows);
  if (width === 0) return null;
  const complete = rows.filter((r) => r.length >= width);
  // Columns past the core that at least two rows print, judged on the rows that print them.
  let full = width;
  while (rows.filter((r) => r.length > full).length >= 2) full++;
  const columns = Array.from({ length: full }, (_, c) =>
    profile(
      c < width
        ? complete.map((r) => r[c] ?? '')
        : rows.filter((r) => r.length >= full).map((r) => r[c] ?? ''),
    ),
  );
  const roles: (ColumnRole | null)[] = columns.map(() => null);
  let doubtful = false;

  columns.forEach((col, c) => {
    if (col.filled.length === 0) roles[c] = 'explanation';
    else if (col.share((t) => KIND_MARK.test(key(t)) || DIRECTION_OR_SIGN.test(key(t))) >= 0.8)
      roles[c] = 'opOrDir';
  });

  // Bare figures of at most 100 (or `10分`) in every filled cell: weight, score, or a target without its unit.
  // A figure column beside a column of unit words is a target printed without its unit (指标值 | 计量单位).
  const unitBeside = (c: number) =>
    [c - 1, c + 1].some((n) => {
      const col = columns[n];
      return col !== undefined && col.filled.length > 0 && col.share(isUnitWord) >= 0.8;
    });
  const figureColumns = columns.flatMap((col, c) =>
    roles[c] === null &&
    !unitBeside(c) &&
    col.filled.length > 0 &&
    col.share(isPoints) === 1 &&
    col.figures.every((x) => x === null || (x >= 0 && x <= 100))
      ? [c]
      : [],
  );
  const points = weightAndScore(columns, figureColumns);
  if (points !== null) {
    roles[points.weight] = 'weight';
    roles[points.score] = 'score';
    doubtful ||= points.tied;
  }

  // Target, then actual: the first two columns of values; a third is a remark printed with figures.
  const values = columns.flatMap((col, c) => (roles[c] === null && col.share(isValue) >= 0.6 ? [c] : []));
  const scored = kind === 'self-evaluation' || points !== null;
  const [target, actual, ...more] = values;
  if (target !== undefined) roles[target] = 'target';
  if (actual !== undefined) roles[actual] = scored ? 'actual' : 'explanation';
  // A target table with two value columns (半年 and 全年, or 中期 and 年度): which one is the target the
  // cells cannot say.
  if (actual !== undefined && !scored) doubtful = true;
  // A third column of values (a half year's milestone beside the year's target and actual): which two
  // are the target and the actual the cells cannot say either.
  for (const c of more) roles[c] = 'explanation';
  if (more.length > 0) doubtful = true;

  // A unit column stands beside its target (指标值 | 计量单位); text after the score is the reason of a
  // shortfall (偏差原因), text elsewhere a remark (指标解释, 评分标准).
  // Units the form coins are trusted only where the targets print bare figures (a 考核方式 of 抽查 beside
  // `1260台` is no unit).
  const bareTargets = target !== undefined && (columns[target]?.share(isBareFigure) ?? 0) >= 0.5;
  const unitWord = bareTargets ? isUnitBesideTarget : isUnitWord;
  columns.forEach((col, c) => {
    if (roles[c] !== null) return;
    const besideTarget = target !== undefined && Math.abs(c - target) === 1;
    if (besideTarget && col.share(unitWord) >= 0.8 && !roles.includes('unit')) roles[c] = 'unit';
    else if (col.share(isRemark) >= 0.5 || col.share((t) => STATUS.test(key(t))) >= 0.5)
      roles[c] = points !== null && c > points.score ? 'reason' : 'explanation';
  });

  // A self-evaluation's lone figure column beside its target and actual: its weight or its score, which
  // the cells alone do not tell apart.
  const unknown = roles.flatMap((r, c) => (r === null ? [c] : []));
  if (unknown.length > 0) doubtful = true;
  if (target === undefined) doubtful = true;
  if (kind === 'self-evaluation' && (actual === undefined || points === null)) doubtful = true;
  return { roles: roles.map((r) => r ?? 'explanation'), doubtful };
}

/**
 * The value cells of each row of an indicator table, from `start` (the first cell of the first row) to
 * the row that ends the table: level labels at a row's start are skipped, the next cell is the name, the
 * cells after it are the row's values. Only for tokens that mark row ends (`null`).
 */
export function valueCellsOfRows(tokens: readonly Token[], start: number, most = 200): string[][] {
  const rows: string[][] = [];
  let level1: string | null = null;
  let row: string[] = [];
  const finish = (): boolean => {
    const cells = row;
    row = [];
    let k = 0;
    while (k < cells.length) {
      const label = levelLabel(cells[k] as string, level1);
      if (label === null) break;
      if (label.level === 1) level1 = label.label;
      k++;
    }
    const name = cells[k];
    if (name === undefined) return true;
    if (endsIndicators(name)) return false;
    const values = cells.slice(k + 1);
    if (values.length > 0) rows.push(values);
    return rows.length < most;
  };
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === null) {
      if (!finish()) return rows;
      continue;
    }
    if (t !== undefined && t.text.trim() !== '') row.push(t.text.trim());
  }
  finish();
  return rows;
}

const FREE_TEXT: ReadonlySet<ColumnRole> = new Set(['explanation', 'reason']);

function sameRole(printed: ColumnRole, inferred: ColumnRole): boolean {
  return printed === inferred || (FREE_TEXT.has(printed) && FREE_TEXT.has(inferred));
}

/**
 * A caption row in part unknown to the vocabulary (`年度目标 | 栏目2 | 栏目3 | 得分`): its unread columns take
 * the roles the rows' cells show, when the cells settle them and agree with every caption that was read.
 * The header as it was otherwise (the row reader still fits each row's cells by content).
 */
export function withColumnsFromCells(
  header: IndicatorHeader,
  tokens: readonly Token[],
  kind: 'target' | 'self-evaluation' | 'department-wide',
): IndicatorHeader {
  const unread = header.unreadCaptions ?? [];
  if (unread.length === 0 || header.lead.length > 0 || header.repeatedGroup || !tokens.includes(null))
    return header;
  // Several printed captions not understood leave the columns in doubt. One (a 完成率 or 考核方式 column)
  // is read as free text beside columns whose captions were read, and an assumed target is the usual
  // reading of a table that captions its value column in words of its own.
  const printedUnread = unread.filter((k) => k > 0 || header.afterName[0] !== 'target').length;
  const unsettled = printedUnread >= 2 ? { ...header, unsettledColumns: true } : header;
  const inferred = inferColumnRoles(valueCellsOfRows(tokens, header.end), kind);
  if (inferred === null || inferred.doubtful) return unsettled;
  // The target assumed before the printed columns (no caption named it) may not be a column at all.
  const assumed = unread[0] === 0 && header.afterName[0] === 'target' ? 1 : 0;
  const width = inferred.roles.length;
  const all = { roles: header.afterName, unread };
  const withoutAssumed = { roles: header.afterName.slice(1), unread: unread.slice(1).map((k) => k - 1) };
  const printed =
    width === all.roles.length
      ? all
      : assumed === 1 && width === withoutAssumed.roles.length
        ? withoutAssumed
        : assumed === 1 && width < withoutAssumed.roles.length && unreadFrom(withoutAssumed, width)
          ? withoutAssumed
          : width < all.roles.length && unreadFrom(all, width)
            ? all
            : null;
  if (printed === null) return unsettled;
  // Columns no row fills often enough to judge (a 备注 left blank) keep their printed reading.
  const roles = printed.roles.map((role, k) => inferred.roles[k] ?? role);
  const agrees = printed.roles.every(
    (role, k) => printed.unread.includes(k) || sameRole(role, roles[k] as ColumnRole),
  );
  const gains = printed.unread.some((k) => !FREE_TEXT.has(roles[k] as ColumnRole));
  if (!agrees) return unsettled;
  if (!gains) return header;
  return { ...header, afterName: roles, columnsFromCells: true };
}

/** Every column from `width` on was unread (its caption unknown): the cells may leave it unjudged. */
function unreadFrom(
  printed: { roles: readonly ColumnRole[]; unread: readonly number[] },
  width: number,
): boolean {
  for (let k = width; k < printed.roles.length; k++) if (!printed.unread.includes(k)) return false;
  return true;
}

const ROLE_WORDS: Partial<Record<ColumnRole, string>> = {
  target: '指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  unit: '计量单位',
  opOrDir: '指标值类型',
  explanation: '说明',
  reason: '偏差原因',
};

/**
 * One `import.low_confidence` warning per row whose columns no printed caption confirms, saying how the
 * cells after its name were read: `say` words it for the row, given those columns in Chinese and English
 * and whether the cells settled them.
 */
export function columnsAsReadWarnings(
  header: IndicatorHeader,
  rows: readonly { name: string }[],
  lines: readonly (number | undefined)[],
  say: (name: string, columns: { zh: string; en: string }, fromCells: boolean) => { zh: string; en: string },
): Warning[] {
  const columns = {
    zh: header.afterName.map((r) => ROLE_WORDS[r] ?? r).join('、'),
    en: header.afterName.join(', '),
  };
  const fromCells = header.columnsFromCells === true;
  return rows.map((row, n) => ({
    code: 'import.low_confidence',
    ...say(row.name, columns, fromCells),
    line: lines[n],
    path: `indicators.${n}`,
  }));
}

/**
 * Marks each row read under captions the vocabulary did not know for a person to confirm: their columns
 * were read from what the cells hold, which no printed caption confirms, or could not be settled at all.
 */
export function columnsFromCellsWarnings(
  header: IndicatorHeader,
  rows: readonly { name: string }[],
  lines: readonly (number | undefined)[],
): Warning[] {
  return columnsAsReadWarnings(header, rows, lines, (name, { zh, en }, fromCells) => ({
    zh: fromCells
      ? `“${name}”所在指标表的表头有未能识别的栏目：名称后的各列按各格内容读作（${zh}），请核对`
      : `“${name}”所在指标表的表头有未能识别的栏目，各格内容也未能确定各列：名称后的各列暂读作（${zh}），请核对`,
    en: fromCells
      ? `The caption row of the table of "${name}" has captions that were not recognised: the cells after the name were read by what they hold as ${en}; please check`
      : `The caption row of the table of "${name}" has captions that were not recognised, and the cells do not settle the columns: the cells after the name were read as ${en}; please check`,
  }));
}
