import type { Indicator, Warning } from '@jixiao/core/tables/table.schema';
import { nameSuggestsDate, parseTarget } from '@jixiao/core/targets/target-grammar';
import {
  cutsOf,
  isWellFormed,
  plausiblePoints,
  plausibleWeight,
  splitActualAndPoints,
  splitWeightTargetActualScore,
} from './digit-runs.ts';
import { cleanName } from './indicators.ts';
import { isScoringClause } from './scoring-criteria.ts';
import { trimRuns } from './trim-runs.ts';
import { hanCount, key, nationalLevel1Of } from './vocabulary.ts';

// The second reading of an indicator table, for text whose cells lost their borders: a form flattened
// onto one line (`…数量指标开展修复工程(个)反映…≥11质量指标…`), targets written as prose
// (`数量指标:种植数量>=17600株;成活率>=85;`), or a Word table pasted without separators. It reads the
// table the way a person reads such text: the level labels (产出指标, 数量指标 …) are landmarks; between two
// landmarks each item is a name followed by its target, and the target grammar finds where a target
// starts. Its rows are guesses with a reason, so each carries a located `import.low_confidence` warning
// and the import preview asks a person to confirm them.

/** Level labels as landmarks in running text; level 2 first so `服务对象满意度指标` is not cut. */
const LEVEL2_MARK =
  /(?:数量|质量|时效|成本|进度|经济效益|社会效益|生态效益|环境效益|生态环境效益|可持续影响|可持续发展|服务对象满意度|社会公众满意度|经济成本|社会成本|生态环境成本)(?:指标|目标)/y;
const LEVEL1_MARK =
  /(?:产出|效益|效果|满意度|成本|影响力|实施效果)(?:指标|目标)(?:\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）])?/y;
/** Shanghai's level-2 labels print without 指标: landmarks only right after a level 1 or a break. */
const BARE_LEVEL2_MARK =
  /(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度|长效管理|投入管理|财务管理|实施管理)/y;
const LEVEL1_WORD = /^(?:产出|效益|效果|满意度|成本|影响力|实施效果)(?:指标|目标)$/;

/** What may follow a landmark: a colon, a comma, separators. */
const AFTER_MARK = /^[\s:：,，、|\u241e]*/;

// The target grammar's operators and the phrases units write instead.
const OPERATOR = String.raw`(?:[≥≤≧≦]|[<>＜＞][=＝]?|[=＝﹦═]|不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于|达到|约)`;
const NUMBER = String.raw`[-+]?\d+(?:[,，]\d{3})*(?:\.\d+)?`;
// Units as forms print them, longest first; in text without borders the unit ends where the next name
// begins, so only known words are taken (an unknown word is read as a unit only before a break).
const BASE_UNIT = String.raw`(?:人次|户次|台次|辆次|批次|场次|架次|个工作日|工作日|个百分点|个月|平方公里|平方米|立方米|公里|千米|千克|公斤|千瓦时|小时|课时|学时|公顷|亩|人|户|个|座|次|元|年|月|日|天|周|辆|盏|吨|粒|处|场|家|台|份|起|株|岁|件|项|套|所|间|栋|棵|本|张|名|门|部|篇|期|批|条|种|只|头|册|餐|米|分|km|m|M|㎡|KB|MB|GB)`;
const UNIT = String.raw`(?:%|％|‰|(?:(?:[万亿千百]?${BASE_UNIT}(?:[\/每](?:[万亿千]?${BASE_UNIT})(?:·年)?)?|[万亿千]\/${BASE_UNIT}|\/${BASE_UNIT})|[\u4e00-\u9fa5]{1,3}(?=[\s,，;；。|\u241e]|$)))?`;
const DATE = String.raw`(?:(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:年?底|前|之前|以前|内)*)`;
/** A target at a position: an operator-led figure, a figure with a unit, or a date. */
// Units of count and measure that end a bare figure (`420个`); only read as a target where the figure
// ends its item, since inside a name (`3个乡镇`) the same words are part of the name.
const COUNT_UNIT = String.raw`(?:万人次|人次|万人|万元|元|平方米|立方米|公里|千米|米|亩|公顷|吨|个|人|次|场|家|户|天|日|月|年|件|项|台|套|所|座|辆|处|株|粒|颗|枚|盏|份|册|篇|期|批|条|种|只|头|间|栋|棵|本|张|名|门|部|小时|课时|学时|km|m)`;
// A figure that starts the target starts a run of digits: tried inside a long run of digits, each start
// would rescan the rest of it (200,000 digits took minutes).
const LEADING_NUMBER = String.raw`[-+]?(?<!\d)\d+(?:[,，]\d{3})*(?:\.\d+)?`;
// A figure apart from the name before it (`趋势会商会次数 1 次测报员…`), or from its unit (`…种次2000 种次`),
// is a target where the next name follows its unit at once: cells run together with a space between
// name and value. Not a year (`2021 年度`), which heads a title.
const SPACED_COUNT = String.raw`(?:(?<=\s)(?:各\s*)?${LEADING_NUMBER}\s*|(?:各\s*)?${LEADING_NUMBER} +)(?![年月日])(?:种次|${COUNT_UNIT})`;
// Prose that captions its figures (`…人数年初任务数101974人,全年完成值103119人`): the figure after the target's
// caption is the target, wherever it stands in the sentence. Only the captions prose writes count: 任务数 alone
// ends names (`完成任务数`), and 指标值 / 目标值 / 年度指标值 head the value column of a flattened table, where a
// figure after them is the first cell of the next row, not theirs.
const TARGET_CAPTION = String.raw`(?:(?:年初|全年|当年)(?:任务数|目标数|计划数|目标值)|年度(?:任务数|目标数|计划数))(?:为|是)?[:：]?`;
// The lookahead comes first so that the caption is looked for behind figures only: tried at every position
// of a long run of spaces, the lookbehind would rescan the run each time (12,716 spaces took 2.6 s).
const CAPTIONED_FIGURE = String.raw`(?=[-+]?\d)(?<=${TARGET_CAPTION}\s{0,8})${LEADING_NUMBER}\s*${UNIT}`;
/** The target's caption left at the end of a name read before a captioned figure. */
const TARGET_CAPTION_END = new RegExp(String.raw`${TARGET_CAPTION}\s*$`);
const TARGET = new RegExp(
  String.raw`(?:${OPERATOR}\s*${NUMBER}\s*${UNIT}(?:以上|以下|以内)?|${LEADING_NUMBER}\s*(?:%|％|‰)|${DATE}|${OPERATOR}\s*${DATE}|${CAPTIONED_FIGURE}|${LEADING_NUMBER}\s*${COUNT_UNIT}(?=\s*$)|${SPACED_COUNT})`,
  'g',
);
// A state reached (`…功能提高`, `持续发展`, `协调发展`) ends a statement that is its own qualitative target.
const QUALITATIVE_END =
  /(是|否|合格|合理|健全|有效|规范|达标|优良|良好|显著|明显|完善|提高|提升|改善|增强|降低|减少|及时|完成|持续|稳定|发展)$/;
