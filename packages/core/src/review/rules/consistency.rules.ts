import Big from 'big.js';
import type { Narrative, PerformanceTable } from '../../tables/table.schema.ts';
import {
  measureBigrams,
  type NarrativeFigure,
  narrativeFigures,
  type Quantity,
  targetQuantity,
} from '../narrative-figures.ts';
import type { IndicatorFacts, Rule, RuleHit } from '../rule.ts';
import { narrativeNames } from './completeness.rules.ts';

function yuan(n: number): string {
  return new Big(n).toFixed(2).replace(/\.00$/, '');
}

/** K01: 当年预算 ≤ 总预算. */
export const currentWithinTotalRule: Rule = {
  code: 'K01',
  category: 'consistency',
  severity: 'error',
  zh: '项目当年预算不超过项目总预算',
  en: 'The budget of the year does not exceed the total budget',
  check({ table }) {
    const { total, currentYear } = table.budget;
    if (total === null || total === undefined || currentYear === null || currentYear === undefined) return [];
    if (currentYear <= total) return [];
    return [
      {
        zh: `项目当年预算（${yuan(currentYear)}元）大于项目总预算（${yuan(total)}元）：请核对两项金额，当年预算不能超过总预算。`,
        en: `The budget of the year (${yuan(currentYear)} yuan) exceeds the total budget (${yuan(total)} yuan): check both; the year's budget cannot exceed the total.`,
        path: 'budget.currentYear',
      },
    ];
  },
};

// An amount the overview states as the project's whole budget (预算总额, 总投资, 合计 …). Amounts of
// parts (其中…资金50万元) or of other years (上年预算…) are not the budget and are left alone.
const AMOUNT =
  /(预算总额|总预算|资金总额|总投资|投资总额|项目预算|预算资金|预算金额|预算为|合计|总计|共计)[^，。；;,\d]{0,6}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)/g;
const OTHER_PART = /(?:上年|去年|上一年|往年|累计|其中)[^，。；;,]{0,4}$/;
const SCALE: Record<string, number> = { 亿元: 1e8, 万元: 1e4, 元: 1 };

/** Amounts (元) in a text that state a budget, with the rounding their printed precision allows. */
export function budgetAmountsInText(text: string): { text: string; yuan: Big; tolerance: Big }[] {
  const out: { text: string; yuan: Big; tolerance: Big }[] = [];
  if (!text.includes('元')) return out;
  const flat = text.replace(/\s+/g, '');
  for (const m of flat.matchAll(AMOUNT)) {
    if (OTHER_PART.test(flat.slice(Math.max(0, m.index - 8), m.index))) continue;
    const digits = (m[2] ?? '').replace(/,/g, '');
    const scale = SCALE[m[3] ?? '元'] ?? 1;
    const decimals = digits.includes('.') ? (digits.split('.')[1]?.length ?? 0) : 0;
    // 4109.86万元 stands for anything that rounds to it: 41,098,550 … 41,098,650 元.
    const tolerance = new Big(scale).times(new Big(10).pow(-decimals)).div(2);
    out.push({
      text: `${m[2]}${m[3]}`,
      yuan: new Big(digits).times(scale),
      tolerance: tolerance.lt(0.5) ? new Big(0.5) : tolerance,
    });
  }
  return out;
}

/** K02: an amount stated as the budget in the overview equals the budget fields. */
export const overviewAmountRule: Rule = {
  code: 'K02',
  category: 'consistency',
  severity: 'warning',
  zh: '项目概况中写的预算金额与预算字段一致',
  en: 'A budget amount written in the overview equals the budget fields',
  check({ table }) {
    const overview = table.narrative.overview;
    const fields = [table.budget.total, table.budget.currentYear].filter(
      (v): v is number => v !== null && v !== undefined,
    );
    if (!overview || fields.length === 0) return [];
    const amounts = budgetAmountsInText(overview);
    if (amounts.length === 0) return [];
    // Every amount stated as the budget must be one of the budget fields.
    const wrong = amounts.filter((a) => !fields.some((f) => a.yuan.minus(f).abs().lte(a.tolerance)));
    if (wrong.length === 0) return [];
    const written = wrong.map((a) => a.text).join('、');
    const budget = fields.map((f) => `${yuan(f)}元`).join(' / ');
    return [
      {
        zh: `项目概况中的金额（${written}）与预算字段（${budget}）不一致：请核对并统一。`,
        en: `The amount in the overview (${written}) differs from the budget fields (${budget}): check and make them agree.`,
        path: 'narrative.overview',
      },
    ];
  },
};

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

