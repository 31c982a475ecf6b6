import { type MoneyUnit, parseAmount } from '@jixiao/core/money/money';
import type { Budget, Narrative, Warning } from '@jixiao/core/tables/table.schema';
import { AMOUNT, SIGNED_AMOUNT_CELL } from './amount-cell.ts';
import type { Cell, SourceLine } from './layout.ts';
import { readMoneyBlockTotal } from './money-block-total.ts';
import type { Token } from './tokens.ts';
import { formTitle, type HeaderField, headerLabel, key, narrativeLabels } from './vocabulary.ts';

/** Header fields read from label/value cells. */
export interface HeaderValues {
  unit: string | null;
  unitRank: number;
  name: string | null;
  code: string | null;
  supervisingDepartment: string | null;
  /** Lower wins: 0 for the form's own level, 1 for a city's department, 2 for a province's. */
  supervisorRank: number;
  category: string | null;
  startDate: string | null;
  endDate: string | null;
  governmentProcurement: boolean | null;
  performanceType: string | null;
  nameCell: Cell | null;
}

/** Splits a leading code off a printed name: `(433001)乌海市…`, `[610001]湖南…`, `51000021R…19951-工资性支出`. */
export function splitCode(text: string): { code: string | null; name: string } {
  const bracket = /^[[(（【]\s*([0-9A-Za-z]+)\s*[\])）】]\s*/.exec(text);
  if (bracket?.[1]) return { code: bracket[1], name: text.slice(bracket[0].length).trim() };
  const dashed = /^([0-9][0-9A-Za-z]{2,})\s*[-－—]\s*/.exec(text);
  if (dashed?.[1] && text.length > dashed[0].length)
    return { code: dashed[1], name: text.slice(dashed[0].length).trim() };
  return { code: null, name: text.trim() };
}