// Under a 计量单位 column the value cell holds the figure alone and the unit cell may be left blank: run
// together, a count's name is followed at once by its bare figure and the next cell's words
// (`开展全院安全排查次数6开展安全排查…`). Only after a name that ends as a count or quantity does (…数, …量),
// since a figure inside a name (`为283名服务对象`) is followed by words too. A unit printed in its cell
// runs in after the figure (`…次数1次以上计3分` is then read as the scoring standard's clause).
const BARE_COUNT = String.raw`(?<=[\u4e00-\u9fa5][数量])${LEADING_NUMBER}(?![年月日\d.,，])(?:${COUNT_UNIT})?(?=[\u4e00-\u9fa5])`;
const TARGET_OR_BARE_COUNT = new RegExp(String.raw`${TARGET.source}|${BARE_COUNT}`, 'g');
/** The caption of a unit column of its own, before the indicator rows. */
const UNIT_COLUMN_CAPTION = /计量单位|度量单位|计量\s*单位/;
/** Whether a text holds a target anywhere. */
const TARGET_ANYWHERE = new RegExp(TARGET.source);
/** A yes/no row's 指标方向 cell (`是/否`) and its values, ending the item. */
const YES_NO_TAIL = /[是][/／或][否]\s*([是否](?:\s*[是否]){0,7})\s*$/;
// The grades a qualitative target or its actual is written as, in a scored table.
const GRADES =
  '(?:基本)?合格|(?:已|基本)?完成|(?:基本)?达标|(?:基本)?达到|优良|良好|有效|规范|健全|完善|及时|是|否';
const GRADE = new RegExp(GRADES, 'g');
const GRADE_WHOLE = new RegExp(`^(?:${GRADES})$`);
/** An explanation cell run into the name (`…率反映…情况`): the name ends before it. */
const EXPLANATION_START = /反映|用于考核|考核|衡量|是指|指标解释/;
/** Template placeholders beside a real value: `(≥**株)`, `(‹**元/户·年)`. */
const PLACEHOLDER = /[(（][^()（）]*\*{1,3}[^()（）]*[)）]/g;
/** The caption row of the name and value columns, its last caption ending the match. */
const CAPTION_ANCHOR =
  /(?:三级指标|指标名称|绩效指标名称|指标内容)[\s|\u241e]*(?:[^\n]{0,40}?)(?:年度指标值|指标值|目标值|指标目标值)(?:[\s|\u241e]*(?:计量单位|度量单位|单位|备注|指标解释))*/;

// The columns a self-evaluation prints after the target (`年初目标值(A)实际完成值(B)得分`): the figures that
// follow a row's target are read in their order.
const TAIL_CAPTION =
  /(?:年初目标值|年度指标值|指标值|目标值|指标目标值)(?:\s*[(（][^()（）]{0,8}[)）])?((?:[\s|\u241e]*(?:(?:全年|年度|当年)?(?:实际完成值|实际完成情况|实际完成|完成值|实际值)|分值|权重|得分|评分)(?:\s*[(（][^()（）]{0,12}[)）])?)+)/;
const TAIL_ROLE = /(实际完成值|实际完成情况|实际完成|完成值|实际值)|(分值|权重)|(得分|评分)/g;
// The weight's caption right before the target's.
const WEIGHT_BEFORE =
  /(?:分值|权重)(?:\s*[(（][^()（）]{0,8}[)）])?[\s|\u241e]*(?:年初目标值|年度指标值|指标值|目标值|指标目标值)/;
type TailRole = 'actual' | 'weight' | 'score';
// Spaces are taken only after a sign and before a percent sign: `[≥]?\s*\d` would rescan a run of spaces from each
// of them (quadratic in the run).
const TAIL_FIGURE = /(?:[≥≤≧≦<>＜＞=＝﹦]\s*)?\d+(?:\.\d+)?(?:\s*(?:%|％))?|是|否/g;

// In a scored table run together, a count target stands before the actual's figure (`项目数8个8个1515`).
const TARGET_BEFORE_FIGURE = new RegExp(
  // Spaces, then a sign with its spaces, then the figure: `\s*[≥]?\s*` split a run of spaces between its two halves
  // in every way before failing (92,772 spaces took 45 s).
  String.raw`${TARGET.source}|${LEADING_NUMBER}\s*[万亿千]?${COUNT_UNIT}(?=\s*(?:[≥≤≧≦<>＜＞=＝]\s*)?\d)`,
  'g',
);
// An actual as printed after its target: a date (before a bare figure: `2021年10月底前` is no 2021), a
// figure with its unit, or a word that states the result.
const ACTUAL_AT = new RegExp(
  String.raw`^\s*(?:${DATE}|(?:${OPERATOR}\s*)?${NUMBER}\s*(?:%|％|‰|[万亿千]?${BASE_UNIT}(?:[\/每][万亿千]?${BASE_UNIT})?)?|${GRADES})`,
);
const POINTS_PAIR = /^\s*(\d+(?:\.\d+)?)\s*分?\s+(\d+(?:\.\d+)?)/;
const POINTS_RUN = /^\s*([\d.]{2,12})/;
const POINTS_ONE = /^\s*(\d+(?:\.\d+)?)\s*分?/;
// A run of at least three figures' digits (taken as one bare actual unless cut).
const FUSED_FIGURES = /^\s*(\d[\d.]{2,15})/;