function validIso(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

/** K03: planned dates are valid, start ≤ end, and inside the budget year. */
export const planDatesRule: Rule = {
  code: 'K03',
  category: 'consistency',
  severity: 'error',
  zh: '计划开始日期不晚于完成日期，且在预算年度内',
  en: 'The planned start is not after the planned end, and both lie in the budget year',
  check({ table }) {
    const hits: RuleHit[] = [];
    const { startDate, endDate, year } = table;
    for (const [field, value] of [
      ['startDate', startDate],
      ['endDate', endDate],
    ] as const) {
      if (value && !validIso(value)) {
        hits.push({
          zh: `日期「${value}」无效：请填写如 ${year}-01-01 的日期。`,
          en: `Date "${value}" is not valid: enter a date such as ${year}-01-01.`,
          path: field,
        });
      }
    }
    if (hits.length > 0) return hits;
    if (startDate && endDate && startDate > endDate) {
      hits.push({
        zh: `计划开始日期（${startDate}）晚于计划完成日期（${endDate}）：请交换或更正。`,
        en: `The planned start (${startDate}) is after the planned end (${endDate}): swap or correct them.`,
        path: 'endDate',
      });
      return hits;
    }
    for (const [field, value] of [
      ['startDate', startDate],
      ['endDate', endDate],
    ] as const) {
      if (value && Number(value.slice(0, 4)) !== year) {
        hits.push({
          zh: `${field === 'startDate' ? '计划开始日期' : '计划完成日期'}（${value}）不在 ${year} 年度内：年度绩效目标表的实施期应在预算年度内；跨年项目请填写本年度阶段的起止日期。`,
          en: `The planned ${field === 'startDate' ? 'start' : 'end'} (${value}) is outside ${year}: a yearly target table covers the budget year; for a multi-year project give this year's stage.`,
          path: field,
        });
      }
    }
    return hits;
  },
};

/** K04: last year's execution does not exceed last year's budget. */
export const priorExecutionWithinBudgetRule: Rule = {
  code: 'K04',
  category: 'consistency',
  severity: 'error',
  zh: '同名项目上年预算执行数不超过上年预算额',
  en: "Last year's execution does not exceed last year's budget",
  check({ table }) {
    const { priorYearBudget: budget, priorYearExecuted: executed } = table.budget;
    if (budget === null || budget === undefined || executed === null || executed === undefined) return [];
    if (executed <= budget) return [];
    return [
      {
        zh: `上年预算执行数（${yuan(executed)}元）大于上年预算额（${yuan(budget)}元）：请核对；若上年预算有调整，请填写调整后的预算额。`,
        en: `Last year's execution (${yuan(executed)} yuan) exceeds last year's budget (${yuan(budget)} yuan): check both; if the budget was adjusted, enter the adjusted amount.`,
        path: 'budget.priorYearExecuted',
      },
    ];
  },
};

/** K05: a repeating project (last year's budget given) states last year's execution, and vice versa. */
export const priorYearFiguresRule: Rule = {
  code: 'K05',
  category: 'consistency',
  needsWholeTable: true,
  severity: 'error',
  zh: '延续项目（填有上年预算额）同时填写上年预算执行数；新项目两项都可为空',
  en: "A repeating project (last year's budget given) also gives last year's execution; a new one may leave both empty",
  check({ table }) {
    const { priorYearBudget: budget, priorYearExecuted: executed } = table.budget;
    const has = (v: number | null | undefined) => v !== null && v !== undefined;
    if (has(budget) && !has(executed)) {
      return [
        {
          zh: '填写了同名项目上年预算额，却没有上年预算执行数：延续项目请填写上年实际执行金额。',
          en: "Last year's budget is given but last year's execution is not: a repeating project must state what it spent.",
          path: 'budget.priorYearExecuted',
        },
      ];
    }
    if (!has(budget) && has(executed)) {
      return [
        {
          zh: '填写了上年预算执行数，却没有同名项目上年预算额：请补充上年预算额。',
          en: "Last year's execution is given but last year's budget is not: add last year's budget.",
          path: 'budget.priorYearBudget',
        },
      ];
    }
    return [];
  },
};

/** K06: deadlines and periods in targets fall inside the project's plan (or the budget year). */
export const targetDatesRule: Rule = {
  code: 'K06',
  category: 'consistency',
  severity: 'warning',
  zh: '目标值中的日期或期间在项目实施期（或预算年度）内',
  en: "Dates and periods in targets fall inside the project's plan (or the budget year)",
  check({ table, indicators }) {
    const first = [table.startDate, `${table.year}-01-01`]
      .filter((d): d is string => !!d && ISO.test(d))
      .sort()[0];
    const last = [table.endDate, `${table.year}-12-31`]
      .filter((d): d is string => !!d && ISO.test(d))
      .sort()
      .at(-1);
    if (!first || !last) return [];
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      const t = f.indicator.target;
      const dates =
        t.kind === 'date' && t.date
          ? [t.date]
          : t.kind === 'period' && t.period
            ? [t.period.start, t.period.end]
            : [];
      // A month (2020-12) is inside when its month is: compare on the same length.
      const outside = dates.find((d) => d < first.slice(0, d.length) || d > last.slice(0, d.length));
      if (outside === undefined) continue;
      hits.push({
        zh: `指标「${f.indicator.name}」的目标日期（${t.raw.trim()}）不在项目实施期 ${first} 至 ${last} 内：请更正日期。`,
        en: `The date in the target of "${f.indicator.name}" (${t.raw.trim()}) is outside the plan ${first} to ${last}: correct it.`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

// ---------------------------------------------------------------------------------------------------
// K07: targets against the figures the narratives cite

/** How a narrative figure can be set beside a yearly target: planned for the year, or already achieved. */
type FigureUse = 'plan' | 'past';

const narrativeFields = ['overview', 'basis', 'necessity', 'safeguards', 'plan', 'goals'] as const;
// Fields that state what the project will do: a figure there is planned unless it says otherwise.
const planFields: ReadonlySet<keyof Narrative> = new Set(['plan', 'goals']);

function useOf(figure: NarrativeFigure, field: keyof Narrative, table: PerformanceTable): FigureUse | null {
  const use = planOrPast(figure, field, table.year);
  // A self-evaluation reports on the year (年度目标完成情况): what its narratives cite was achieved.
  return use !== null && table.kind === 'self-evaluation' ? 'past' : use;
}

function planOrPast(figure: NarrativeFigure, field: keyof Narrative, budgetYear: number): FigureUse | null {
  const { time } = figure;
  // A total since some date compares with a year's target only when it took a year or less.
  if (time.cumulative) return time.span !== null && time.span.months <= 12 ? 'past' : null;
  if (time.years.some((y) => y > budgetYear)) return null;
  if (time.lastYear) return 'past';
  if (figure.year !== null) {
    if (figure.year === budgetYear) return 'plan';
    // One earlier year's figure (2019年接待…) is what the project achieved in a year.
    return time.years.length === 1 ? 'past' : null;
  }
  return time.planned || planFields.has(field) ? 'plan' : null;
}

/** Weaker or stronger than the figure, by `ratio` (the larger over the smaller); `higher`: the target is above. */
type Verdict = { kind: 'weaker' | 'stronger' | 'differs'; ratio: number; higher: boolean };

/** How a target stands to a figure of the same measure; null when they agree. */
function compare(f: IndicatorFacts, q: Quantity, figure: NarrativeFigure, use: FigureUse): Verdict | null {
  const t = f.indicator.target;
  if (q.value <= 0 || figure.value <= 0) return null;
  const tolerance = Math.max(q.tolerance, figure.tolerance);
  const reverse = f.reverse || t.operator === '<=' || t.operator === '<';
  const low = figure.value - tolerance;
  const high = figure.value + tolerance;
  const top = q.upper ?? q.value;
  // Positive: the narrative cites more than twice what the table commits to. Reverse: the cap allows
  // more than twice what the narrative cites. A figure bounded the other way ("不超过…", "…余") says
  // nothing on that side.
  if (!reverse && figure.bound !== 'cap' && top * 2 < low)
    return { kind: 'weaker', ratio: figure.value / top, higher: false };
  if (reverse && figure.bound !== 'floor' && q.value > high * 2)
    return { kind: 'weaker', ratio: q.value / figure.value, higher: true };
  // What the project achieved before may well be outdone: only plans bound the target from above.
  if (use === 'past') return null;
  if (!reverse && figure.bound !== 'floor' && q.value > high * 2)
    return { kind: 'stronger', ratio: q.value / figure.value, higher: true };
  if (reverse && figure.bound !== 'cap' && top * 2 < low)
    return { kind: 'stronger', ratio: figure.value / top, higher: false };
  if (t.operator === '=' && q.upper === undefined) {
    const differs =
      (figure.bound === 'exact' && (q.value < low || q.value > high)) ||
      (figure.bound === 'floor' && q.value < low) ||
      (figure.bound === 'cap' && q.value > high);
    if (differs) return { kind: 'differs', ratio: 1, higher: q.value > figure.value };
  }
  return null;
}

// The figure's words name the indicator's measure: at least half of what the name says it measures.
// Units of one family that differ (人次 against 人) may count different things: then the narrative
// must name the indicator itself (参观人数近15000人次 for 参观人数).
function sameMeasure(
  f: IndicatorFacts,
  q: Quantity,
  nameWords: ReadonlySet<string>,
  figure: NarrativeFigure,
) {
  if (figure.family !== q.family) return false;
  if (figure.unit !== q.unit && !figure.context.includes(f.key)) return false;
  let shared = 0;
  for (const w of nameWords) if (figure.words.has(w)) shared++;
  return shared > 0 && shared * 2 >= nameWords.size;
}

// Indicator names recur across tables: their measure words are worked out once. Bounded.
const nameWordCache = new Map<string, ReadonlySet<string>>();

function nameWords(name: string): ReadonlySet<string> {
  let words = nameWordCache.get(name);
  if (words === undefined) {
    words = measureBigrams(name);
    if (nameWordCache.size > 50_000) nameWordCache.clear();
    nameWordCache.set(name, words);
  }
  return words;
}

function times(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1).replace(/\.0$/, '');
}

interface Cited {
  figure: NarrativeFigure;
  field: keyof Narrative;
  use: FigureUse;
  /** Some target agrees with the figure: it is that target's, not a contradiction of another. */
  agreed: boolean;
}

function zhMonth(iso: string): string {
  const [y, m] = iso.split('-');
  return m === undefined ? `${y}年` : `${y}年${Number(m)}月`;
}

// When an achieved figure holds: over a span, last year, in a named year; null when the text does not say.
function achievedWhen(figure: NarrativeFigure): { zh: string; en: string } | null {
  const { span, lastYear } = figure.time;
  if (span !== null) {
    return {
      zh: `${zhMonth(span.from)}至${zhMonth(span.to)}共 ${span.months} 个月，`,
      en: `in ${span.months} months, ${span.from} to ${span.to}, `,
    };
  }
  if (lastYear) return { zh: '上年，', en: 'last year, ' };
  if (figure.year !== null) return { zh: `${figure.year}年，`, en: `in ${figure.year}, ` };
  return null;
}

function message(f: IndicatorFacts, cited: Cited, verdict: Verdict): RuleHit {
  const { figure, field, use } = cited;
  const [label, labelEn] = narrativeNames[field];
  const name = f.indicator.name;
  const raw = f.indicator.target.raw.trim();
  const n = times(verdict.ratio);
  const zhQuote = `原文：“${figure.sentence}”`;
  const enQuote = `it reads “${figure.sentence}”`;
  const zhRelation = verdict.higher ? '远高于' : '远低于';
  const enRelation = verdict.higher ? 'far above' : 'far below';
  const zhFactor = verdict.higher ? `目标约为说明中数字的 ${n} 倍` : `说明中的数字约为目标的 ${n} 倍`;
  const enFactor = verdict.higher
    ? `the target is ${n} times the narrative's figure`
    : `the narrative's figure is ${n} times the target`;
  let zh: string;
  let en: string;
  if (verdict.kind === 'differs') {
    zh = `指标「${name}」的目标值「${raw}」与${label}中写明的「${figure.text}」不一致（${zhQuote}）：请统一目标值与说明中的数字。`;
    en = `The target of "${name}" (${raw}) differs from the "${figure.text}" the ${labelEn} states (${enQuote}): make the target and the narrative agree.`;
  } else if (use === 'past') {
    // Only a weaker target is reported against what was achieved: a lower floor, or a higher cap.
    const when = achievedWhen(figure);
    zh = `指标「${name}」的目标值「${raw}」${zhRelation}${label}中已经达到的「${figure.text}」（${when?.zh ?? ''}${zhFactor}；${zhQuote}）：请按已达到的水平${verdict.higher ? '收紧' : '提高'}目标值；若二者口径不同，请在说明中写明。`;
    en = `The target of "${name}" (${raw}) is ${enRelation} the "${figure.text}" the ${labelEn} says was already achieved (${when?.en ?? ''}${enFactor}; ${enQuote}): ${verdict.higher ? 'tighten' : 'raise'} the target to the level reached, or say in the narrative why the measures differ.`;
  } else {
    zh = `指标「${name}」的目标值「${raw}」${zhRelation}${label}中计划的「${figure.text}」（${zhFactor}；${zhQuote}）：请调整目标值或修改说明，使二者一致。`;
    en = `The target of "${name}" (${raw}) is ${enRelation} the "${figure.text}" the ${labelEn} plans (${enFactor}; ${enQuote}): change the target or the narrative so that they agree.`;
  }
  return { zh, en, path: `indicators.${f.index}.target`, indicatorIndex: f.index };
}

/**
 * K07: a target agrees with the figures the narratives cite for the same measure (unit and measure
 * words of the name). A figure planned for the year binds the target both ways (more than twice or
 * less than half, or another value for an exact target); one already achieved in a year or less
 * binds it from below. A target any figure agrees with, or a figure any target agrees with, is sound.
 */
export const narrativeFiguresRule: Rule = {
  code: 'K07',
  category: 'consistency',
  severity: 'warning',
  zh: '指标目标值与文字说明中同一指标的数字相符（不低于已达到的水平，与计划数一致）',
  en: 'Targets agree with the figures the narratives cite for the same measure (planned, or already achieved)',
  check({ table, indicators }) {
    // Most narratives cite no comparable figure: read them first (cached per text) and stop early.
    const cited: Cited[] = [];
    for (const field of narrativeFields) {
      const text = table.narrative[field];
      if (!text) continue;
      for (const figure of narrativeFigures(text)) {
        const use = useOf(figure, field, table);
        if (use !== null) cited.push({ figure, field, use, agreed: false });
      }
    }
    if (cited.length === 0) return [];
    // A figure some target agrees with belongs to that target; a target some figure of the same use
    // agrees with is what that kind of figure says. Either way, other pairings are wrong matches.
    let conflicts: { f: IndicatorFacts; cited: Cited; verdict: Verdict }[] | null = null;
    for (const f of indicators) {
      const target = f.indicator.target;
      if (target.kind !== 'quantitative' || target.unit === null) continue;
      const q = targetQuantity(target);
      if (q === null || !cited.some((c) => c.figure.family === q.family)) continue;
      const words = nameWords(f.indicator.name);
      if (words.size === 0) continue;
      let agreedPlan = false;
      let agreedPast = false;
      let mine: { f: IndicatorFacts; cited: Cited; verdict: Verdict }[] | null = null;
      for (const c of cited) {
        if (!sameMeasure(f, q, words, c.figure)) continue;
        const verdict = compare(f, q, c.figure, c.use);
        if (verdict === null) {
          c.agreed = true;
          if (c.use === 'plan') agreedPlan = true;
          else agreedPast = true;
        } else {
          mine ??= [];
          mine.push({ f, cited: c, verdict });
        }
      }
      if (mine === null) continue;
      // Several planned figures of one measure are parts of the year (1-4月建成30个，5-8月…): their sum
      // is what the plan says, and it is held to the same factor of two.
      if (!agreedPlan && mine.length > 1) {
        let sum = 0;
        for (const m of mine) if (m.cited.use === 'plan') sum += m.cited.figure.value;
        if (sum > 0 && q.value <= sum * 2 + q.tolerance && sum <= q.value * 2 + q.tolerance)
          agreedPlan = true;
      }
      for (const m of mine) {
        if (m.cited.use === 'plan' ? agreedPlan : agreedPast) continue;
        conflicts ??= [];
        conflicts.push(m);
      }
    }
    if (conflicts === null) return [];
    // A figure several indicators would contradict is their total (惠及困难残疾人和重度残疾人1.1万人
    // beside one target for each group) or names none of them clearly: it is left out.
    const contradicted = new Map<Cited, IndicatorFacts>();
    const shared = new Set<Cited>();
    for (const c of conflicts) {
      const other = contradicted.get(c.cited);
      if (other === undefined) contradicted.set(c.cited, c.f);
      else if (other !== c.f) shared.add(c.cited);
    }
    const hits: RuleHit[] = [];
    let last: IndicatorFacts | null = null;
    for (const c of conflicts) {
      // One finding per indicator: its first figure that no other indicator accounts for.
      if (c.cited.agreed || shared.has(c.cited) || c.f === last) continue;
      last = c.f;
      hits.push(message(c.f, c.cited, c.verdict));
    }
    return hits;
  },
};

export const consistencyRules: readonly Rule[] = [
  currentWithinTotalRule,
  overviewAmountRule,
  planDatesRule,
  priorExecutionWithinBudgetRule,
  priorYearFiguresRule,
  targetDatesRule,
  narrativeFiguresRule,
];