function isoDate(text: string): string | null {
  const m = /((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

const budgetCaptions: ReadonlyArray<readonly [RegExp, keyof Budget]> = [
  // Transfer-payment forms print the whole period's money (实施期…) beside the year's.
  [
    /^(实施期资金总额|实施期资金|实施期预算|中期资金总额|项目总预算|预算总额|总预算|项目总金额|项目资金总额|项目总投资|资金总额|年度资金总额)/,
    'total',
  ],
  [
    /^(项目当年预算|当年年度预算|当年预算|年度本级预算金额|本年预算|年度预算金额|年度预算|项目预算金额|预算金额|年度资金申请总额)(\(|$)/,
    'currentYear',
  ],
  // The year's money under the other names forms give it: `本年预算数`, `2024年度预算`, `年度资金规模`,
  // `申请财政资金`, `安排资金`.
  [
    /^(((19|20)\d{2}年度?|本年度?|当年度?|年度)(项目)?(预算|资金|财政资金|预算资金)(数|金额|总额|规模|安排数)?|申请(财政)?资金|安排资金|下达资金)(\(|$)/,
    'currentYear',
  ],
  // The whole project's money: `总投资`, `计划总投资`, `项目资金规模`.
  [/^((计划|项目)?总投资|(项目)?资金规模)(\(|$)/, 'total'],
  // The year's appropriation printed under the year's money (`年度资金总额 | 6070` / `其中:财政拨款 | 6070`)
  // is the year's budget, when no caption names that budget itself.
  // So is the government's share in a list of the money's sources (`一、预算资金:250 / 二、自有资金:0`).
  [/^([一二三四五六七八九十]、|其中[:：]?)?(当年)?(财政拨款|预算资金|财政资金)$/, 'currentYear'],
  [/^(同名项目)?上年(预算)?执行数/, 'priorYearExecuted'],
  [/^(同名项目)?上年预算(额|数)?(\(|$)/, 'priorYearBudget'],
  [/^(资金总额|年度资金总额)/, 'total'],
];

// A self-evaluation money caption may name its column letter and its unit in either order:
// `全年预算数(A)`, `全年预算数（万元）`, `预算执行数(B)(元)`.
const SELF_EVAL_SUFFIX = String.raw`(\([AB]\)|\((万元|元)\)){0,2}$`;

const selfEvalCaptions: ReadonlyArray<readonly [RegExp, keyof Budget]> = [
  [/^年初预算(数)?/, 'initial'],
  // `年度预算数（万元）` heads the group of columns 年初预算 | 调整后预算数 | …, not one of them.
  // `预算数(A)` heads the year's budget column only with its letter (A); bare, it is a target form's caption.
  [
    new RegExp(
      `^(全年预算数?|调整后(的)?预算数?|调整预算数)${SELF_EVAL_SUFFIX}|^年度预算数(\\(A\\))?$|^预算数\\(A\\)`,
    ),
    'adjusted',
  ],
  // `实际投入资金额`: what department-wide self-evaluations call what was spent.
  [
    new RegExp(
      `^(全年执行数|预算执行数|执行数|实际执行数|全年实际执行数|实际投入资金(额|数)?)${SELF_EVAL_SUFFIX}`,
    ),
    'executed',
  ],
];

// The printed score of budget execution, a label with its value beside it: `预算执行得分 7.92`,
// `执行率得分（分）`. Only read as a pair: in the budget table `执行率` and `得分` are two columns.
const executionScoreCaption = /^(预算执行(率|情况)?|(资金)?执行率)得分(\(分\))?$/;

// The execution weight printed in the block's caption rather than as a column: `预算执行情况(万元)(20分)`,
// `得分(20分*执行率)`.
const CAPTION_WEIGHT = /^(?:预算执行情况(?:\((?:万元|元)\))?|得分)?\((\d{1,2})分(\*执行率)?\)$/;

// The row of the budget table that carries the execution figures.
const TOTAL_ROW = /^(年度(财政)?资金总额|(财政)?资金总额|总额|合计)$/;

const RATE_COLUMN = /^(预算)?执行率(\(%\)|\(B\/A\))?$/;
const WEIGHT_COLUMN = /^(分值|权重)(\(分\))?$/;
const SCORE_COLUMN = /^得分(\(分\))?$/;

/** A caption of the self-evaluation budget table: a money column or one of the columns after it. */
function isBudgetTableCaption(k: string): boolean {
  return (
    RATE_COLUMN.test(k) ||
    WEIGHT_COLUMN.test(k) ||
    SCORE_COLUMN.test(k) ||
    selfEvalCaptions.some(([re]) => re.test(k))
  );
}

/** The columns a budget table prints after its money, in the order of their captions. */
type TailColumn = 'weight' | 'rate' | 'score';

const FIGURE = /^\d+(\.\d+)?$/;

/**
 * The cells of a budget table's total row cut into money, 分值, 执行率 and 得分. The rate (the one figure
 * with %) anchors the row: the columns captioned before it are money and weight, those after it weight and
 * score. A row whose empty money cell was dropped has fewer amounts than captions: they fill the columns
 * from the right (the year's budget and what was spent are printed; 年初预算数 is the one left blank).
 * A rate printed without % (`执行率(%)` over `25`, or `0.958`) is taken by position when every column
 * has its cell and the figure is what was spent over the budget.
 */
export function cutTotalRow(
  cells: readonly (string | null)[],
  moneyColumns: number,
  captioned: readonly TailColumn[],
  adjustedColumn: number,
  executedColumn: number,
): { money: (string | null)[]; weight: string | null; score: string | null } | null {
  // Without a rate caption the rate stands after the weight when one is captioned, else first.
  const tail: TailColumn[] = captioned.includes('rate')
    ? [...captioned]
    : captioned[0] === 'weight'
      ? ['weight', 'rate', ...captioned.slice(1)]
      : ['rate', ...captioned];
  const at = (column: TailColumn, rate: number, row: readonly (string | null)[]) =>
    tail.includes(column) ? (row[rate + tail.indexOf(column) - tail.indexOf('rate')] ?? null) : null;
  const rate = cells.findIndex((c) => c?.endsWith('%'));
  if (rate >= 0) {
    const moneyCount = rate - tail.indexOf('rate');
    if (moneyCount < 1 || moneyCount > moneyColumns) return null;
    const money = cells.slice(0, moneyCount);
    return {
      money: [...new Array<string | null>(moneyColumns - money.length).fill(null), ...money],
      weight: at('weight', rate, cells),
      score: at('score', rate, cells),
    };
  }
  const figures = cells.filter((c): c is string => c !== null);
  const row = cells.length === moneyColumns + tail.length ? cells : figures;
  if (row.length !== moneyColumns + tail.length || adjustedColumn < 0 || executedColumn < 0) return null;
  const number = (c: string | null | undefined) =>
    c && /^[\d,.]+$/.test(c) ? Number(c.replace(/,/g, '')) : Number.NaN;
  const adjusted = number(row[adjustedColumn]);
  const executed = number(row[executedColumn]);
  const rateAt = moneyColumns + tail.indexOf('rate');
  const printed = number(row[rateAt]);
  const share = (executed / adjusted) * 100;
  if (!(adjusted > 0) || !(Math.abs(printed - share) <= 0.6 || Math.abs(printed * 100 - share) <= 0.6))
    return null;
  return {
    money: row.slice(0, moneyColumns),
    weight: at('weight', rateAt, row),
    score: at('score', rateAt, row),
  };
}

/**
 * A figure in the 分值 column that can be the execution weight: schemes give execution 10 or 20 of 100
 * points, so more than half is a misprint or another column (a form printing `100` under 分值 beside a
 * rate of 100% and a score of 10), and the score cannot be above it.
 */
export function plausibleExecutionWeight(weight: number, score: number | null | undefined): boolean {
  return weight > 0 && weight <= 50 && (typeof score !== 'number' || score <= weight + 0.01);
}

/** The first piece of a budget-table caption wrapped in its cell. */
const CAPTION_STUB = /^(年初|全年|调整后|预算|实际|全年实际)$/;

const PROJECT_FUNDS = /^(项目资金|资金情况)(\((万元|元)\))?$/;

const OTHER_MONEY = /^(其中[:：]?)?(其他资金|其他|自筹资金|单位自筹|社会资金|上年结转|结转资金)$/;
// `其中:财政拨款 203`: a space stands for the colon (the caption must still be a known money caption).
// A cell flattened out of its table may lose both (`资金总额222.45`, `资金总额(万元)50`): the caption then
// ends in a character no amount starts with.
const INLINE_AMOUNT = new RegExp(
  String.raw`^((?:其中[:：])?[^:：\s]{1,15}[^:：\s\d,，.])(?:\s*[:：]\s*|\s*)(-?${AMOUNT})$`,
);

// Labels this vocabulary does not list still look like labels: a short noun phrase ending in 名称,
// 类别, 日期, 负责人 … (资金性质, 预算科目编码). A value never stops at a known unit or project word.
const GENERIC_LABEL =
  /^[\u4e00-\u9fa5()]{1,8}(名称|类别|类型|性质|日期|时间|周期|电话|负责人|编码|代码|编号|来源|属性|期限|科室|分类|金额)$/;

function isAnyLabel(text: string): boolean {
  const k = key(text);
  return (
    GENERIC_LABEL.test(k) ||
    headerLabel(k) !== null ||
    budgetCaptions.some(([re]) => re.test(k)) ||
    narrativeLabels.some(([re]) => re.test(k)) ||
    selfEvalCaptions.some(([re]) => re.test(k)) ||
    executionScoreCaption.test(k)
  );
}

const SINGLE_CHARACTER = /^[\u4e00-\u9fa5]$/;
// The longest label spelled a character at a time that is looked for (主管部门及代码 and the like).
const SPELLED_LABEL = 9;

/**
 * A label a PDF printed a character at a time (`项 目 名 称`), which comes as one cell per character: the
 * longest run of such cells from `i` that spells a header label, with the index of its last cell.
 */
function spelledLabelAt(
  tokens: readonly Token[],
  i: number,
  end: number,
): { label: NonNullable<ReturnType<typeof headerLabel>>; last: number } | null {
  const first = tokens[i];
  if (!first || !SINGLE_CHARACTER.test(first.text)) return null;
  let joined = first.text;
  let found: { label: NonNullable<ReturnType<typeof headerLabel>>; last: number } | null = null;
  for (let j = i + 1; j < end && j <= i + SPELLED_LABEL; j++) {
    const c = tokens[j];
    if (!c || !SINGLE_CHARACTER.test(c.text)) break;
    joined += c.text;
    const label = headerLabel(joined);
    if (label !== null) found = { label, last: j };
  }
  return found;
}

/** Reads the label/value cells of a form's header. */
export function readHeader(tokens: readonly Token[], end: number, rowsMeaningful: boolean): HeaderValues {
  const out: HeaderValues = {
    unit: null,
    unitRank: 99,
    name: null,
    code: null,
    supervisingDepartment: null,
    supervisorRank: 99,
    category: null,
    startDate: null,
    endDate: null,
    governmentProcurement: null,
    performanceType: null,
    nameCell: null,
  };
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (!t) continue;
    let label = headerLabel(t.text);
    const spelled = label === null ? spelledLabelAt(tokens, i, end) : null;
    if (spelled !== null) {
      label = spelled.label;
      i = spelled.last;
    }
    if (label === null || label.field === 'ignore') continue;
    const value = valueAfter(tokens, i, end, rowsMeaningful);
    if (value === null) continue;
    assign(out, label.field, label.rank, value.text, value.cell);
  }
  return out;
}

function valueAfter(
  tokens: readonly Token[],
  i: number,
  end: number,
  rowsMeaningful: boolean,
): { text: string; cell: Cell } | null {
  const parts: Cell[] = [];
  // A label that ends its row may have its value on the next row (a merged label cell): take that
  // row's first cell, but only that one.
  const endsRow = tokens[i + 1] === null;
  let crossed = false;
  for (let j = i + 1; j < end; j++) {
    const t = tokens[j];
    if (t === null) {
      if (parts.length > 0 || crossed) break;
      if (rowsMeaningful && !endsRow) break;
      crossed = true;
      continue;
    }
    if (t === undefined || t.text === '') {
      if (parts.length > 0) break;
      continue;
    }
    if (isAnyLabel(t.text) || spelledLabelAt(tokens, j, end) !== null) break;
    parts.push(t);
    if (!rowsMeaningful || parts.length >= 3 || (crossed && rowsMeaningful)) break;
  }
  const first = parts[0];
  if (first === undefined) return null;
  const text = beforeInlineLabel(parts.map((p) => p.text).join(' '));
  return text === '' ? null : { text, cell: first };
}

/**
 * A value cut where the next label of the same printed line starts: forms flattened to text run
 * `项目名称: 学生事务补助 填报人: 李姣` or `…(一般公共预算) 区级主管部门 区残联` into one cell.
 * Only a piece after a space counts: a label with its colon, or a label of the vocabulary alone. A bare
 * word that only looks like a label (`…金额`, `…名称`) may be the end of a name printed with a space.
 */
export function beforeInlineLabel(text: string): string {
  const pieces = text.split(/\s+/);
  for (let n = 1; n < pieces.length; n++) {
    const piece = pieces[n] ?? '';
    const labelled = /^([^:：]{2,16})[:：]/.exec(piece);
    const cut = labelled?.[1]
      ? isAnyLabel(labelled[1])
      : isAnyLabel(piece) && !GENERIC_LABEL.test(key(piece));
    if (cut) return pieces.slice(0, n).join(' ');
  }
  return text;
}

function assign(out: HeaderValues, field: HeaderField, rank: number, text: string, cell: Cell): void {
  switch (field) {
    case 'unit':
      if (rank < out.unitRank && !/^\(?盖章\)?$|^(万元|元|亿元)$/.test(key(text))) {
        out.unit = splitCode(text).name;
        out.unitRank = rank;
      }
      break;
    case 'name':
      if (out.name === null) {
        const { code, name } = splitCode(text);
        // `发展建设类-农产品质检…`: the project's category printed before its name.
        const category = /^([\u4e00-\u9fa5]{2,8}类)\s*[-－—]\s*(?=\S)/.exec(name);
        out.name = category ? name.slice(category[0].length) : name;
        if (category?.[1]) out.category ??= category[1];
        out.code ??= code;
        out.nameCell = cell;
      }
      break;
    case 'supervisingDepartment':
      // `湘潭市城市管理和综合执法局 308001`: the department's code printed after its name.
      if (rank < out.supervisorRank) {
        out.supervisingDepartment = splitCode(text.replace(/\s+\d{4,}$/, '')).name;
        out.supervisorRank = rank;
      }
      break;
    case 'unitAndSupervisor':
      assign(out, 'unit', rank, text, cell);
      assign(out, 'supervisingDepartment', 0, text, cell);
      break;
    case 'category':
      out.category ??= text;
      break;
    case 'startDate':
      out.startDate ??= isoDate(text);
      break;
    case 'endDate':
      out.endDate ??= isoDate(text);
      break;
    case 'governmentProcurement':
      if (/^是/.test(text)) out.governmentProcurement = true;
      else if (/^否/.test(text)) out.governmentProcurement = false;
      break;
    case 'performanceType':
      out.performanceType ??= text;
      break;
    case 'code':
      out.code ??= text;
      break;
    default:
      break;
  }
}

/** The money unit a header declares (`金额单位:万元`, `项目资金（万元）`, `预算数(元)`), or null. */
export function declaredMoneyUnit(text: string): MoneyUnit | null {
  const m = /(?:单位\s*[:：]\s*|[(（]\s*)(万元|元)/.exec(text);
  return m?.[1] === '万元' ? '万元' : m?.[1] === '元' ? '元' : null;
}

/** The money unit the header declares, or 元. */
export function moneyUnitOf(text: string): MoneyUnit {
  return declaredMoneyUnit(text) ?? '元';
}

const MONEY_FIELDS = [
  'total',
  'currentYear',
  'priorYearBudget',
  'priorYearExecuted',
  'initial',
  'adjusted',
  'executed',
] as const satisfies readonly (keyof Budget)[];

/**
 * A form that names no money unit, read in 元, whose amounts its own text gives in 万元 elsewhere (the
 * notice above it: `预算安排5万元`; a cost indicator: `5万元`): the amounts are 万元. Rescaled in place;
 * true when they were.
 */
export function rescaleToWan(budget: Budget, documentText: string): boolean {
  // Each 万 and the number just before it (looked for backwards, so a long run of digits is read once).
  const wan = new Set<number>();
  for (let at = documentText.indexOf('万'); at >= 0; at = documentText.indexOf('万', at + 1)) {
    const figure = /(\d+(?:\.\d+)?)\s*$/.exec(documentText.slice(Math.max(0, at - 16), at))?.[1];
    if (figure !== undefined && Number(figure) > 0) wan.add(Number(figure));
  }
  const amounts = MONEY_FIELDS.map((f) => budget[f]).filter(
    (v): v is number => typeof v === 'number' && v > 0,
  );
  if (!amounts.some((v) => v < 100_000 && wan.has(v))) return false;
  for (const field of MONEY_FIELDS) {
    const value = budget[field];
    if (typeof value === 'number') budget[field] = Math.round(value * 10_000 * 100) / 100;
  }
  return true;
}

/** The unit a caption names (`全年预算数（万元）`), else the form's. */
function unitOfCaption(k: string, defaultUnit: MoneyUnit): MoneyUnit {
  return /\(万元\)/.test(k) ? '万元' : /\(元\)/.test(k) ? '元' : defaultUnit;
}

function amountOf(text: string, unit: MoneyUnit): number | null {
  if (/^[-—/／\s]*$/.test(text)) return null;
  return parseAmount(text, unit)?.yuan ?? null;
}

/** A caption naming the adjusted budget (`预算安排情况(调整后)`) stands in the dozen cells before `at`. */
function afterAdjustedCaption(tokens: readonly Token[], at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 12; j--) {
    const c = tokens[j];
    if (c && /^预算(安排|批复)?(情况|数)?\(调整后\)$/.test(key(c.text))) return true;
  }
  return false;
}

/** Reads the budget figures: target-form captions, or the self-evaluation budget table. */
export function readBudget(
  tokens: readonly Token[],
  end: number,
  headerText: string,
  warnings: Warning[],
): Budget {
  const defaultUnit = moneyUnitOf(headerText);
  const periodMoney = /(实施期|中期)资金总额/.test(headerText.replace(/\s/g, ''));
  let onlyFigure: number | null | undefined;
  const budget: Budget = {};
  // Columns of the self-evaluation budget table, each with the unit its caption names.
  const tableColumns: { field: keyof Budget; unit: MoneyUnit }[] = [];
  // The columns after the money, in caption order: 分值 | 执行率 | 得分, 执行率 | 权重 | 得分, 执行率 | 得分 …
  const tail: TailColumn[] = [];
  let captionWeight: number | null = null;
  // Columns of a money block that sets the year's amount beside the whole period's (项目资金 | 年度金额 |
  // 实施期金额), in caption order.
  const periodColumns: PeriodColumn[] = [];
  // The figures of the budget table's total row, from token `from` on, in its columns.
  let totalRowRead = false;
  const readTotalRow = (from: number) => {
    const cells: (string | null)[] = [];
    for (let j = from; j < end && cells.length < tableColumns.length + 3; j++) {
      const c = tokens[j];
      if (c === null || c === undefined) continue;
      if (c.text === '') {
        cells.push(null);
        continue;
      }
      // A weight or score may carry 分 (`10分`, `9.5分`): the figure is read.
      const text = c.text.replace(/^(\d{1,3}(?:\.\d+)?)\s*分$/, '$1');
      // An amount may carry its unit in the cell (`3359.62万`).
      if (!/^[-—/／]$|^[\d,.]+(%|万元?|元)?$/.test(text)) break;
      cells.push(text);
    }
    const cut = cutTotalRow(
      cells,
      tableColumns.length,
      tail,
      tableColumns.findIndex((c) => c.field === 'adjusted'),
      tableColumns.findIndex((c) => c.field === 'executed'),
    );
    const amounts =
      cut?.money ?? cells.slice(0, tableColumns.length).map((c) => (c?.endsWith('%') ? null : c));
    if (cut?.score && budget.executionScore === undefined && FIGURE.test(cut.score))
      budget.executionScore = Number(cut.score);
    const weight = cut?.weight && FIGURE.test(cut.weight) ? Number(cut.weight) : captionWeight;
    if (weight !== null && plausibleExecutionWeight(weight, budget.executionScore))
      budget.executionWeight ??= weight;
    tableColumns.forEach(({ field, unit }, n) => {
      const text = amounts[n];
      if (text !== undefined && budget[field] === undefined) {
        budget[field] = text === null ? null : amountOf(text, unit);
        if (text !== null) totalRowRead = true;
      }
    });
  };
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (!t) continue;
    let k = key(t.text);
    // A caption wrapped in its cell, one piece per cell (`年初` `预算数`, `全年` `执行数`).
    const piece = tokens[i + 1];
    if (CAPTION_STUB.test(k) && piece && i + 1 < end && !SIGNED_AMOUNT_CELL.test(piece.text.trim())) {
      const joined = k + key(piece.text);
      if (selfEvalCaptions.some(([re]) => re.test(joined))) {
        k = joined;
        i += 1;
      }
    }
    const next = tokens[i + 1];
    const paired = next && i + 1 < end && SIGNED_AMOUNT_CELL.test(next.text.trim()) ? next.text.trim() : null;
    if (executionScoreCaption.test(k)) {
      const score = next && i + 1 < end ? /^(\d+(?:\.\d+)?)\s*分?$/.exec(next.text.trim()) : null;
      if (score?.[1] && budget.executionScore === undefined) {
        budget.executionScore = Number(score[1]);
        i += 1;
      }
      continue;
    }
    // `项目资金（万元） 96.00`: the caption of the money block with the year's amount beside it, where a
    // form has no 年度资金总额 row. Only read as a pair: elsewhere it heads the rows below it.
    if (paired !== null && PROJECT_FUNDS.test(k)) {
      if (budget.total === undefined) budget.total = amountOf(paired, unitOfCaption(k, defaultUnit));
      i += 1;
      continue;
    }
    const weightInCaption = CAPTION_WEIGHT.exec(k);
    if (
      weightInCaption?.[1] &&
      (weightInCaption[2] ||
        /^预算执行情况|^得分/.test(k) ||
        /^预算执行情况/.test(key(tokens[i - 1]?.text ?? '')))
    ) {
      captionWeight ??= Number(weightInCaption[1]);
      if (/^得分/.test(k) && tableColumns.length > 0 && !tail.includes('score')) tail.push('score');
      continue;
    }
    if (tableColumns.length > 0) {
      const column: TailColumn | null = RATE_COLUMN.test(k)
        ? 'rate'
        : WEIGHT_COLUMN.test(k)
          ? 'weight'
          : SCORE_COLUMN.test(k)
            ? 'score'
            : null;
      if (column && !tail.includes(column)) tail.push(column);
    }
    // Under a caption that calls the budget the adjusted one (`预算安排情况(调整后) | 资金到位情况 | 资金执行情况`),
    // a bare `预算数 6.84` beside `执行数 6.84` is that adjusted budget.
    if (paired !== null && /^预算数(\((万元|元)\))?$/.test(k) && afterAdjustedCaption(tokens, i)) {
      if (budget.adjusted === undefined) budget.adjusted = amountOf(paired, unitOfCaption(k, defaultUnit));
      i += 1;
      continue;
    }
    const selfEval = selfEvalCaptions.find(([re]) => re.test(k));
    // `全年预算数(A) 全年执行数(B) 7165.32 6992.95`: a run of money captions, then as many amounts (a row
    // flattened onto one line, or captions over their amounts): each amount is its caption's.
    const run = selfEval && paired === null ? captionRunAt(tokens, i, end) : null;
    if (run !== null) {
      run.captions.forEach((caption, n) => {
        const ck = key(caption.text);
        const field = selfEvalCaptions.find(([re]) => re.test(ck))?.[1];
        const amount = run.amounts[n];
        if (field !== undefined && amount !== undefined && budget[field] === undefined)
          budget[field] = amountOf(amount.text, unitOfCaption(ck, defaultUnit));
      });
      i = run.next - 1;
      continue;
    }
    if (selfEval) {
      const field = selfEval[1];
      // `年初预算数（元） 1,000,000`: a label with its amount; otherwise a caption of the budget table.
      if (paired !== null) {
        if (budget[field] === undefined) budget[field] = amountOf(paired, unitOfCaption(k, defaultUnit));
        i += 1;
        continue;
      }
      if (!tableColumns.some((c) => c.field === field))
        tableColumns.push({ field, unit: unitOfCaption(k, defaultUnit) });
      continue;
    }
    if (tableColumns.length > 0 && TOTAL_ROW.test(k)) {
      readTotalRow(i + 1);
      continue;
    }
    // PDF order: the total row's label printed before the captions (`年度资金总额 其中:当年财政拨款 … 全年预算数
    // 全年执行数 分值 执行率 得分 65.66 65.07 10 99% 9`), its figures straight after the last caption.
    if (
      tableColumns.length > 0 &&
      !totalRowRead &&
      SIGNED_AMOUNT_CELL.test(t.text.trim()) &&
      isBudgetTableCaption(key(tokens[i - 1]?.text ?? ''))
    ) {
      readTotalRow(i);
      continue;
    }
    // A caption and its amount in one cell (`一、预算资金:250`).
    const inline = INLINE_AMOUNT.exec(t.text.trim());
    if (inline?.[1] && inline[2]) {
      const ik = key(inline[1]);
      let field = budgetCaptions.find(([re]) => re.test(ik))?.[1];
      if (field === 'total' && /^年度/.test(ik) && periodMoney) field = 'currentYear';
      if (field !== undefined && budget[field] === undefined)
        (budget as Record<string, number | null>)[field] = amountOf(
          inline[2],
          unitOfCaption(ik, defaultUnit),
        );
      continue;
    }
    const column = periodColumnAt(tokens, i, end);
    if (column !== null) {
      periodColumns.push(column);
      continue;
    }
    const caption = budgetCaptions.find(([re]) => re.test(k));
    if (!caption) continue;
    // `资金总额 | 800 | 2400` under 年度金额 | 实施期金额: each amount is its column's.
    if (
      periodColumns.length >= 2 &&
      periodColumns.includes('currentYear') &&
      periodColumns.includes('total')
    ) {
      const amounts = amountsAfter(tokens, i + 1, end, periodColumns.length);
      if (amounts.length === periodColumns.length) {
        const row = caption[1];
        periodColumns.forEach((f, n) => {
          const amount = amounts[n];
          // The 资金总额 row gives both; the appropriation's row (其中：财政拨款) only the year's, when unread.
          const field = row === 'total' ? f : row === 'currentYear' && f === 'currentYear' ? f : null;
          if (field !== null && amount !== undefined && budget[field] === undefined)
            budget[field] = amountOf(amount.text, unitOfCaption(k, defaultUnit));
        });
        continue;
      }
    }
    // A row of money captions over a row of amounts (`实施期资金总额 年度资金总额` / `2,400.00 800.00`):
    // each amount belongs to the caption above it.
    const captionRow = captionRowAt(tokens, i, end);
    if (captionRow !== null) {
      const period = captionRow.captions.some((c) => /^实施期/.test(key(c.text)));
      captionRow.captions.forEach((c, n) => {
        const ck = key(c.text);
        let f = budgetCaptions.find(([re]) => re.test(ck))?.[1];
        // Beside the period's money, 年度资金总额 is the year's.
        if (period && /^年度/.test(ck)) f = 'currentYear';
        const amount = captionRow.amounts[n];
        if (f !== undefined && amount !== undefined && budget[f] === undefined)
          (budget as Record<string, number | null>)[f] = amountOf(
            amount.text,
            unitOfCaption(ck, defaultUnit),
          );
      });
      i = captionRow.next - 1;
      continue;
    }
    let field = caption[1];
    // Beside the period's money (实施期…, 中期资金总额), 年度资金总额 is the year's.
    if (field === 'total' && /^年度/.test(k) && periodMoney) field = 'currentYear';
    // In a self-evaluation's budget table 财政拨款 is a row of columns, read with them.
    if (/财政拨款$/.test(k) && tableColumns.length > 0) continue;
    if (budget[field] !== undefined) continue;
    const unit = unitOfCaption(k, defaultUnit);
    let value: number | null = null;
    for (let j = i + 1; j < Math.min(end, i + 4); j++) {
      const c = tokens[j];
      // The amount may sit alone on the next row, under its caption.
      if (c === null) {
        const below = tokens[j + 1];
        if (tokens[i + 1] === null && below && /^[\d,，.]+\s*(万元|元|万)?$/.test(below.text)) continue;
        break;
      }
      if (c === undefined) break;
      if (c.text === '') continue;
      if (isAnyLabel(c.text)) break;
      value = amountOf(c.text, unit);
      if (value === null && /\d/.test(c.text)) {
        warnings.push({
          code: 'import.unreadable_amount',
          zh: `无法读取金额：“${c.text}”`,
          en: `Could not read the amount "${c.text}"`,
          line: c.line,
          column: c.column,
        });
      }
      break;
    }
    (budget as Record<string, number | null>)[field] = value;
    if (/^(项目)?预算金额/.test(k)) onlyFigure = value;
  }
  if (budget.total === undefined && budget.currentYear === undefined) {
    for (const figure of readMoneyBlockTotal(tokens, end) ?? [])
      if (budget[figure.field] === undefined)
        budget[figure.field] = amountOf(figure.text, unitOfCaption(figure.caption, defaultUnit));
  }
  readTaskTotals(tokens, end, defaultUnit, budget);
  // `项目预算金额 193.8` printed as the form's only money: the year's budget and the project's total.
  if (
    onlyFigure !== undefined &&
    budget.total === undefined &&
    MONEY_FIELDS.every((f) => f === 'currentYear' || budget[f] === undefined)
  )
    budget.total = onlyFigure;
  return budget;
}

const TASK_COLUMN: ReadonlyArray<readonly [RegExp, keyof Budget | null]> = [
  [/^(总额|合计|小计|资金总额)$/, 'total'],
  // The level of government may head the appropriation's caption (市财政拨款, 县级财政拨款).
  [/^(其中[:：]?)?(?:[省市县区]级?|本级)?(财政拨款|财政资金|预算资金)$/, 'currentYear'],
  [/^(其中[:：]?)?(其他资金|其他|自筹资金)$/, null],
];

/**
 * A department's table of the year's main tasks (年度主要任务 | 任务名称 | 主要内容 | 预算金额: 总额 | 财政拨款 |
 * 其他资金) ends in a 金额合计 row: the department's money for the year and its appropriation, where no
 * caption of the form printed them as pairs.
 */
function readTaskTotals(tokens: readonly Token[], end: number, unit: MoneyUnit, budget: Budget): void {
  if (budget.total != null || budget.currentYear != null) return;
  let columns: (keyof Budget | null)[] = [];
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (!t) continue;
    const k = key(t.text);
    const column = TASK_COLUMN.find(([re]) => re.test(k));
    // 合计 and 小计 label a row, except 小计 heading the money columns beside their other captions.
    const nextKey = key(tokens[i + 1]?.text ?? '');
    const heading =
      !/^(合计|小计)$/.test(k) ||
      (k === '小计' && TASK_COLUMN.some(([re, f]) => f !== 'total' && re.test(nextKey)));
    if (column && heading) {
      // Captions of the money columns stand side by side on one row.
      const previous = tokens[i - 1];
      if (!previous || !TASK_COLUMN.some(([re]) => re.test(key(previous.text)))) columns = [];
      columns.push(column[1]);
      continue;
    }
    if (columns.length < 2 || !/^(金额合计|合计|总计)$/.test(k)) continue;
    const amounts: string[] = [];
    for (let j = i + 1; j < end && amounts.length < columns.length; j++) {
      const c = tokens[j];
      if (c === null || c === undefined) break;
      // The 主要内容 column of the total row prints a placeholder (`*`, `—`) or nothing.
      if (c.text === '' || (amounts.length === 0 && /^[*＊\-—/／]+$/.test(c.text.trim()))) continue;
      if (!SIGNED_AMOUNT_CELL.test(c.text.trim())) break;
      amounts.push(c.text.trim());
    }
    if (amounts.length !== columns.length) continue;
    const read = columns.map((field, n) => [field, amountOf(amounts[n] ?? '', unit)] as const);
    read.forEach(([field, amount]) => {
      if (field !== null) budget[field] = amount;
    });
    // A total left at 0 beside parts that are not (`金额合计 | * | 0 | 2377.15 | 0`) is their sum, as the
    // tasks above it add up to.
    const parts = read.filter(([field]) => field !== 'total').map(([, amount]) => amount ?? 0);
    const partsSum = parts.reduce((n, x) => n + x, 0);
    const total = read.find(([field]) => field === 'total')?.[1];
    if (total === 0 && parts.length >= 1 && partsSum > 0) budget.total = partsSum;
    return;
  }
}

type PeriodColumn = 'currentYear' | 'total';

const YEAR_COLUMN = /^(年度|当年|本年度?)(金额|资金|预算数?)(\((万元|元)\))?$/;
const PERIOD_COLUMN = /^(实施期|中期|项目期|项目周期)(金额|资金|预算数?)?(\((万元|元)\))?$/;

// Which of the two columns a caption names. A function of its own, not a closure made per call: under
// tsx (keepNames) each closure made sets its name property, which cost more than the tests themselves.
function periodColumnOf(t: Token | undefined): PeriodColumn | null {
  const k = t ? key(t.text) : '';
  return YEAR_COLUMN.test(k) ? 'currentYear' : PERIOD_COLUMN.test(k) ? 'total' : null;
}

/**
 * The column a caption heads in a money block printing the year's amount beside the whole period's
 * (`年度金额 | 实施期金额`): a column caption stands beside the other one, not beside an amount.
 */
function periodColumnAt(tokens: readonly Token[], i: number, end: number): PeriodColumn | null {
  const here = periodColumnOf(tokens[i] ?? undefined);
  if (here === null) return null;
  const next = i + 1 < end ? periodColumnOf(tokens[i + 1] ?? undefined) : null;
  const previous = i > 0 ? periodColumnOf(tokens[i - 1] ?? undefined) : null;
  return (next !== null && next !== here) || (previous !== null && previous !== here) ? here : null;
}

/** Up to `count` amount cells after `from` on the caption's row (blank cells skipped). */
function amountsAfter(tokens: readonly Token[], from: number, end: number, count: number): Cell[] {
  const amounts: Cell[] = [];
  for (let j = from; j < end && amounts.length < count; j++) {
    const t = tokens[j];
    if (t === null || t === undefined) break;
    if (t.text.trim() === '') continue;
    if (!SIGNED_AMOUNT_CELL.test(t.text.trim())) break;
    amounts.push(t);
  }
  return amounts;
}

// Two or more self-evaluation money captions in a row (年初预算数 全年预算数 全年执行数), then — on the same
// line or the next row — exactly one amount each, the amounts followed by no further amount.
function captionRunAt(
  tokens: readonly Token[],
  i: number,
  end: number,
): { captions: Cell[]; amounts: Cell[]; next: number } | null {
  const captions: Cell[] = [];
  let j = i;
  for (; j < end; j++) {
    const t = tokens[j];
    if (t === null || t === undefined || t.text === '') break;
    if (!selfEvalCaptions.some(([re]) => re.test(key(t.text)))) break;
    captions.push(t);
  }
  if (captions.length < 2) return null;
  if (tokens[j] === null) j++;
  const amounts: Cell[] = [];
  for (; j < end && amounts.length <= captions.length; j++) {
    const t = tokens[j];
    if (t === null || t === undefined || !SIGNED_AMOUNT_CELL.test(t.text.trim())) break;
    amounts.push(t);
  }
  return amounts.length === captions.length ? { captions, amounts, next: j } : null;
}

// Two or more money captions ending their row, the next row holding exactly one amount each.
function captionRowAt(
  tokens: readonly Token[],
  i: number,
  end: number,
): { captions: Cell[]; amounts: Cell[]; next: number } | null {
  const captions: Cell[] = [];
  let j = i;
  for (; j < end; j++) {
    const t = tokens[j];
    if (t === null || t === undefined) break;
    if (t.text === '') continue;
    // Money this schema does not keep (其他资金, 自筹资金) still holds its column.
    const cell = key(t.text);
    if (!budgetCaptions.some(([re]) => re.test(cell)) && !OTHER_MONEY.test(cell)) return null;
    captions.push(t);
  }
  if (captions.length < 2 || tokens[j] !== null) return null;
  const amounts: Cell[] = [];
  let k = j + 1;
  for (; k < end; k++) {
    const t = tokens[k];
    if (t === null || t === undefined) break;
    if (t.text === '') continue;
    if (!/^[\d,，]+(\.\d+)?$/.test(t.text.trim())) return null;
    amounts.push(t);
  }
  return amounts.length === captions.length ? { captions, amounts, next: k } : null;
}

/** Reads the narrative paragraphs (项目概况 …), joining wrapped lines. */
export function readNarrative(lines: readonly SourceLine[]): Narrative {
  const narrative: Narrative = {};
  let field: keyof Narrative | null = null;
  let parts: string[] = [];
  const flush = () => {
    if (field !== null && narrative[field] === undefined) {
      const text = parts.join('').trim();
      narrative[field] = text === '' ? null : text;
    }
    field = null;
    parts = [];
  };
  for (const { text } of lines) {
    const trimmed = text.trim();
    const m = /^([^:：\s]{2,16})\s*[:：]?\s*(.*)$/.exec(trimmed);
    const label = m?.[1] ? key(m[1]) : null;
    const caption = label === null ? undefined : narrativeLabels.find(([re]) => re.test(label));
    if (caption && m) {
      flush();
      field = caption[1];
      if (m[2]) parts.push(m[2].trim());
      continue;
    }
    if (field === null) continue;
    if (trimmed === '') continue;
    const first = trimmed.split(/\s+/)[0] ?? '';
    if (
      isAnyLabel(first.replace(/[:：].*$/, '')) ||
      /^本项目上年度|^绩效指标|^一级(指标|目标)|\d{4}年绩效目标$/.test(trimmed)
    ) {
      flush();
      continue;
    }
    parts.push(trimmed);
  }
  flush();
  return narrative;
}

/** The year of the form: `（2020年度）`, `2019年度)`, a title `2023年…表`, or a year in the project name. */
// A year as running text writes it: `2023年`, `2023 年度`.
const YEAR_IN_TEXT = /((?:19|20)\d{2})\s*年/;
// A bare year in brackets right after the form's title (`…绩效目标自评表 (2021)`), or alone on its line.
const BARE_YEAR = new RegExp(
  String.raw`(?:${formTitle.source})\s*[(（]\s*((?:19|20)\d{2})\s*[)）]|^\s*[(（]\s*((?:19|20)\d{2})\s*[)）]\s*$`,
);
// readYear looks at this many lines first (labels, the title) before any line below.
const YEAR_HEAD = 30;

export function readYear(lines: readonly SourceLine[], projectName: string | null): number | null {
  const head = lines.slice(0, YEAR_HEAD);
  for (const { text } of head) {
    const labelled = /(?:年度|预算年度|所属年度)\s*[:：]\s*((?:19|20)\d{2})/.exec(text);
    if (labelled?.[1]) return Number(labelled[1]);
  }
  for (const { text } of head) {
    const m = /[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]|^\s*((?:19|20)\d{2})\s*年度\s*[)）]?\s*$/.exec(text);
    const bare = m ? null : BARE_YEAR.exec(text);
    const y = m?.[1] ?? m?.[2] ?? bare?.[1] ?? bare?.[2];
    if (y) return Number(y);
  }
  // The title names the year (`2023年项目支出绩效目标申报表`) more surely than text below it.
  for (const { text } of head.slice(0, 10)) {
    const m = YEAR_IN_TEXT.exec(text);
    if (m?.[1] && formTitle.test(text)) return Number(m[1]);
  }
  for (const { text } of head) {
    const m = /((?:19|20)\d{2})\s*年度/.exec(text);
    if (m?.[1]) return Number(m[1]);
  }
  const fromName = projectName ? YEAR_IN_TEXT.exec(projectName) : null;
  if (fromName?.[1]) return Number(fromName[1]);
  for (const { text } of lines) {
    const m = YEAR_IN_TEXT.exec(text);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

/**
 * The lines of `lines` that readYear answers from, in order: its first lines and the first one below them
 * that names a year. readYear of them followed by more lines answers as of all the lines followed by those.
 */
export function yearLines(lines: readonly SourceLine[]): SourceLine[] {
  const head = lines.slice(0, YEAR_HEAD);
  const below = lines.slice(YEAR_HEAD).find(({ text }) => YEAR_IN_TEXT.test(text));
  return below === undefined ? head : [...head, below];
}
