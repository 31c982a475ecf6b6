// Quantities the narratives of a table cite (举办讲座20场, 累计参观人数近15000人次, 满意度达到95%以上),
// read so that a rule can set them beside the indicator targets of the same measure. Reading is
// deliberately narrow: a figure that might be a stock (全市共有…), a part (其中…), a rate per month or a
// total over several years is left out, because comparing it with a yearly target would be a false alarm.

import { parseAmount } from '../money/money.ts';
import type { Target } from '../targets/target.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';

/** How the narrative bounds its figure: 近/约 (about), 不少于/余/以上 (floor), 不超过/以内 (cap). */
export type FigureBound = 'exact' | 'about' | 'floor' | 'cap';

/** When a figure holds, as far as its sentence says, independent of the table's budget year. */
export interface FigureTime {
  /** 累计/截至/以来: a total since some date. */
  cumulative: boolean;
  /** From the anchored start (自…/…以来) to the end (截至…) of a cumulative total, as `YYYY` or `YYYY-MM`. */
  span: { from: string; to: string; months: number } | null;
  /** 上年/去年: last year's figure. */
  lastYear: boolean;
  /** 计划/预计/全年/年度/目标 …: the sentence plans. */
  planned: boolean;
  /** Distinct years (2019年) the sentence names. */
  years: readonly number[];
}

/** A quantity cited in a narrative, in the base unit of its family (万 applied, money in 元). */
export interface NarrativeFigure {
  /** The figure as written, e.g. `近15000人次`. */
  text: string;
  /** The sentence it stands in (shortened around the figure when long). */
  sentence: string;
  value: number;
  /** Half the last printed digit in the base unit: `1.5万人次` stands for 14,500 … 15,500. */
  tolerance: number;
  /** Unit without 万/亿, one spelling per unit (`人次`, `人` for 名, `场` for 场次, `%`, `元`). */
  unit: string;
  family: string;
  bound: FigureBound;
  /** The words next to the figure (累计参观人数近): what it counts. */
  context: string;
  /** Two-character pieces of `context`. */
  words: ReadonlySet<string>;
  /** The year the figure's clause names (2019年接待…), the nearest one before it, else after it. */
  year: number | null;
  time: FigureTime;
}

// ---------------------------------------------------------------------------------------------------
// Units

// Counting and measuring units a narrative writes after a number. Time units (年, 月, 天) are left out:
// they are schedules and durations, not outputs. Money goes through the money helpers.
const FAMILY: Readonly<Record<string, string>> = {
  人: 'people',
  人次: 'people',
  名: 'people',
  场: 'events',
  场次: 'events',
  次: 'events',
  '%': '%',
  元: 'yuan',
  平方米: 'm2',
  平米: 'm2',
  立方米: 'm3',
  公里: 'km',
  千米: 'km',
  公斤: 'kg',
  千克: 'kg',
};
const OWN_FAMILY = ['个', '家', '所', '座', '项', '件', '台', '辆', '套', '户', '篇', '册', '份', '部'];
const OWN_FAMILY_MORE = ['期', '批', '条', '处', '株', '棵', '亩', '公顷', '吨'];
for (const u of [...OWN_FAMILY, ...OWN_FAMILY_MORE]) (FAMILY as Record<string, string>)[u] = u;

// Spellings of one unit.
const SAME_UNIT: Readonly<Record<string, string>> = {
  名: '人',
  场次: '场',
  平米: '平方米',
  千米: '公里',
  千克: '公斤',
};

/**
 * The family of units a unit belongs to, or null for others. A family holds units that may count the
 * same thing: 人 and 人次 both count visitors in 参观人数近15000人次, though not always.
 */
export function unitFamily(unit: string): string | null {
  return FAMILY[unit] ?? null;
}

const SCALE: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** A quantity in the base unit of its family: value, printed unit and the rounding its digits allow. */
export interface Quantity {
  value: number;
  upper?: number;
  unit: string;
  family: string;
  tolerance: number;
}

