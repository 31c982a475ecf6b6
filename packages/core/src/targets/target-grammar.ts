import Big from 'big.js';
import type { Operator, Target } from './target.schema.ts';

/** Options that carry context the target text alone does not give. */
export interface ParseTargetOptions {
  /** The indicator is about a date (its name contains 时间/日期…): read bare Excel serials as dates. */
  expectDate?: boolean;
  /**
   * The year of the form. A deadline that leaves out its year (`12月底前`, `6月30日以前`) is then read
   * as a date in that year, as the clerk who wrote it meant; without it such text stays qualitative.
   */
  year?: number;
}

// Excel serials that fall between 1990-01-01 and 2100-12-31; outside that a number is a number.
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

/**
 * Converts an Excel (1900 date system) serial day number to an ISO date, or null when it is not a
 * whole number in 1..2958465. Excel counts a non-existent 1900-02-29 (serial 60), so serials from 61
 * on are one day ahead of a plain day count from 1899-12-31.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465 || serial === 60) return null;
  const epoch = Date.UTC(1899, 11, serial < 60 ? 31 : 30);
  return new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
}

/** True when the indicator name says its target is a point in time (完成时间, 到位日期 …). */
export function nameSuggestsDate(name: string): boolean {
  return /时间|日期|时限|截止|期限/.test(name) && !/时效|及时率|时长|工时|小时/.test(name);
}

// ---------------------------------------------------------------------------------------------------
// Normalisation: only what changes meaning for the grammar (full-width ASCII, operator look-alikes).
// Units are otherwise kept as printed.

const OPERATOR_CHARS: Record<string, string> = {
  '≥': '>=',
  '≧': '>=',
  '⩾': '>=',
  '≤': '<=',
  '≦': '<=',
  '⩽': '<=',
  '﹦': '=',
  // Forms typed in some county systems print 等于 as a box-drawing double line.
  '═': '=',
  '＝': '=',
  '﹥': '>',
  '﹤': '<',
  '〉': '>',
  '〈': '<',
};

/**
 * Operator, value and unit printed in separate cells and joined with pipes (`≥ | 95 | %`) become words.
 * Split and trim is linear, where a global regular expression of spaces around a pipe backtracks over every
 * run of spaces (200,000 spaces mid-line took 20 s).
 */
function joinPipedCells(text: string): string {
  if (!text.includes('|')) return text;
  const cells = text.split('|');
  const last = cells.length - 1;
  return cells
    .map((cell, i) => (i === 0 ? cell.trimEnd() : i === last ? cell.trimStart() : cell.trim()))
    .join(' ');
}

function normalise(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const op = OPERATOR_CHARS[ch];
    if (op !== undefined) out += op;
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (ch === '\u3000' || ch === '\u00a0') out += ' ';
    else if (ch === '−' || ch === '－') out += '-';
    else out += ch;
  }
  return joinPipedCells(out)
    .replace(/\s+/g, ' ')
    .replace(/([<>])\s+=/g, '$1=')
    .trim();
}

// ---------------------------------------------------------------------------------------------------
// Pieces of the grammar, as regular-expression sources.