/**
 * Weight and score run together (`1510` = 15 | 10), in the order the caption prints them: the one cut with a
 * weight an indicator can carry and a score not above it, or null when there is none or more than one.
 */
export function splitPoints(
  run: string,
  order: 'weight first' | 'score first' = 'weight first',
): { first: number; second: number } | null {
  let found: { first: number; second: number } | null = null;
  for (const [first = 0, second = 0] of cutsOf(run, 2)) {
    const [weight, score] = order === 'weight first' ? [first, second] : [second, first];
    if (!plausiblePoints(weight, score)) continue;
    if (found !== null) return null;
    found = { first, second };
  }
  return found;
}

function tailRolesOf(caption: string): TailRole[] {
  const roles: TailRole[] = [];
  for (const m of caption.matchAll(TAIL_ROLE)) roles.push(m[1] ? 'actual' : m[2] ? 'weight' : 'score');
  return roles;
}

const OPERATOR_LED = new RegExp(String.raw`^\s*${OPERATOR}`);
/** The words that introduce a result in prose: `（当年）实际完成`, `完成值为`. */
const RESULT_WORDS = String.raw`(?:当年|全年|年度|年底)?(?:实际)?完成(?:值|情况|数)?(?:为|了)?[:：]?\s*`;
const RESULT_LEAD = new RegExp(String.raw`${RESULT_WORDS}$`);
const ACTUAL_CLAUSE = new RegExp(
  String.raw`^\s*[,，]\s*${RESULT_WORDS}(${NUMBER}\s*(?:%|％|‰|${COUNT_UNIT})?)`,
);
/** An adverb between a name and its sign (`慰问对象年龄均≥100岁`) belongs to neither. */
const ADVERB_END = /(?:均|都|全部|全)$/;

/** Where the table ends in running text. */
const TABLE_END =
  /合计|总分|填表人|填报人|联系人|联系电话|审核意见|附件[:：\d]|扫一扫|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*$/;

export interface StreamReading {
  indicators: Indicator[];
  warnings: Warning[];
}

/** What an item's first reading left over: the text and where it starts. */
interface Rest {
  text: string;
  offset: number;
}

interface Position {
  line: number;
  column: number;
}

/** Line and column of each character of `text` (1-based), for located warnings. */
function positions(text: string, firstLine: number): (offset: number) => Position {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: firstLine + lo, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

interface Landmark {
  start: number;
  end: number;
  level: 1 | 2;
  label: string;
  /** The label heads a sentence (`数量指标：…`), as in prose that lists targets by level. */
  colon: boolean;
}

/** A template number and the name it heads (`1病害减少`, `2:企业…`): the digits are followed by no unit. */
const TEMPLATE_NUMBER = /^[1-9]\d?[:：]?(?![个人次项万元年月日天户亩])[\u4e00-\u9fa5]/;
const NUMBERED_NAME = /指标[1-9]\d?[:：]?[\u4e00-\u9fa5]/g;

function landmarks(text: string): Landmark[] {
  const found: Landmark[] = [];
  // The form numbers its names with the template's `指标1`, `指标2` … (three times at least).
  const numbersNames = (text.match(NUMBERED_NAME)?.length ?? 0) >= 3;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x4e00) continue;
    const afterLevel1 = found.at(-1)?.level === 1 && found.at(-1)?.end === i;
    // Right after a level-2 label a name starts: `成本指标：成本控制率` names 成本控制率, not a label 成本.
    const afterLevel2 = found.at(-1)?.level === 2 && found.at(-1)?.end === i;
    const afterBreak = /[\s|\u241e:：;；,，。、\d%％)）]/.test(text[i - 1] ?? '\n');
    for (const [re, level] of [
      [LEVEL2_MARK, 2],
      [LEVEL1_MARK, 1],
      [BARE_LEVEL2_MARK, 2],
    ] as const) {
      if (re === BARE_LEVEL2_MARK && (afterLevel2 || !(afterLevel1 || afterBreak))) continue;
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) continue;
      // A bare label is one only when a name follows, not more of a word (`数量指标` is read above).
      // Nor one that a phrase goes on from (`服装 质量等`, `产品质量的`, `县(市、区)数量反映…`, `数量情况`): a
      // name does not start with 等, 的, 反映 or 情况.
      if (re === BARE_LEVEL2_MARK && /^(?:指标|目标|等|的|反映|情况)/.test(text.slice(i + m[0].length)))
        continue;
      const after = AFTER_MARK.exec(text.slice(i + m[0].length, i + m[0].length + 8))?.[0] ?? '';
      // A form that numbers its names `指标1…`, `指标2…` printed the level 2 without 指标 (`生态效益`) before
      // one of them: its 指标 begins the name (`生态效益指标1病害减少…` names 病害减少…, not 1病害减少…).
      const templated =
        level === 2 &&
        after === '' &&
        m[0].endsWith('指标') &&
        numbersNames &&
        TEMPLATE_NUMBER.test(text.slice(i + m[0].length, i + m[0].length + 4));
      found.push({
        start: i,
        end: templated ? i + m[0].length - 2 : i + m[0].length + after.length,
        level,
        label: m[0].replace(/\s+/g, ''),
        colon: /[:：]/.test(after),
      });
      i += m[0].length - 1;
      break;
    }
  }
  // `成本指标经济成本指标`: a label followed at once by a level-2 label heads it, so it is level 1.
  found.forEach((mark, n) => {
    const next = found[n + 1];
    if (mark.level === 2 && next?.level === 2 && next.start === mark.end && LEVEL1_WORD.test(mark.label))
      mark.level = 1;
  });
  return found;
}

/** The items of a stretch between two landmarks: cells or list entries. */
function items(text: string, offset: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^\n|\u241e;；。\t]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const piece = m[0];
    if (piece.trim() === '') continue;
    out.push({ text: piece, start: offset + m.index });
  }
  return out;
}