function halfStep(digits: string, scale: number): number {
  const decimals = digits.includes('.') ? (digits.split('.')[1]?.length ?? 0) : 0;
  return (scale * 10 ** -decimals) / 2;
}

interface UnitInfo {
  unit: string;
  family: string;
  scale: number;
}

// Targets print few distinct units; each is looked up once. Bounded: units come from user input.
const unitInfoCache = new Map<string, UnitInfo | null>();

function unitInfo(printed: string): UnitInfo | null {
  const cached = unitInfoCache.get(printed);
  if (cached !== undefined) return cached;
  let unit = printed;
  let scale = 1;
  const head = unit[0] ?? '';
  if (SCALE[head] !== undefined && unit.length > 1) {
    scale = SCALE[head];
    unit = unit.slice(1);
  }
  const family = unitFamily(unit);
  const info = family === null ? null : { unit: SAME_UNIT[unit] ?? unit, family, scale };
  if (unitInfoCache.size > 10_000) unitInfoCache.clear();
  unitInfoCache.set(printed, info);
  return info;
}

/**
 * A quantitative target as a quantity comparable with narrative figures (`>=2万人次` is 20,000 人次,
 * `<=65万元` is 650,000 元), or null when its unit is none of the known families (`元/亩`, `万`, none).
 */
export function targetQuantity(target: Target): Quantity | null {
  if (target.kind !== 'quantitative' || target.value === null || target.unit === null) return null;
  const info = unitInfo(target.unit);
  if (info === null) return null;
  const { unit, family, scale } = info;
  const value = target.value * scale;
  const tolerance = Number.isInteger(target.value) ? scale / 2 : halfStep(String(target.value), scale);
  const q: Quantity = { value, unit, family, tolerance };
  if (target.upper !== undefined) q.upper = target.upper * scale;
  return q;
}

// ---------------------------------------------------------------------------------------------------
// Chinese numerals

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/**
 * The value of a Chinese numeral (`二十` 20, `一千二百` 1200, `两万` 20000, `一万五千` 15000, `十` 10),
 * or null when the text is not one (`万`, `一二`, `十十`).
 */
export function chineseNumeral(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let any = false;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // Two digits in a row are a year or a code (二〇二〇), not an amount; 零 only fills a gap.
      if (digit !== null && digit !== 0) return null;
      digit = d;
      any = true;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? (section === 0 ? 1 : Number.NaN)) * small;
      if (Number.isNaN(section)) return null;
      digit = null;
      any = true;
      continue;
    }
    const big = SCALE[ch];
    if (big === undefined || !any) return null;
    total = (total + section + (digit ?? 0)) * big;
    section = 0;
    digit = null;
  }
  if (!any) return null;
  return total + section + (digit ?? 0);
}

// ---------------------------------------------------------------------------------------------------
// Measure words

// Words that say what kind of measure a name is (a count, a rate, …) but not what is measured: two
// names sharing only these are not the same measure.
const GENERIC =
  /数量|人数|人次|次数|个数|总数|数目|场次|件数|户数|家数|总量|规模|面积|指标|情况|完成|实现|项目|工作|年度|全年|本年|当年|比例|占比|[率度性数](?=$|[()（）])|[()（）\d%％.,，、/\s]/g;

/** Two-character pieces of the words of `text` that name what is measured (see GENERIC). */
export function measureBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const piece of text.split(GENERIC)) {
    for (let i = 0; i + 1 < piece.length; i++) out.add(piece.slice(i, i + 2));
  }
  return out;
}

function bigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reading figures

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+`;
// Longest first, so that 人次 wins over 人 and 平方米 over 米.
const UNIT_WORDS = [...Object.keys(FAMILY), '万元', '亿元']
  .filter((u) => u !== '%')
  .sort((a, b) => b.length - a.length);
const UNIT = `${UNIT_WORDS.join('|')}|%`;
const PREFIX =
  '不少于|不低于|不超过|不高于|至少|达到|超过|控制在|将近|接近|大约|近|约|逾|超|达|共计|共|累计|计|为|是';
// A unit glued to the next character is often another word: 人员, 项目, 部门, 一次性, 个月, 场所,
// 个百分点; and `元/亩`, `人/年` are compound units a narrative figure is never compared with.
const NOT_AFTER: Readonly<Record<string, RegExp>> = {
  人: /^(?:员|口|才|民|工|均|群|数|次数)/,
  名: /^(?:称|单|义|额|录|牌)/,
  次: /^(?:性|数|要|序)/,
  场: /^(?:所|地|馆|景|合|面|次数)/,
  个: /^(?:月|百分点|工作日|人|体|性|别)/,
  家: /^(?:庭|属|长|乡|具|电)/,
  所: /^(?:属|在|有|以|得|需)/,
  项: /^(?:目)/,
  部: /^(?:门|分|署|署|委|位)/,
  户: /^(?:籍|外|口|型|主)/,
  期: /^(?:间|末|限|刊|园|工程|项目)/,
  条: /^(?:例|件|款|线)/,
  处: /^(?:理|置|室|罚|长)/,
  份: /^(?:额)/,
  台: /^(?:阶|账|风)/,
  座: /^(?:谈)/,
  篇: /^(?:章|幅)/,
  批: /^(?:复|准|次)/,
  件: /^(?:事)/,
};
const ALWAYS_NOT_AFTER = /^(?:\/|年|月|日|天|小时|周)/;

// The figure stands after its measure word with no unit of its own: 参观人次1.5万, 服务人数达2000.
const NAMED_UNIT: Readonly<Record<string, string>> = { 人次: '人次', 人数: '人', 场次: '场次', 户数: '户' };

const FIGURE = new RegExp(
  `(?<![\\d.A-Za-z第])(${PREFIX})?(${NUMBER})(万|亿)?(余|多)?(${UNIT})?(以上|以下|以内|之内|左右)?`,
  'g',
);
// The measure word of a figure stands close before it (累计参观人数近15000人次, 全年举办社区科普活动120场).
const MAX_BEFORE = 16;
const BOUNDARY = /[，,。；;：:！!？?（）()【】“”"'‘’]/;
const SENTENCE_END = /[。；;！!？?]/;

// Figures that are not the project's own output of a year.
const STOCK =
  /共有|现有|拥有|总人口|常住|户籍|辖区内|全[国省市县区镇乡](?:共|有|现)|建筑面积|占地|总面积|其中/;
// Rates per period, and parts of the year (第一阶段…, 上半年…): not the year's figure.
const PER_PERIOD = /每[月周天日季期]|[月日周]均|平均每|阶段|季度|上半年|下半年/;
const MULTI_YEAR =
  /(?<![\d年第])(?:[两二三四五六七八九十]+|[2-9]|\d{2})个?年(?![度级底末初])|十[一二三四五]五|实施期|项目周期|建设期|\d{4}[-—~～至到]\d{4}年|\d{4}年[-—~～至到]\d{4}年/;
const CUMULATIVE = /累计|截至|截止|以来|至今/;
const LAST_YEAR = /上年|去年|上一年/;
const SEVERAL_YEARS = /往年|历年|近年|以往|近几年|此前|多年/;
const PLANNED = /计划|预计|拟|力争|确保|目标|全年|年度|本年|今年|当年|建成后|实施后|完成后/;
const YEAR = /(\d{4})年/g;
const START =
  /(?:自|从)(\d{4})年(?:(\d{1,2})月)?|(\d{4})年(?:(\d{1,2})月)?(?:\d{1,2}[日号])?[^，,。；;]{0,24}?(?:以来|起)/g;
const END = /(?:截至|截止|至)(\d{4})年(?:(\d{1,2})月)?/;

function boundOf(prefix: string, infix: string, suffix: string): FigureBound {
  if (/近|约|接近|将近|大约/.test(prefix) || suffix === '左右') return 'about';
  if (/不超过|不高于|控制在/.test(prefix) || /以下|以内|之内/.test(suffix)) return 'cap';
  if (/不少于|不低于|至少|达到|超过|逾|超|达/.test(prefix) || infix !== '' || suffix === '以上')
    return 'floor';
  return 'exact';
}

function monthIndex(year: string | undefined, month: string | undefined, end: boolean): number | null {
  if (year === undefined) return null;
  const m = month === undefined ? (end ? 12 : 1) : Number(month);
  if (m < 1 || m > 12) return null;
  return Number(year) * 12 + m - 1;
}

function isoMonth(year: string | undefined, month: string | undefined): string {
  return month === undefined ? `${year}` : `${year}-${month.padStart(2, '0')}`;
}

function timeOf(sentence: string, previous: string): FigureTime {
  const years = [...new Set([...sentence.matchAll(YEAR)].map((m) => Number(m[1])))];
  const cumulative = CUMULATIVE.test(sentence);
  let span: FigureTime['span'] = null;
  if (cumulative) {
    const end = END.exec(sentence);
    const endIndex = monthIndex(end?.[1], end?.[2], true);
    // The earliest anchored start: a wrong, later one would shorten the span and compare a long total
    // with a year's target.
    let start: { index: number; text: string } | null = null;
    for (const m of `${previous}。${sentence}`.matchAll(START)) {
      const y = m[1] ?? m[3];
      const mo = m[1] !== undefined ? m[2] : m[4];
      const index = monthIndex(y, mo, false);
      if (index !== null && (start === null || index < start.index)) start = { index, text: isoMonth(y, mo) };
    }
    if (end !== null && endIndex !== null && start !== null && start.index <= endIndex) {
      span = { from: start.text, to: isoMonth(end[1], end[2]), months: endIndex - start.index + 1 };
    }
  }
  return {
    cumulative,
    span,
    lastYear: LAST_YEAR.test(sentence),
    planned: PLANNED.test(sentence),
    years,
  };
}

function excerpt(sentence: string, at: number, length: number): string {
  const max = 60;
  if (sentence.length <= max) return sentence;
  const from = Math.max(0, Math.min(at - 40, sentence.length - max));
  const to = Math.min(sentence.length, Math.max(from + max, at + length));
  return `${from > 0 ? '…' : ''}${sentence.slice(from, to)}${to < sentence.length ? '…' : ''}`;
}

function readValue(digits: string, scaleWord: string, unit: string): Quantity | null {
  if (unit === '元' || unit === '万元' || unit === '亿元') {
    const amount = parseAmount(`${digits}${scaleWord}${unit}`);
    if (amount === null) return null;
    const scale = (SCALE[scaleWord] ?? 1) * (unit === '元' ? 1 : (SCALE[unit[0] ?? ''] ?? 1));
    return { value: amount.yuan, unit: '元', family: 'yuan', tolerance: halfStep(digits, scale) };
  }
  // The target grammar reads the digits (thousands separators, decimals) and the unit.
  const parsed = parseTarget(`${digits}${scaleWord}${unit}`);
  return targetQuantity(parsed);
}

function figuresInSentence(sentence: string, previous: string): NarrativeFigure[] {
  const out: NarrativeFigure[] = [];
  let time: FigureTime | null = null;
  let lastEnd = 0;
  for (const m of sentence.matchAll(FIGURE)) {
    const [whole, prefix = '', number = '', scaleWord = '', infix = '', unitWord = '', suffix = ''] = m;
    const start = m.index;
    const end = start + whole.length;
    const after = sentence.slice(end);
    let unit = unitWord;
    const clauseStart = Math.max(lastEnd, lastBoundary(sentence, start + prefix.length), start - MAX_BEFORE);
    const before = sentence.slice(clauseStart, start + prefix.length);
    if (unit === '') {
      // 参观人次1.5万: the measure word just before the number gives the unit.
      const named = Object.keys(NAMED_UNIT).find((w) =>
        before.slice(0, before.length - prefix.length).endsWith(w),
      );
      if (named === undefined || /^[\d%\-~～至到]/.test(after) || ALWAYS_NOT_AFTER.test(after)) continue;
      unit = NAMED_UNIT[named] ?? '';
    } else if (ALWAYS_NOT_AFTER.test(after) || NOT_AFTER[unit]?.test(after)) {
      continue;
    }
    const digits = /^[\d.,]+$/.test(number) ? number.replace(/,/g, '') : String(chineseNumeral(number) ?? '');
    if (digits === '') continue;
    lastEnd = end;
    // The whole clause, also before an earlier figure of it: 全区共有社区120个、学校30所.
    const clause = clauseOf(sentence, lastBoundary(sentence, start), end);
    if (
      STOCK.test(clause) ||
      PER_PERIOD.test(clause) ||
      MULTI_YEAR.test(sentence) ||
      SEVERAL_YEARS.test(sentence)
    )
      continue;
    const q = readValue(digits, scaleWord, unit);
    if (q === null) continue;
    time ??= timeOf(sentence, previous);
    const context = `${before}${afterWords(after)}`;
    out.push({
      text: whole,
      sentence: excerpt(sentence, start, whole.length),
      value: q.value,
      tolerance: q.tolerance,
      unit: q.unit,
      family: q.family,
      bound: boundOf(prefix, infix, suffix),
      context,
      words: bigramsOf(context),
      year: yearNear(sentence, start),
      time,
    });
  }
  return out;
}

function yearNear(sentence: string, at: number): number | null {
  let before: number | null = null;
  let after: number | null = null;
  for (const m of sentence.matchAll(YEAR)) {
    if (m.index < at) before = Number(m[1]);
    else if (after === null) after = Number(m[1]);
  }
  return before ?? after;
}

function lastBoundary(text: string, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (BOUNDARY.test(text[i] ?? '')) return i + 1;
  return 0;
}

// The clause a figure stands in, for stock and part words: from its start to the next boundary.
function clauseOf(text: string, from: number, end: number): string {
  let to = end;
  while (to < text.length && !BOUNDARY.test(text[to] ?? '')) to++;
  return text.slice(from, to);
}

// Words right after the figure (举办20场讲座): up to the next boundary or number, a few characters.
function afterWords(after: string): string {
  let n = 0;
  while (
    n < after.length &&
    n < 8 &&
    !BOUNDARY.test(after[n] ?? '') &&
    !/[\d零〇一二两三四五六七八九十]/.test(after[n] ?? '')
  )
    n++;
  return after.slice(0, n);
}

/** Every comparable quantity a narrative text cites, in text order. */
export function figuresInText(text: string): NarrativeFigure[] {
  // Full-width digits and ％ read as ASCII; line breaks inside a wrapped figure (41\n09.86) are dropped.
  const flat = text
    .replace(/\s+/g, '')
    .replace(/[０-９％]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (!/[\d一二两三四五六七八九十]/.test(flat)) return [];
  const out: NarrativeFigure[] = [];
  let previous = '';
  let from = 0;
  for (let i = 0; i <= flat.length; i++) {
    if (i < flat.length && !SENTENCE_END.test(flat[i] ?? '')) continue;
    const sentence = flat.slice(from, i);
    if (sentence !== '') {
      out.push(...figuresInSentence(sentence, previous));
      previous = sentence;
    }
    from = i + 1;
  }
  return out;
}

// Narratives recur unchanged across the tables of a unit and across versions: read each text once.
// Bounded: texts come from user input.
const cache = new Map<string, NarrativeFigure[]>();

/** `figuresInText`, remembered per text. */
export function narrativeFigures(text: string): readonly NarrativeFigure[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const figures = figuresInText(text);
  if (cache.size > 20_000) cache.clear();
  cache.set(text, figures);
  return figures;
}