const NUMBER = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+`;
const SYMBOL_OPERATOR = '>=|<=|=>|=<|>|<|=';

const WORD_OPERATORS: ReadonlyArray<readonly [string, Operator]> = [
  ['大于或等于', '>='],
  ['大于等于', '>='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['至少', '>='],
  ['达到', '>='],
  ['小于或等于', '<='],
  ['小于等于', '<='],
  ['不高于', '<='],
  ['不超过', '<='],
  ['不多于', '<='],
  ['不大于', '<='],
  ['至多', '<='],
  ['最多', '<='],
  ['控制在', '<='],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['等于', '='],
];

const SUFFIX_OPERATORS: ReadonlyArray<readonly [string, Operator]> = [
  ['及以上', '>='],
  ['以上', '>='],
  ['及以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
  ['之内', '<='],
  ['内', '<='],
];

const RANGE_SEPARATOR = '-|~|～|〜|至|到|—|–|——';

// A unit: no digits, no sentence punctuation, short. `%` and compound units such as 元/亩 qualify.
const UNIT = String.raw`(?:[^\d\s,，。;；:：、!！?？()（）\-~～—–]{1,6}?|[A-Za-z]{1,3}[23])`;

function symbolOperator(text: string): Operator {
  if (text === '=>') return '>=';
  if (text === '=<') return '<=';
  return text as Operator;
}

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/**
 * Units of measure targets print (`公里`, `万亩`, `人次/年`). A target that is one of them alone, maybe
 * after an operator (`公里`, `≧ %`), is a template whose number was never filled in.
 */
export const KNOWN_UNIT =
  /^(%|‰|百分比|(?:万|亿)?(?:[个人次天月年元亩里项家户场座辆份篇期台套所名间处条件册本张批周日时分秒株只头]|人次|户次|公里|千米|平方米|平方公里|立方米|小时|工作日|个月|吨|公斤|千克|米))(\/[\u4e00-\u9fa5A-Za-z]{1,4})?$/;

function canonicalUnit(unit: string | undefined): string | null {
  const u = (unit ?? '').replace(/\s+/g, '');
  if (u === '') return null;
  if (u === '百分比' || u === '%') return '%';
  // A word after the percent sign says what the share is of (`100%覆盖`, `95%达标`): the unit is `%`.
  if (/^%[\u4e00-\u9fa5]{1,4}$/.test(u)) return '%';
  return u;
}

const LEADING_SYMBOL = new RegExp(`^(${SYMBOL_OPERATOR})\\s*`);

function leadingOperator(text: string): { operator: Operator | null; rest: string } {
  const symbol = LEADING_SYMBOL.exec(text);
  if (symbol?.[1] !== undefined) {
    return { operator: symbolOperator(symbol[1]), rest: text.slice(symbol[0].length) };
  }
  for (const [word, operator] of WORD_OPERATORS) {
    if (text.startsWith(word)) return { operator, rest: text.slice(word.length).trim() };
  }
  return { operator: null, rest: text };
}

function trailingOperator(text: string): { operator: Operator | null; rest: string } {
  for (const [word, operator] of SUFFIX_OPERATORS) {
    if (text.endsWith(word)) {
      return {
        operator,
        rest: text
          .slice(0, -word.length)
          .replace(/[(（]含[)）]$/, '')
          .trim(),
      };
    }
  }
  return { operator: null, rest: text };
}

// ---------------------------------------------------------------------------------------------------
// Dates and periods

const pad = (n: number): string => String(n).padStart(2, '0');

function isoFrom(year: string, month: string, day?: string): string | null {
  const y = Number(year);
  const m = Number(month);
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return null;
  if (day === undefined) return `${y}-${pad(m)}`;
  const d = Number(day);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > last) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// 2020年12月31日 | 2020-12-31 | 2020.12.31 | 2020/12/31 | 2020年12月 | 2020.12 | 2020-12
const DATE =
  /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|([-./])(\d{1,2})(?:[-./](\d{1,2}))?)$/;
// The end of a period may leave out its year: 2023年4月-6月, 2023年4月1日-6月30日.
const MONTH_DAY = /^(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?$/;
const DEADLINE_SUFFIX = /(?:之前|以前|前|底|末|止|截止|完成|完工|到位|结束|办结|内)$/;
const PERIOD_SEPARATOR = /\s*(?:-|~|～|〜|至|到|—|–|\/)\s*/g;

interface ReadDate {
  iso: string;
  /** `2020.12` could as well be the number 2020.12: a lone date needs more evidence. */
  dotMonthOnly: boolean;
}

function readDate(text: string): ReadDate | null {
  const m = DATE.exec(text);
  if (m?.[1] === undefined) return null;
  const month = m[2] ?? m[5];
  const day = m[3] ?? m[6];
  if (month === undefined) return null;
  const iso = isoFrom(m[1], month, day);
  return iso === null ? null : { iso, dotMonthOnly: m[4] === '.' && day === undefined };
}

function parsePeriod(text: string): Omit<Target, 'raw'> | null {
  for (const sep of text.matchAll(PERIOD_SEPARATOR)) {
    const left = text.slice(0, sep.index).replace(/^从/, '');
    const right = text
      .slice(sep.index + sep[0].length)
      .replace(DEADLINE_SUFFIX, '')
      .trim();
    const start = readDate(left);
    if (start === null) continue;
    let end = readDate(right)?.iso ?? null;
    const md = end === null ? MONTH_DAY.exec(right) : null;
    if (md?.[1] !== undefined) end = isoFrom(start.iso.slice(0, 4), md[1], md[2]);
    if (end !== null && end.length === start.iso.length && end >= start.iso) {
      return { kind: 'period', operator: null, value: null, unit: null, period: { start: start.iso, end } };
    }
  }
  return null;
}

function parseDateOrPeriod(
  text: string,
  operator: Operator | null,
  year?: number,
): Omit<Target, 'raw'> | null {
  const period = parsePeriod(text);
  if (period) return period;
  // Deadline words pile up: 2023年6月底前, 2023年12月前完成.
  let body = text;
  let suffix = false;
  for (let n = 0; n < 3; n++) {
    const m = DEADLINE_SUFFIX.exec(body);
    if (m === null) break;
    body = body.slice(0, m.index).trim();
    suffix = true;
  }
  // 2020年底, 2023年度内: by the end of that year's December.
  // `2025年年底前` says the year twice.
  const yearOnly = /^(\d{4})\s*年[度年]?$/.exec(body);
  if (suffix && yearOnly?.[1] !== undefined) {
    const iso = isoFrom(yearOnly[1], '12');
    if (iso !== null) return { kind: 'date', operator: operator ?? '<=', value: null, unit: null, date: iso };
  }
  // A year alone (`2020年`, `2022年全年`, `2023年度`) is that year as a span of time, not a count of years.
  const wholeYear = suffix ? null : /^((?:19|20)\d{2})\s*年(?:度|全年)?$/.exec(body);
  if (wholeYear?.[1] !== undefined) {
    const y = wholeYear[1];
    return {
      kind: 'period',
      operator,
      value: null,
      unit: null,
      period: { start: `${y}-01`, end: `${y}-12` },
    };
  }
  // `12月底前` on a 2022 form: by December 2022. Only with a deadline word, so `3月` stays text.
  const yearless = suffix && year !== undefined ? MONTH_DAY.exec(body) : null;
  if (yearless?.[1] !== undefined && year !== undefined) {
    const iso = isoFrom(String(year), yearless[1], yearless[2]);
    if (iso !== null) return { kind: 'date', operator: operator ?? '<=', value: null, unit: null, date: iso };
  }
  const date = readDate(body);
  if (date === null || (date.dotMonthOnly && !suffix)) return null;
  const by: Operator | null = suffix ? '<=' : null;
  return { kind: 'date', operator: operator ?? by, value: null, unit: null, date: date.iso };
}

// ---------------------------------------------------------------------------------------------------

function missing(): Omit<Target, 'raw'> {
  return { kind: 'missing', operator: null, value: null, unit: null };
}

function looksLikePlaceholder(text: string): boolean {
  if (/[*＊]|×{2}|[xX]{2}|…|^\.{3,}$|^。{3,}$/.test(text)) return true;
  return /^指标\s*\d*\s*[:：]/.test(text) || /^(?:目标值|指标值|请填写|填写)/.test(text);
}

// The shapes of a quantity's body, compiled once (parseQuantity runs for every cell that may be a target).
const TWICE = new RegExp(`^(${NUMBER})\\s+(${NUMBER})$`);
const PER_MEASURE = new RegExp(`^每\\s*([\\u4e00-\\u9fa5]{1,2})\\s*(${NUMBER})\\s*(${UNIT})?$`);
const SINGLE = new RegExp(`^(${NUMBER})\\s*(${UNIT})?$`);
const RANGE = new RegExp(
  `^(${NUMBER})\\s*(${UNIT})?\\s*(?:${RANGE_SEPARATOR})\\s*(${NUMBER})\\s*(${UNIT})?$`,
);

// `各 1 次`, `均≥100岁`, `≥各2场`: the same quantity for each of the things the name lists (年度、半年报告
// 次数) or for all of them; the word says nothing of the quantity.
const EACH = /^[各均]\s*/;

function parseQuantity(text: string, options: ParseTargetOptions): Omit<Target, 'raw'> | null {
  const lead = leadingOperator(text.replace(EACH, ''));
  const trail = trailingOperator(lead.rest);
  const operator = lead.operator ?? trail.operator;
  const body = trail.rest.replace(EACH, '');

  // Excel date serial printed in both the value and the unit cell (`= 44,561 44,561`).
  const twice = TWICE.exec(body);
  if (twice?.[1] !== undefined && twice[1] === twice[2]) {
    const serial = toNumber(twice[1]);
    const iso = serial >= SERIAL_MIN && serial <= SERIAL_MAX ? excelSerialToIso(serial) : null;
    if (iso !== null) return { kind: 'date', operator, value: null, unit: null, date: iso };
    return null;
  }

  // The measure first (`每亩300`, `每人500元`): the figure is per that measure.
  const per = PER_MEASURE.exec(body);
  if (per?.[1] !== undefined && per[2] !== undefined) {
    const unit = canonicalUnit(per[3]);
    return {
      kind: 'quantitative',
      operator,
      value: toNumber(per[2]),
      unit: unit === null ? `每${per[1]}` : `${unit}/${per[1]}`,
    };
  }

  const single = SINGLE.exec(body);
  if (single?.[1] !== undefined) {
    const value = toNumber(single[1]);
    const unit = canonicalUnit(single[2]);
    // `12月底前`, `3月中旬`: a point in a year the text does not name, not a quantity of months.
    if (unit !== null && (/(底|末|初|旬|前|后)$/.test(unit) || /^月(底|末|初|中|上旬|下旬)/.test(unit)))
      return null;
    if (options.expectDate && unit === null && value >= SERIAL_MIN && value <= SERIAL_MAX) {
      const iso = excelSerialToIso(value);
      if (iso !== null) return { kind: 'date', operator, value: null, unit: null, date: iso };
    }
    return { kind: 'quantitative', operator, value, unit };
  }

  const range = RANGE.exec(body);
  if (range?.[1] !== undefined && range[3] !== undefined) {
    const lowUnit = canonicalUnit(range[2]);
    const highUnit = canonicalUnit(range[4]);
    if (lowUnit !== null && highUnit !== null && lowUnit !== highUnit) return null;
    return {
      kind: 'quantitative',
      operator,
      value: toNumber(range[1]),
      unit: highUnit ?? lowUnit,
      upper: toNumber(range[3]),
    };
  }
  return null;
}

/**
 * The one quantity a sentence target states (`总航时不少于30小时`, `补助资金及时到位100%`): a text with a
 * single number, followed by a unit of measure and maybe preceded by a comparison word; null for a text
 * with more numbers, or whose number counts years, months or days (a date). For readers that have already
 * decided the text is a target: `parseTarget` keeps such a sentence qualitative.
 */
export function quantityInSentence(raw: string): Omit<Target, 'raw'> | null {
  // The grammar's own spelling first: ≧ and ＞ are >= and >, full-width digits are digits.
  const text = normalise(raw);
  const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
  const number = numbers.length === 1 ? numbers[0] : undefined;
  if (number?.index === undefined) return null;
  // Looked for around the one number only, so a long text is read in one pass.
  const before = text.slice(Math.max(0, number.index - 8), number.index).trimEnd();
  const after = text
    .slice(number.index + number[0].length)
    .trimStart()
    .slice(0, 4);
  // The longest start of what follows the number that is a unit (`小时测算` → 小时).
  let unit: string | null = null;
  for (let end = after.length; end > 0 && unit === null; end--) {
    if (KNOWN_UNIT.test(after.slice(0, end))) unit = after.slice(0, end);
  }
  if (unit === null || /^[年月日]$/.test(unit)) return null;
  const word = WORD_OPERATORS.find(([w]) => before.endsWith(w));
  const symbol = /(>=|<=|>|<)$/.exec(before)?.[1];
  const operator = word?.[1] ?? (symbol === undefined ? null : symbolOperator(symbol));
  return { kind: 'quantitative', operator, value: Number(number[0]), unit: canonicalUnit(unit) };
}

function parseNormalised(text: string, trimmed: string, options: ParseTargetOptions): Omit<Target, 'raw'> {
  if (text === '' || /^[/\\\-—–_]+$/.test(text) || /^n\/?a$/i.test(text)) return missing();
  if (looksLikePlaceholder(text)) {
    return { kind: 'placeholder', operator: null, value: null, unit: null, text: trimmed };
  }
  const lead = leadingOperator(text);
  const dated = parseDateOrPeriod(lead.rest, lead.operator, options.year);
  if (dated) return dated;
  const unitOnly = lead.rest.replace(/\s+/g, '');
  if (KNOWN_UNIT.test(unitOnly))
    return { kind: 'missing', operator: lead.operator, value: null, unit: canonicalUnit(unitOnly) };
  const quantity = parseQuantity(text, options);
  if (quantity) return quantity;
  return { kind: 'qualitative', operator: null, value: null, unit: null, text: trimmed };
}

/**
 * Reads a printed target value (指标目标值) such as `≥95%`, `1600元/亩`, `2020年12月31日前` or `合理`.
 * Never throws: text it cannot read as a number, date or period is a qualitative target.
 */
export function parseTarget(raw: string, options: ParseTargetOptions = {}): Target {
  const trimmed = raw.trim();
  return { raw, ...parseNormalised(normalise(raw), trimmed, options) };
}

function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  // big.js never switches to exponent notation in toFixed(), unlike String(1e21).
  return new Big(n).toFixed();
}

/**
 * Canonical text of a target (`>=95%`, `=0`, `1600元/亩`, `2020-12-31`, `2023-07至2024-01`):
 * parsing it gives back the same target in every field except `raw`.
 */
export function formatTarget(target: Target): string {
  const op = target.operator ?? '';
  switch (target.kind) {
    case 'missing':
      // A template's unit without its number (`≥%`) reads back as the same unfilled target.
      return target.unit === null ? '' : `${op}${target.unit}`;
    case 'qualitative':
    case 'placeholder':
      return target.text ?? target.raw.trim();
    case 'date':
      return `${op}${target.date ?? ''}`;
    case 'period':
      return target.period ? `${target.period.start}至${target.period.end}` : target.raw.trim();
    case 'quantitative': {
      const unit = target.unit ?? '';
      const value = target.value === null ? '' : formatNumber(target.value);
      if (target.upper !== undefined) return `${op}${value}${unit}~${formatNumber(target.upper)}${unit}`;
      return `${op}${value}${unit}`;
    }
  }
}