/** A name read on its own, waiting for its target; `whole` when its explanation cell began after it. */
interface Pending {
  name: string;
  offset: number;
  whole?: { l1: string | null; l2: string | null; end: number };
}

function cleanStreamName(raw: string): string {
  let name = raw.replace(PLACEHOLDER, '');
  const explanation = EXPLANATION_START.exec(name);
  if (explanation && explanation.index >= 2) name = name.slice(0, explanation.index);
  name = trimRuns(name, /[\s,，、:：.．]/, /[\s,，、:：]/)
    .replace(/^[★☆*＊]+/, '')
    .replace(/^[(（](?:必填|选填|可选|必选)[^)）]*[)）]/, '')
    .replace(/^(?:指标\s*\d+\s*[:：]?|\d{1,2}\s*[、.．](?!\d)|[(（]\d{1,2}[)）]|[①-⑳])/, '')
    // A caption printed down the table's side (`项目绩效指标`) runs into the name beside it.
    .replace(/^(?:项目)?(?:年度)?绩效指标(?=[\u4e00-\u9fa5]{4})/, '');
  name = cleanName(name).trim();
  // Name and explanation cells run together print the same words twice: `培育中药材品种数量培育中药材品种数量`.
  const half = name.length / 2;
  if (Number.isInteger(half) && half >= 2 && name.slice(0, half) === name.slice(half))
    name = name.slice(0, half);
  return name;
}

/**
 * A row's weight printed before its target with nothing between (`台网运行率10≥95%`, `台站正常运行10100%`):
 * after an operator-led target it ends the name; before a figure it is the first one or two of its digits,
 * cut where the rest is a well-formed figure — the cut whose target the actual after it repeats first
 * (a met target prints the same figure twice), else the only one that gives a weight of 1–60.
 */
export function weightBeforeTarget(
  name: string,
  target: string,
  after: string,
): { name: string; target: string; weight: number } | null {
  if (OPERATOR_LED.test(target)) {
    const w = /(?<![\d.])([1-9]\d?(?:\.5)?)\s*$/.exec(name);
    if (!w?.[1] || Number(w[1]) > 60) return null;
    return { name: name.slice(0, w.index), target, weight: Number(w[1]) };
  }
  const lead = /^\s*(\d+(?:\.\d+)?)/.exec(target);
  if (!lead?.[1]) return null;
  const digits = lead[1];
  const unit = target.slice(lead[0].length);
  const cuts: { target: string; weight: number }[] = [];
  for (let k = 1; k <= 2 && k < digits.length; k++) {
    const weight = digits.slice(0, k);
    const rest = digits.slice(k);
    if (!isWellFormed(weight) || !plausibleWeight(Number(weight)) || !isWellFormed(rest)) continue;
    cuts.push({ target: `${rest}${unit}`, weight: Number(weight) });
  }
  const repeated = cuts.find((c) => after.trimStart().startsWith(c.target.trim()));
  const cut = repeated ?? (cuts.length === 1 ? cuts[0] : undefined);
  return cut ? { name, ...cut } : null;
}

// The columns after the target when 分值 stands before it: the actual, then the score.
const FOUR_TAIL = /^actual,score$/;

// A bare run of digits long enough to hold four figures, standing between words (no sign, no unit).
const FOUR_RUN = /(?<![\d.%])(\d[\d.]{5,23})(?![\d.%万元])/;

/**
 * The first run of four figures in an item. A year that opens the next cell's date (`…9.342021年底…`, the
 * 偏差原因 after the score) ran into it: without those four digits the run is cut when with them it is not.
 */
function fourRun(text: string): RegExpExecArray | null {
  const run = FOUR_RUN.exec(text);
  if (!run?.[1] || splitWeightTargetActualScore(run[1]) !== null) return run;
  const year = /(?:19|20)\d{2}$/.exec(run[1]);
  if (!year || text.charAt(run.index + run[0].length) !== '年') return run;
  const shorter = run[1].slice(0, year.index);
  if (splitWeightTargetActualScore(shorter) === null) return run;
  const cut = Object.assign([shorter, shorter], { index: run.index, input: text, groups: undefined });
  return cut as RegExpExecArray;
}

/**
 * Whether a score follows the national rule for a target: full marks when the actual meets it, fewer (and
 * not below zero) when it does not. Null for a target without a figure.
 */
function nationalRule(target: string): ((actual: number, weight: number, score: number) => boolean) | null {
  const goal = parseTarget(target);
  const value = goal.value;
  if (value === null || value === undefined) return null;
  const atMost = goal.operator === '<=' || goal.operator === '<';
  return (actual, weight, score) => {
    if (score > weight) return false;
    const met = atMost ? actual <= value : actual >= value;
    return met ? score === weight : score < weight;
  };
}

/**
 * The weight and the actual run together after the target (`90%` `2060%` `10`, 分值 captioned before 实际完成值):
 * the weight is the first one or two digits, cut where the rest is a well-formed actual and the score after
 * it follows the national rule, if exactly one cut does.
 */
export function weightAndActual(
  after: string,
  target: string,
): { weight: number; actual: string; score: number; length: number } | null {
  const m = /^\s*(\d+(?:\.\d+)?)(\s*(?:%|％|[\u4e00-\u9fa5]{1,3})?)/.exec(after);
  const rule = nationalRule(target);
  if (!m?.[1] || rule === null) return null;
  const digits = m[1];
  const unit = m[2] ?? '';
  const points = POINTS_ONE.exec(after.slice(m[0].length));
  if (!points?.[1]) return null;
  const score = Number(points[1]);
  const fits: { weight: number; actual: string }[] = [];
  for (let k = 1; k <= 2 && k < digits.length; k++) {
    const weight = digits.slice(0, k);
    const actual = digits.slice(k);
    if (!isWellFormed(weight) || !plausibleWeight(Number(weight)) || !isWellFormed(actual)) continue;
    if (rule(Number(actual), Number(weight), score))
      fits.push({ weight: Number(weight), actual: `${actual}${unit.trim()}` });
  }
  const only = fits.length === 1 ? fits[0] : undefined;
  return only ? { ...only, score, length: m[0].length + points[0].length } : null;
}

/**
 * The actual and score run together as one figure after a target whose weight is known (`=42个` `428`,
 * weight 8 → 42 | 8): the cut whose score follows the national rule — full marks when the actual meets the
 * target, fewer when it does not — if exactly one does.
 */
export function actualAndScore(
  after: string,
  weight: number,
  target: string,
): { actual: string; score: number; length: number } | null {
  const run = /^\s*(\d+(?:\.\d+)?)(?![\d.%％])/.exec(after);
  const digits = run?.[1];
  if (!run || !digits || digits.length > 12) return null;
  const rule = nationalRule(target);
  if (rule === null) return null;
  const fits: { actual: string; score: number }[] = [];
  for (let k = 1; k < digits.length; k++) {
    const actual = digits.slice(0, k);
    const score = digits.slice(k);
    if (!isWellFormed(actual) || !isWellFormed(score)) continue;
    if (rule(Number(actual), weight, Number(score))) fits.push({ actual, score: Number(score) });
  }
  const only = fits.length === 1 ? fits[0] : undefined;
  return only ? { ...only, length: run[0].length } : null;
}

/**
 * A name with the explanation cell after it run in, where the explanation ends in the name's last words
 * (three or more characters): the name ends at their first occurrence, which leaves both at least four
 * characters. Unchanged without an explanation column or such an echo.
 */
export function withoutEchoedExplanation(name: string, explanationColumn: boolean): string {
  if (!explanationColumn || name.length < 8) return name;
  for (let len = Math.min(12, name.length - 4); len >= 3; len--) {
    const tail = name.slice(-len);
    if (hanCount(tail) < 3) continue;
    const at = name.indexOf(tail);
    const end = at + len;
    if (end >= 4 && end <= name.length - 4) return name.slice(0, end);
  }
  return name;
}

/** A name: at least two characters of words, not a sentence (long, or several clauses). */
function hasWords(name: string): boolean {
  return hanCount(name) >= 2 && name.length <= 40 && (name.match(/[,，:：]/g) ?? []).length <= 1;
}

/**
 * Reads indicator rows from running text (`text` starts at line `firstLine`): landmarks give the levels,
 * each item between them is read as name + target. Only called when the cell-by-cell reader read nothing.
 */
export function readIndicatorStream(text: string, firstLine: number, year: number | null): StreamReading {
  const at = positions(text, firstLine);
  const all = landmarks(text);
  // The table ends at a total, a signature or an attachment note after its first level label.
  const first = all[0]?.start ?? 0;
  const end = TABLE_END.exec(text.slice(first));
  const body = end ? text.slice(0, first + end.index) : text;
  const marks = all.filter((m) => m.end <= body.length);
  const indicators: Indicator[] = [];
  const warnings: Warning[] = [];
  // A name read on its own, waiting for the target on the next line.
  let pending: Pending | null = null;
  // A table has the framework's shape: a level 1 directly over a level 2 at least once. Level words in a
  // narrative (`提高群众满意度`, `社会效益显著`) do not make one.
  const caption = CAPTION_ANCHOR.exec(text);
  // …or the caption row of the indicator columns stands before the labels: then every label counts, and
  // items under a level 1 alone are rows without a level 2 (forms that print only one level).
  const captioned = caption !== null && marks.length > 0 && caption.index < (marks[0]?.start ?? 0);
  const tailCaption = TAIL_CAPTION.exec(text);
  const tailRoles =
    tailCaption?.[1] && tailCaption.index < (marks[0]?.start ?? text.length)
      ? tailRolesOf(tailCaption[1])
      : [];
  // 分值 printed before the target (`三级指标分值年度指标值实际完成值得分`): each row's weight runs into the end
  // of its name or the start of its target.
  const weightFirst =
    tailCaption !== null && tailRoles.length > 0 && !tailRoles.includes('weight') && WEIGHT_BEFORE.test(text);
  // A 指标值类型 column before the target: its 定量/定性 runs into the end of the name.
  const kindColumn = /(?:指标值类型|值类型|指标性质)/.test(text.slice(0, marks[0]?.start ?? 0));
  // A 指标解释 column after the name: its sentence runs into the name. When it opens with no word that
  // marks an explanation (反映, 是指 …), it still ends as the name does (`已建工程是否存在质量问题` +
  // `当年已完工项目是否在检查中发现质量问题`): the name ends at the first earlier occurrence of those words.
  const explanationColumn = /指标解释|指标说明|指标内涵/.test(text.slice(0, marks[0]?.start ?? 0));
  const unitColumn = UNIT_COLUMN_CAPTION.test(text.slice(0, marks[0]?.start ?? 0));
  const withoutKind = (name: string) =>
    withoutEchoedExplanation(
      kindColumn ? name.replace(/(?<=[\u4e00-\u9fa5)）]{2})(?:定量|定性)$/, '') : name,
      explanationColumn,
    );
  // …or prose that heads its sentences with level-2 labels (`数量指标：慰问人数=9人，…。质量指标：…`): two
  // distinct such labels make a list of targets, where one could be a narrative's passing mention.
  // Bare words (`经济效益：…`) head a narrative's sentences too; only `…指标` labels count.
  const sentenceHeads = new Set(
    marks.filter((m) => m.level === 2 && m.colon && /指标$/.test(m.label)).map((m) => m.label),
  );
  const shaped =
    captioned || sentenceHeads.size >= 2 || marks.some((m, n) => m.level === 1 && marks[n + 1]?.level === 2);
  if (!shaped) {
    // No level labels at all, but the caption of the name and value columns (`指标名称 … 指标值`): the items
    // after it are name + target pairs without levels.
    if (caption === null || marks.length > 0) return { indicators, warnings };
    const from = caption.index + caption[0].length;
    const tail = text.slice(from);
    const stop = TABLE_END.exec(tail);
    for (const item of items(tail.slice(0, stop ? stop.index : tail.length), from))
      readItem(item.text, item.start, null, null);
    return { indicators, warnings };
  }
  let level1: string | null = null;
  let level2: string | null = null;
  // Level 1 printed (a landmark) or inferred from each level 2 under the national framework.
  let level1Printed = false;
  marks.forEach((mark, n) => {
    pending = null;
    if (mark.level === 1) {
      level1 = mark.label.replace(/[(（].*$/, '');
      level1Printed = true;
      level2 = null;
    } else {
      level2 = mark.label;
      if (!level1Printed) level1 = nationalLevel1Of(mark.label) ?? level1;
    }
    let stretchEnd = marks[n + 1]?.start ?? body.length;
    // A label heading a sentence (`时效指标：…及时发放率=100%，当年实际完成100%。`) covers that line only:
    // the next paragraph is prose about something else.
    if (mark.colon) {
      const lineEnd = body.indexOf('\n', mark.end);
      if (lineEnd > mark.end && body.slice(mark.end, lineEnd).trim().length >= 2)
        stretchEnd = Math.min(stretchEnd, lineEnd);
    }
    if (level2 === null && !captioned) return;
    for (const item of items(body.slice(mark.end, stretchEnd), mark.end)) {
      readItem(item.text, item.start, level1, level2, mark.colon);
    }
  });
  keepNameBeforeEnd(pending as Pending | null);
  return { indicators, warnings };

  // The text stops after a whole name, its explanation cell begun and its value not reached (a page cut
  // inside the row): the row is kept with its value missing, for a person to fill in. A name that may be
  // cut itself (no cell after it) is not.
  function keepNameBeforeEnd(last: Pending | null): void {
    if (!last?.whole || end !== null || body.slice(last.whole.end).trim() !== '') return;
    push(last.whole.l1, last.whole.l2, last.name, '', last.offset);
    const where = at(last.offset);
    warnings.push({
      code: 'import.value_missing',
      zh: `“${last.name}”之后文本中断，指标值缺失：请补填`,
      en: `The text stops after "${last.name}" before its target: please fill it in`,
      line: where.line,
      column: where.column,
      path: `indicators.${indicators.length - 1}`,
    });
  }

  function push(
    level1Label: string | null,
    level2Label: string | null,
    name: string,
    targetText: string,
    offset: number,
    actual?: string,
    printed: { weight?: number; score?: number } = {},
  ) {
    const expectDate = nameSuggestsDate(name);
    const target = parseTarget(targetText, { expectDate, ...(year === null ? {} : { year }) });
    indicators.push({
      level1: level1Label,
      level2: level2Label,
      name,
      target: { ...target, raw: targetText },
      ...(actual ? { actual } : {}),
      ...printed,
    });
    const where = at(offset);
    warnings.push({
      code: 'import.low_confidence',
      zh: `“${name}”由连续文本推断（表格线已丢失），请核对名称与目标值`,
      en: `"${name}" was inferred from running text (the table's borders were lost): check its name and target`,
      line: where.line,
      column: where.column,
      path: `indicators.${indicators.length - 1}`,
    });
  }

  // The figures after a row's target, read as the columns the caption names after it when there are
  // exactly as many: with fewer, which column was left blank cannot be told.
  function tailColumns(tailText: string): { actual?: string; weight?: number; score?: number } {
    if (tailRoles.length === 0) return {};
    const figures = tailText.match(TAIL_FIGURE) ?? [];
    if (figures.length !== tailRoles.length) return {};
    const out: { actual?: string; weight?: number; score?: number } = {};
    tailRoles.forEach((role, n) => {
      const figure = (figures[n] ?? '').replace(/\s+/g, '');
      if (role === 'actual') out.actual = figure;
      else if (/^\d+(\.\d+)?$/.test(figure)) out[role] = Number(figure);
    });
    return out;
  }

  // The cells after a row's target in a scored table whose borders were lost, read in the caption's order:
  // the actual's figure ends at its unit, weight and score follow (apart, or run together).
  function scoredTail(
    text: string,
    target: string,
  ): { length: number; actual?: string; weight?: number; score?: number } | null {
    const out: { length: number; actual?: string; weight?: number; score?: number } = { length: 0 };
    for (let n = 0; n < tailRoles.length; n++) {
      const role = tailRoles[n];
      const rest = text.slice(out.length);
      // Actual, weight and score all run together (`≥3次` `31010`), in any order: cut by the row's constraints.
      const three = tailRoles.slice(n);
      const fused = three.length === 3 && new Set(three).size === 3 ? FUSED_FIGURES.exec(rest) : null;
      if (fused?.[1] && ACTUAL_AT.exec(rest)?.[0].trim() === fused[1]) {
        const parsed = parseTarget(target);
        const cut = splitActualAndPoints(fused[1], three, {
          value: parsed.value ?? null,
          operator: parsed.operator ?? null,
        });
        if (cut !== null) {
          out.actual = String(cut.actual);
          out.weight = cut.weight;
          out.score = cut.score;
          out.length += fused[0].length;
          return out;
        }
      }
      // Weight and actual run together; printed apart they are read one by one below.
      const cut =
        role === 'weight' && tailRoles[n + 1] === 'actual' && tailRoles[n + 2] === 'score'
          ? weightAndActual(rest, target)
          : null;
      if (cut !== null) {
        out.weight = cut.weight;
        out.actual = cut.actual;
        out.score = cut.score;
        out.length += cut.length;
        return out;
      }
      if (role === 'actual') {
        const m = ACTUAL_AT.exec(rest);
        if (!m) return null;
        out.actual = m[0].trim();
        out.length += m[0].length;
        continue;
      }
      const other = tailRoles[n + 1];
      if (role !== undefined && other !== undefined && other !== 'actual') {
        const pair = POINTS_PAIR.exec(rest);
        const run = pair ? null : POINTS_RUN.exec(rest);
        const split = run?.[1]
          ? splitPoints(run[1], role === 'score' ? 'score first' : 'weight first')
          : null;
        const points = pair ? { first: Number(pair[1]), second: Number(pair[2]) } : split;
        if (points === null) return null;
        out[role] = points.first;
        out[other] = points.second;
        out.length += (pair ?? run)?.[0].length ?? 0;
        n++;
        continue;
      }
      const one = POINTS_ONE.exec(rest);
      if (!one?.[1] || role === undefined) return null;
      out[role] = Number(one[1]);
      out.length += one[0].length;
    }
    return out;
  }

  // A scored row whose target is a grade (`…质量等合格合格2020` = name | 合格 | 合格 | 20 | 20): no figure
  // marks where the name ends, so the grade does, at the first one after which the caption's columns
  // read in full (the actual, then the weight and score). A grade inside the name (`验收合格率`) is
  // followed by more words, not by those columns. The rest of the item is read again.
  function readQualitativeScored(
    whole: string,
    from: number,
    offset: number,
    l1: string | null,
    l2: string | null,
  ): number | null {
    if (tailRoles[0] !== 'actual' || tailRoles.length < 2) return null;
    // A name is at most 200 characters: grades further on start no row here, and each one looked at costs
    // a pass over the text before it. Only this window is read, so that rows one after another in a long
    // item cost their own length each.
    const text = whole.slice(from, from + 300);
    GRADE.lastIndex = 0;
    for (let m = GRADE.exec(text); m !== null && m.index <= 220; m = GRADE.exec(text)) {
      // 分值 captioned before the target: the weight runs into the end of the name (`…不高于市场价8是是8`).
      let before = text.slice(0, m.index);
      // A figure before the grade is another row's target: that row is read first, by its figure.
      if (TARGET_ANYWHERE.test(before)) return null;
      let weight: number | undefined;
      if (weightFirst) {
        const w = /(?<![\d.])([1-9]\d?(?:\.5)?)\s*$/.exec(before);
        if (!w?.[1]) continue;
        weight = Number(w[1]);
        before = before.slice(0, w.index);
      }
      // The grade, the actual and the points vouch for the row: a name cell holding a whole sentence stays the
      // name, as for a row whose four figures ran together.
      const name = withoutKind(cleanStreamName(before));
      if (hanCount(name) < 2 || name.length > 200) continue;
      const afterGrade = m.index + m[0].length;
      const scored = scoredTail(text.slice(afterGrade, afterGrade + 40), m[0]);
      if (scored === null || scored.score === undefined) continue;
      const { length, actual, ...printed } = scored;
      if (weight !== undefined) printed.weight = weight;
      if (printed.weight === undefined || printed.score === undefined || printed.score > printed.weight)
        continue;
      if (actual === undefined || !GRADE_WHOLE.test(actual)) continue;
      push(l1, l2, name, m[0], offset + from, actual, printed);
      return from + afterGrade + length;
    }
    return null;
  }

  /**
   * Grade rows one after another from `from` in `clean` (the item's text from `offset`): what is left after
   * them, or null when none was read there. Undefined when the item ends with them.
   */
  function readGradeRows(
    itemText: string,
    clean: string,
    from: number,
    offset: number,
    l1: string | null,
    l2: string | null,
  ): Rest | null | undefined {
    let at = from;
    let read = false;
    for (let end = readQualitativeScored(clean, at, offset, l1, l2); end !== null; ) {
      read = true;
      at = end;
      while (at < clean.length && /\s/.test(clean.charAt(at))) at++;
      end = at < clean.length ? readQualitativeScored(clean, at, offset, l1, l2) : null;
    }
    if (!read) return null;
    return at < clean.length ? { text: itemText.slice(at), offset: offset + at } : undefined;
  }

  // A yes/no indicator (`已建工程是否存在质量问题` … `是/否` `否` `否`): the 指标方向 cell prints `是/否`
  // and each value column 是 or 否; the first value is the row's target.
  function readYesNo(text: string, offset: number, l1: string | null, l2: string | null): boolean {
    const m = YES_NO_TAIL.exec(text);
    if (!m?.[1]) return false;
    const name = withoutKind(cleanStreamName(text.slice(0, m.index)));
    if (!hasWords(name)) return false;
    push(l1, l2, name, m[1].charAt(0), offset);
    return true;
  }

  // Reads an item, then what its first reading left over, in turn: an item of thousands of rows must not
  // recurse once per row.
  function readItem(
    itemText: string,
    offset: number,
    l1: string | null,
    l2: string | null,
    sentence = false,
  ): void {
    let next: Rest | null = { text: itemText, offset };
    while (next !== null) next = readItemOnce(next.text, next.offset, l1, l2, sentence);
  }

  function readItemOnce(
    itemText: string,
    offset: number,
    l1: string | null,
    l2: string | null,
    sentence: boolean,
  ): Rest | null {
    const clean = itemText.replace(PLACEHOLDER, (m) => ' '.repeat(m.length));
    // Under 分值 | 指标值 | 实际值 | 得分 a row's four figures ran together into one digit run after its name
    // (`…发放完毕,2010010020`): the words before the run are the name, whatever dates they mention; the
    // figures vouch for the row, so a name cell holding a whole sentence stays the name (marked, as every
    // row read from running text is, for a person to check).
    if (weightFirst && FOUR_TAIL.test(tailRoles.join())) {
      const run = fourRun(clean);
      const four = run?.[1] ? splitWeightTargetActualScore(run[1]) : null;
      const name = run && four ? withoutKind(cleanStreamName(clean.slice(0, run.index))) : '';
      if (run && four && hanCount(name) >= 2 && name.length <= 200) {
        const start = offset + (clean.length - clean.trimStart().length);
        push(l1, l2, name, String(four.target), start, String(four.actual), {
          weight: four.weight,
          score: four.score,
        });
        const after = run.index + run[0].length;
        return clean.slice(after).trim() !== ''
          ? { text: itemText.slice(after), offset: offset + after }
          : null;
      }
    }
    // A row whose target is a grade, run into its actual and points: read before the targets, since a grade
    // word may also lead a figure (`基本达到7` is the actual 基本达到 and the score 7).
    const graded = readGradeRows(itemText, clean, clean.length - clean.trimStart().length, offset, l1, l2);
    if (graded !== null) return graded ?? null;
    const targets = tailRoles.length > 0 ? TARGET_BEFORE_FIGURE : unitColumn ? TARGET_OR_BARE_COUNT : TARGET;
    targets.lastIndex = 0;
    let pos = 0;
    let readAny = false;
    for (let m = targets.exec(clean); m !== null; m = targets.exec(clean)) {
      // `截至2026年12月底,项目开展率`: a date followed by more words is part of the name.
      if (/^(?:19|20)\d{2}年/.test(m[0]) && /^\s*[,，、的]/.test(clean.slice(m.index + m[0].length)))
        continue;
      // `…人数年初任务数101974人`: the caption before a captioned figure is no part of the name.
      const captionEnd = OPERATOR_LED.test(m[0]) ? null : TARGET_CAPTION_END.exec(clean.slice(pos, m.index));
      const rawName = clean.slice(pos, captionEnd ? pos + captionEnd.index : m.index);
      // `慰问对象满意度完成90%`: in a sentence, a result stated without a target; the figure is the actual.
      // In a table's cells the same words end a name (`当期完成` | `90%`).
      // The words before 完成 must make a name of their own (`当期完成90%` is a name and its target).
      const lead = !sentence || OPERATOR_LED.test(m[0]) ? null : RESULT_LEAD.exec(rawName);
      const resultOnly = lead && hanCount(rawName.slice(0, lead.index)) >= 4 ? lead : null;
      let stop = m.index + m[0].length;
      const first = weightFirst ? weightBeforeTarget(rawName, m[0], clean.slice(stop)) : null;
      const targetText = first?.target ?? m[0];
      const name = withoutKind(
        cleanStreamName(resultOnly ? rawName.slice(0, resultOnly.index) : (first?.name ?? rawName)),
      ).replace(OPERATOR_LED.test(m[0]) ? ADVERB_END : /$^/, '');
      const scored =
        tailRoles.length > 0
          ? (scoredTail(clean.slice(stop), targetText) ??
            (first ? actualAndScore(clean.slice(stop), first.weight, targetText) : null))
          : null;
      // Further values of the same row (other regions' columns, the actual): figures up to the next word.
      const tail = scored
        ? null
        : /^(?:\s*(?:(?:[≥≤≧≦<>＜＞=＝﹦]\s*)?\d+(?:\.\d+)?(?:\s*(?:%|％))?|是|否))*/.exec(clean.slice(stop));
      if (tail) stop += tail[0].length;
      let columns: { actual?: string; weight?: number; score?: number } = tail ? tailColumns(tail[0]) : {};
      if (scored) {
        const { length, ...read } = scored;
        stop += length;
        columns = read;
      }
      // `…=9人，当年实际完成9人`: the result clause after the target is the row's actual.
      const result = ACTUAL_CLAUSE.exec(clean.slice(stop));
      if (result) stop += result[0].length;
      if (isScoringClause(rawName, clean.slice(m.index + m[0].length))) {
        // A clause of the row's scoring standard (`…0%以上计20分`), not a row.
      } else if (hasWords(name)) {
        const start = offset + pos + (rawName.length - rawName.trimStart().length);
        if (resultOnly) push(l1, l2, name, '', start, m[0].trim());
        else {
          const { actual, ...printed } = columns;
          if (first) printed.weight = first.weight;
          push(l1, l2, name, targetText.trim(), start, result?.[1]?.trim() ?? actual, printed);
        }
        readAny = true;
      } else if (pos === 0 && name === '' && pending !== null) {
        // The target alone on the line after its name (the cell wrapped, or one cell per line).
        push(l1, l2, pending.name, m[0].trim(), pending.offset);
        readAny = true;
      }
      pending = null;
      pos = stop;
      targets.lastIndex = stop;
    }
    const rest = clean.slice(pos).trim();
    if (rest === '') return null;
    if (readAny) {
      // After the item's last target, the next row's name closed by its explanation cell: whole, waiting
      // for its target.
      const next = withoutKind(cleanStreamName(rest));
      const start = offset + pos + (clean.length - pos - clean.slice(pos).trimStart().length);
      pending =
        hasWords(next) && (EXPLANATION_START.exec(rest)?.index ?? -1) >= 2
          ? { name: next, offset: start, whole: { l1, l2, end: offset + itemText.length } }
          : null;
      return null;
    }
    const restStart = pos + (clean.slice(pos).length - clean.slice(pos).trimStart().length);
    if (readYesNo(rest, offset + restStart, l1, l2)) return null;
    const gradedRest = readGradeRows(itemText, clean, restStart, offset, l1, l2);
    if (gradedRest !== null) return gradedRest ?? null;
    // An item without a figure: a short statement is a qualitative target that names itself
    // (`生态修复功能提高`); anything longer is prose, not a row. Either may be the name of a target
    // printed on the next line.
    const name = withoutKind(cleanStreamName(rest));
    if (hasWords(name) && key(name).length <= 16 && QUALITATIVE_END.test(name)) {
      push(l1, l2, name, name, offset);
      return null;
    }
    // A name closed by the start of its explanation cell (`项目完成率反映…`) is whole, whatever follows.
    const explainedAt = EXPLANATION_START.exec(rest)?.index ?? -1;
    const explained = explainedAt >= 2;
    // …and after its explanation, a bare run of figures without sign or unit ends the item (`…数量情况2312222`):
    // the value cells of several columns (one per region) run together, which no single target reads. The
    // row is kept with its value missing, for a person to fill in.
    const bare = explained ? /(?<![\d.])\d{2,}\s*$/.exec(rest) : null;
    if (bare && hasWords(name) && !/\d/.test(rest.slice(explainedAt, bare.index))) {
      push(l1, l2, name, '', offset);
      const where = at(offset);
      warnings.push({
        code: 'import.value_missing',
        zh: `“${name}”的指标值“${bare[0].trim()}”是几列数字连在一起，无法拆分：请补填`,
        en: `The value of "${name}" ("${bare[0].trim()}") is several columns' figures run together: please fill it in`,
        line: where.line,
        column: where.column,
        path: `indicators.${indicators.length - 1}`,
      });
      return null;
    }
    pending = hasWords(name)
      ? { name, offset, ...(explained ? { whole: { l1, l2, end: offset + itemText.length } } : {}) }
      : null;
    return null;
  }
}
