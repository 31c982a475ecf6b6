import Big from 'big.js';
import { AppError } from '../errors/app-error.ts';
import type { Indicator, PerformanceTable } from '../tables/table.schema.ts';
import type { Target } from '../targets/target.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';
import { compareClaim } from './compare-claim.ts';
import { allocate, formatCents, formatNumber, mulDiv } from './exact-decimal.ts';
import type { GradeBand, ScoringCategory, ScoringScheme } from './scoring-scheme.schema.ts';
import type {
  IndicatorActual,
  ScoreExplanation,
  ScoreLine,
  ScoreNote,
  ScoreStatus,
  SelfEvaluationEntry,
  SelfEvaluationScore,
} from './self-evaluation.schema.ts';

// Scores are kept as whole "cents" of a point (10^-decimals) so that sums are exact integers and the
// total can never drift above 100 through rounding; weights are split with the largest-remainder rule.

interface Unit {
  /** 10^decimals: cents per point. */
  scale: number;
  decimals: number;
}

const fmt = formatNumber;

/** Money in a formula reads as printed: 39,865,661 ÷ 41,098,620. */
function money(n: number): string {
  const [whole = '', fraction] = formatNumber(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const BAND_EN: Record<GradeBand, string> = {
  达成: 'achieved',
  部分达成: 'partly achieved',
  未达成: 'not achieved',
};

function points(cents: number, unit: Unit): number {
  return cents / unit.scale;
}

function pointsText(cents: number, unit: Unit): string {
  return formatCents(cents, unit.decimals);
}

/** `w × num ÷ den` in cents, rounded half-up and clamped into [0, w]. */
function proportion(w: number, num: number, den: number): number {
  return Math.min(w, Math.max(0, mulDiv(w, num, den)));
}

// Patterns compiled once per scheme object: scoring runs over whole regions at a time.
const COMPILED_PATTERNS = new WeakMap<ScoringScheme, { category: ScoringCategory; re: RegExp }[]>();

/** Which category (产出/效益/满意度) an indicator counts towards under the scheme. */
export function categoryOf(
  indicator: Pick<Indicator, 'level1' | 'level2'>,
  scheme: ScoringScheme,
): ScoringCategory {
  let compiled = COMPILED_PATTERNS.get(scheme);
  if (!compiled) {
    compiled = scheme.categoryPatterns.map(({ category, pattern }) => ({
      category,
      re: new RegExp(pattern),
    }));
    COMPILED_PATTERNS.set(scheme, compiled);
  }
  for (const level of [indicator.level1, indicator.level2]) {
    if (!level) continue;
    for (const { category, re } of compiled) {
      if (re.test(level)) return category;
    }
  }
  return scheme.fallbackCategory;
}

interface WeightPlan {
  cents: number[];
  notes: ScoreNote[];
  /** Rows without a printed weight among rows with one (其中… sub-items): shown, not scored. */
  unweighted: boolean[];
  /** How the weights came about, for the explanation of each row. */
  source: 'printed' | 'split';
}

/**
 * Weights of the indicators in cents. Printed per-indicator weights are used as given (a form may
 * print totals other than the scheme's; that is noted, not "corrected"); rows printed without a
 * weight among rows with one (其中… sub-items) are shown but not scored. Only when no row prints a
 * weight, or the entry overrides the split, does the category split apply. Indicators that do not
 * apply get 0 and the others are rescaled so the total stays the same.
 */
function planWeights(
  indicators: Indicator[],
  applicable: boolean[],
  categories: ScoringCategory[],
  entry: SelfEvaluationEntry,
  scheme: ScoringScheme,
  unit: Unit,
): WeightPlan {
  const notes: ScoreNote[] = [];
  const indicatorPoints = 100 - scheme.executionWeight;
  const hasOwn = indicators.map((i) => typeof i.weight === 'number');
  const noneUnweighted = indicators.map(() => false);
  if (hasOwn.some(Boolean) && !entry.categoryWeights) {
    const given = indicators.map((i) =>
      typeof i.weight === 'number' ? Math.round(i.weight * unit.scale) : 0,
    );
    const totalCents = given.reduce((a, b) => a + b, 0);
    if (totalCents !== indicatorPoints * unit.scale) {
      notes.push({
        code: 'scoring.weights_total',
        severity: 'hint',
        zh: `指标分值合计 ${pointsText(totalCents, unit)} 分，不等于评分办法的 ${indicatorPoints} 分；按填报的分值计分。`,
        en: `Indicator weights add up to ${pointsText(totalCents, unit)}, not the scheme's ${indicatorPoints}; scored with the weights as given.`,
        path: 'indicators',
      });
    }
    const unweighted = hasOwn.map((own) => !own);
    const missing = unweighted.filter(Boolean).length;
    if (missing > 0) {
      notes.push({
        code: 'scoring.weights_missing',
        severity: 'hint',
        zh: `${missing} 个指标（如“其中…”分项）未印分值：列示，不计分；其余指标按印刷分值计分。`,
        en: `${missing} indicator(s) (such as 其中… sub-items) print no weight: shown, not scored; the others keep their printed weights.`,
        path: 'indicators',
      });
    }
    if (applicable.every(Boolean)) return { cents: given, notes, unweighted, source: 'printed' };
    return {
      cents: allocate(
        totalCents,
        given.map((w, i) => (applicable[i] ? w : 0)),
      ),
      notes,
      unweighted,
      source: 'printed',
    };
  }
  const split = entry.categoryWeights ?? scheme.categoryWeights;
  const splitTotal = Object.values(split).reduce((a, b) => a + b, 0);
  if (Math.abs(splitTotal - indicatorPoints) > 1e-9) {
    throw new AppError(
      'scoring.category_weights_total',
      `产出、效益、满意度分值合计应为 ${indicatorPoints} 分，实为 ${fmt(splitTotal)} 分。`,
      `Category weights must add up to ${indicatorPoints}, not ${fmt(splitTotal)}.`,
      { path: 'categoryWeights' },
    );
  }
  // Categories without any applicable indicator pass their points on (rescaled over the others),
  // then each category's points are shared evenly by its indicators.
  const keys = Object.keys(split) as ScoringCategory[];
  const members = new Map<ScoringCategory, number[]>(keys.map((k) => [k, []]));
  categories.forEach((c, i) => {
    if (applicable[i]) members.get(c)?.push(i);
  });
  const categoryCents = allocate(
    indicatorPoints * unit.scale,
    keys.map((k) => ((members.get(k)?.length ?? 0) > 0 ? Math.round(split[k] * unit.scale) : 0)),
  );
  const cents = indicators.map(() => 0);
  keys.forEach((k, ki) => {
    const list = members.get(k) ?? [];
    const shares = allocate(
      categoryCents[ki] ?? 0,
      list.map(() => 1),
    );
    list.forEach((i, j) => {
      cents[i] = shares[j] ?? 0;
    });
  });
  return { cents, notes, unweighted: noneUnweighted, source: 'split' };
}

/**
 * A sentence on the row's weight when it is not the printed one: missing (split by category), replaced
 * by the entry's split, or rescaled because other rows do not apply. Null when the printed weight holds.
 */
function weightSentence(
  printed: number | null | undefined,
  cents: number,
  plan: WeightPlan,
  unit: Unit,
): { zh: string; en: string } | null {
  const w = pointsText(cents, unit);
  if (typeof printed !== 'number') {
    return {
      zh: `表上未印分值，按评分办法的产出/效益/满意度分配为 ${w} 分。`,
      en: `No weight printed: ${w} from the scheme's output/outcome/satisfaction split.`,
    };
  }
  if (Math.round(printed * unit.scale) === cents) return null;
  const p = fmt(printed);
  return plan.source === 'split'
    ? {
        zh: `印刷分值 ${p} 分已按本表的产出/效益/满意度分配替换为 ${w} 分。`,
        en: `The printed weight ${p} was replaced by ${w} from this table's category split.`,
      }
    : {
        zh: `印刷分值 ${p} 分因不适用指标按比例折算为 ${w} 分。`,
        en: `The printed weight ${p} was rescaled to ${w} because other indicators do not apply.`,
      };
}

function withSentence(explanation: ScoreExplanation, sentence: { zh: string; en: string } | null) {
  if (!sentence) return explanation;
  return {
    formula: explanation.formula,
    zh: `${explanation.zh}${sentence.zh}`,
    en: `${explanation.en} ${sentence.en}`,
  };
}

/** The band a score (in cents, out of `w` cents) falls in, best band first; null when in none. */
export function bandOfCents(cents: number, w: number, scheme: ScoringScheme): GradeBand | null {
  for (const band of BANDS) {
    const b = scheme.qualitativeBands[band];
    if (cents >= mulDiv(w, b.min, 1, 'up') && cents <= mulDiv(w, b.max, 1, 'down')) return band;
  }
  return null;
}

const BANDS: readonly GradeBand[] = ['达成', '部分达成', '未达成'];

function missingActual(actual: string | null | undefined): boolean {
  return (
    actual === null || actual === undefined || actual.trim() === '' || /^[/\\\-—–]+$/.test(actual.trim())
  );
}

interface Scored {
  cents: number;
  status: ScoreStatus;
  explanation: ScoreExplanation;
}

function explain(formula: string, zh: string, en: string): ScoreExplanation {
  return { formula, zh, en };
}

/** Scores an indicator with a numeric target and a numeric actual value. */
function scoreQuantity(
  target: Target,
  a: number,
  reverse: boolean,
  w: number,
  scheme: ScoringScheme,
  unit: Unit,
) {
  const v = target.value ?? 0;
  const wp = pointsText(w, unit);
  const op = target.operator;
  const full = (zh: string, en: string): Scored => ({
    cents: w,
    status: 'met',
    explanation: explain(`${fmt(a)} ${reverse ? '≤' : '≥'} ${fmt(v)} → ${wp}`, zh, en),
  });
  if (target.upper !== undefined) {
    const upper = target.upper;
    if (a >= v && a <= upper) {
      return full(
        `实际值 ${fmt(a)} 在目标区间 ${fmt(v)}–${fmt(upper)} 内，得满分 ${wp}。`,
        `Actual ${fmt(a)} is within ${fmt(v)}–${fmt(upper)}: full ${wp}.`,
      );
    }
    const below = a < v;
    const cents = below ? (v === 0 ? 0 : proportion(w, a, v)) : proportion(w, upper, a);
    const s = pointsText(cents, unit);
    return {
      cents,
      status: 'unmet' as const,
      explanation: below
        ? explain(
            `${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}`,
            `实际值低于目标区间：得分 = 分值 × 实际值 ÷ 下限 = ${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}。`,
            `Below the range: weight × actual ÷ lower bound = ${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}.`,
          )
        : explain(
            `${wp} × ${fmt(upper)} ÷ ${fmt(a)} = ${s}`,
            `实际值高于目标区间：得分 = 分值 × 上限 ÷ 实际值 = ${wp} × ${fmt(upper)} ÷ ${fmt(a)} = ${s}。`,
            `Above the range: weight × upper bound ÷ actual = ${wp} × ${fmt(upper)} ÷ ${fmt(a)} = ${s}.`,
          ),
    };
  }
  // A target of zero (`=0`, `<=0`: no accidents, no complaints): all or nothing.
  if (v === 0 && (op === '=' || op === '<=' || op === null || reverse)) {
    const met = op === '<' ? a < 0 : a <= 0;
    return {
      cents: met ? w : 0,
      status: met ? ('met' as const) : ('unmet' as const),
      explanation: explain(
        `${fmt(a)} ${met ? '≤' : '>'} 0 → ${met ? wp : pointsText(0, unit)}`,
        met
          ? `目标值为 0，实际值 ${fmt(a)} 未超过 0，得满分 ${wp}。`
          : `目标值为 0，实际值 ${fmt(a)} 大于 0，得 0 分。`,
        met
          ? `Target is 0 and the actual ${fmt(a)} does not exceed it: full ${wp}.`
          : `Target is 0 and the actual ${fmt(a)} exceeds it: 0.`,
      ),
    };
  }
  if (reverse) {
    const met = op === '<' ? a < v : a <= v;
    if (met) {
      return full(
        `反向指标：实际值 ${fmt(a)} 不高于目标值 ${fmt(v)}，得满分 ${wp}。`,
        `Reverse indicator: actual ${fmt(a)} does not exceed the target ${fmt(v)}: full ${wp}.`,
      );
    }
    // Below-zero targets or actuals have no meaningful proportion: a miss scores nothing.
    if (v <= 0 || a <= 0) {
      return {
        cents: 0,
        status: 'unmet' as const,
        explanation: explain(
          `${fmt(a)} > ${fmt(v)} → 0`,
          `反向指标未达标（目标值 ${fmt(v)}，实际值 ${fmt(a)}），无法按比例计分，得 0 分。`,
          `Reverse indicator missed (target ${fmt(v)}, actual ${fmt(a)}) with no usable proportion: 0.`,
        ),
      };
    }
    if (scheme.reverseDecline === 'linear') {
      // w × (1 − (a − v) ÷ v) = w × (2v − a) ÷ v, with 2v − a taken exactly.
      const cents = proportion(w, Number(new Big(v).times(2).minus(a).toFixed()), v);
      const s = pointsText(cents, unit);
      return {
        cents,
        status: 'unmet' as const,
        explanation: explain(
          `${wp} × (1 − (${fmt(a)} − ${fmt(v)}) ÷ ${fmt(v)}) = ${s}`,
          `反向指标未达标（线性递减，实际值达目标值 2 倍时为 0）：得分 = 分值 × (1 − (实际值 − 目标值) ÷ 目标值) = ${wp} × (1 − (${fmt(a)} − ${fmt(v)}) ÷ ${fmt(v)}) = ${s}。`,
          `Reverse indicator missed (linear decline, 0 at twice the target): weight × (1 − (actual − target) ÷ target) = ${wp} × (1 − (${fmt(a)} − ${fmt(v)}) ÷ ${fmt(v)}) = ${s}.`,
        ),
      };
    }
    const cents = proportion(w, v, a);
    const s = pointsText(cents, unit);
    return {
      cents,
      status: 'unmet' as const,
      explanation: explain(
        `${wp} × ${fmt(v)} ÷ ${fmt(a)} = ${s}`,
        `反向指标未达标：得分 = 分值 × 目标值 ÷ 实际值 = ${wp} × ${fmt(v)} ÷ ${fmt(a)} = ${s}。`,
        `Reverse indicator missed: weight × target ÷ actual = ${wp} × ${fmt(v)} ÷ ${fmt(a)} = ${s}.`,
      ),
    };
  }
  const met = op === '>' ? a > v : a >= v;
  if (met) {
    return full(
      a > v && op !== '>'
        ? `实际值 ${fmt(a)} 超过目标值 ${fmt(v)}，得满分 ${wp}（超额完成不加分）。`
        : `实际值 ${fmt(a)} 达到目标值 ${fmt(v)}，得满分 ${wp}。`,
      a > v && op !== '>'
        ? `Actual ${fmt(a)} exceeds the target ${fmt(v)}: full ${wp} (never more than the weight).`
        : `Actual ${fmt(a)} meets the target ${fmt(v)}: full ${wp}.`,
    );
  }
  const cents = v > 0 ? proportion(w, a, v) : 0;
  const s = pointsText(cents, unit);
  return {
    cents,
    status: 'unmet' as const,
    explanation: explain(
      `${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}`,
      `正向指标未达标：得分 = 分值 × 实际值 ÷ 目标值 = ${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}。`,
      `Positive indicator missed: weight × actual ÷ target = ${wp} × ${fmt(a)} ÷ ${fmt(v)} = ${s}.`,
    ),
  };
}

function bandRange(band: GradeBand, w: number, scheme: ScoringScheme, unit: Unit) {
  const b = scheme.qualitativeBands[band];
  const lo = mulDiv(w, b.min, 1, 'up');
  const hi = mulDiv(w, b.max, 1, 'down');
  return {
    lo,
    hi,
    zh: `分值的 ${fmt(b.min * 100)}%–${fmt(b.max * 100)}%，即 ${pointsText(lo, unit)}–${pointsText(hi, unit)} 分`,
    en: `${fmt(b.min * 100)}–${fmt(b.max * 100)}% of the weight, ${pointsText(lo, unit)}–${pointsText(hi, unit)}`,
  };
}

/**
 * Scores an indicator that needs a reviewer's grade within the scheme's bands. Without a grade, the
 * unit's own claimed score (`claimed`, in cents) stands for it when it falls in a band, so an imported
 * 自评表 keeps comparable totals; the explanation names the band and that a reviewer decides.
 */
function scoreByGrade(
  entry: IndicatorActual | undefined,
  index: number,
  w: number,
  why: { zh: string; en: string },
  scheme: ScoringScheme,
  unit: Unit,
  claimed: number | null,
): Scored {
  const wp = pointsText(w, unit);
  const grade = entry?.grade;
  if (!grade) {
    const band = claimed === null ? null : bandOfCents(claimed, w, scheme);
    if (claimed !== null && band !== null) {
      const range = bandRange(band, w, scheme, unit);
      const s = pointsText(claimed, unit);
      return {
        cents: claimed,
        status: 'graded',
        explanation: explain(
          `${band} ${range.lo === range.hi ? pointsText(range.lo, unit) : `${pointsText(range.lo, unit)}–${pointsText(range.hi, unit)}`} → ${s}`,
          `${why.zh}；采用单位自评得分 ${s} 分，落在“${band}”档（${range.zh}），由审核人判断。`,
          `${why.en}; the unit's own ${s} is taken, in the "${BAND_EN[band]}" (${band}) band (${range.en}); the reviewer judges.`,
        ),
      };
    }
    return {
      cents: 0,
      status: 'needs_grade',
      explanation: explain(
        `? / ${wp}`,
        `${why.zh}，须由审核人按“达成/部分达成/未达成”评分（满分 ${wp}）。`,
        `${why.en}; a reviewer grades it as achieved / partly / not achieved (out of ${wp}).`,
      ),
    };
  }
  const range = bandRange(grade.band, w, scheme, unit);
  const cents = mulDiv(unit.scale, grade.score, 1);
  if (cents < range.lo || cents > range.hi) {
    throw new AppError(
      'scoring.grade_out_of_band',
      `“${grade.band}”的得分应在 ${pointsText(range.lo, unit)}–${pointsText(range.hi, unit)} 分之间，填报为 ${fmt(grade.score)} 分。`,
      `A "${BAND_EN[grade.band]}" (${grade.band}) score must lie between ${pointsText(range.lo, unit)} and ${pointsText(range.hi, unit)}, got ${fmt(grade.score)}.`,
      { path: `indicators.${index}.grade.score` },
    );
  }
  const s = pointsText(cents, unit);
  return {
    cents,
    status: 'graded',
    explanation: explain(
      `${grade.band} ${pointsText(range.lo, unit)}–${pointsText(range.hi, unit)} → ${s}`,
      `${why.zh}；审核人评定为“${grade.band}”（${range.zh}），得 ${s} 分。`,
      `${why.en}; graded "${BAND_EN[grade.band]}" (${grade.band}) by the reviewer (${range.en}): ${s}.`,
    ),
  };
}

/** 其中… rows break a weighted row down; they print no weight of their own. */
const SUB_ITEM_PATTERN = /^\s*其中/;

const SUB_ITEM: ScoreExplanation = {
  formula: '—',
  zh: '其中项（上一行的分项），未印分值：列示，不计分。',
  en: 'A sub-item (其中…) of the row above with no weight printed: shown, not scored.',
};

const NO_WEIGHT: ScoreExplanation = {
  formula: '—',
  zh: '表上未印该指标的分值（其余指标印有分值）：列示，不计分。',
  en: 'No weight printed for this indicator while the others have one: shown, not scored.',
};

/** The unit's claimed score of each indicator in cents (null where none), when the entry carries a claim. */
function claimedScores(entry: SelfEvaluationEntry, count: number, unit: Unit): (number | null)[] | null {
  if (!entry.claim) return null;
  const out: (number | null)[] = new Array(count).fill(null);
  for (const row of entry.claim.rows) {
    if (row.index < count && typeof row.score === 'number' && row.score >= 0) {
      out[row.index] = mulDiv(unit.scale, row.score, 1);
    }
  }
  return out;
}

const NOT_APPLICABLE: ScoreExplanation = {
  formula: 'n/a',
  zh: '不适用：不计分，其余指标按比例折算。',
  en: 'Not applicable: dropped, the other indicators are rescaled.',
};

/** Reads an entered actual value: a number (with unit) or a date, via the target grammar. */
const PLAIN_QUANTITY = /^\s*(-?\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fa5A-Za-z]{1,4})?\s*$/;
const NOT_A_UNIT = /[以之及内前后底末止至到年月日号]/;
const PLAIN_DATE = /^\s*(\d{4})(?:年|-)(\d{1,2})(?:月|-)(\d{1,2})日?\s*$/;

function plainDate(text: string): string | null {
  const m = PLAIN_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function readActual(actual: string): Target {
  // Fast path for the usual `96%` / `120个`; everything else goes through the full target grammar.
  const m = PLAIN_QUANTITY.exec(actual);
  if (m?.[1] !== undefined && (m[2] === undefined || !NOT_A_UNIT.test(m[2]))) {
    const unit = m[2] === undefined ? null : m[2] === '百分比' ? '%' : m[2];
    return { raw: actual, kind: 'quantitative', operator: null, value: Number(m[1]), unit };
  }
  const date = plainDate(actual);
  if (date !== null) return { raw: actual, kind: 'date', operator: null, value: null, unit: null, date };
  return parseTarget(actual.replace(/^(实际|完成|达到)[:：]?/, ''));
}

/**
 * When an actual written as a date or a span (`2019年11月`, `2019年`) says the work was done by `end`
 * (a period target's last month or day): the actual's own end, else null (later, or not a time).
 */
function finishedWithin(actual: Target, end: string): string | null {
  const done =
    actual.kind === 'date' ? actual.date : actual.kind === 'period' ? actual.period?.end : undefined;
  if (!done) return null;
  const n = Math.min(done.length, end.length);
  return done.slice(0, n) <= end.slice(0, n) ? done : null;
}

function scoreIndicator(
  indicator: Indicator,
  index: number,
  entry: IndicatorActual | undefined,
  w: number,
  scheme: ScoringScheme,
  unit: Unit,
  notes: ScoreNote[],
  claimed: number | null,
): Scored {
  const target = indicator.target;
  const actualText = entry?.actual ?? null;
  if (target.kind === 'missing' || target.kind === 'placeholder') {
    return scoreByGrade(
      entry,
      index,
      w,
      { zh: '指标未填目标值', en: 'The indicator has no target value' },
      scheme,
      unit,
      claimed,
    );
  }
  if (target.kind === 'period' && target.period && !missingActual(actualText)) {
    const done = finishedWithin(readActual(actualText ?? ''), target.period.end);
    if (done !== null) {
      return {
        cents: w,
        status: 'met',
        explanation: explain(
          `${done} ≤ ${target.period.end} → ${pointsText(w, unit)}`,
          `于 ${done} 完成，在 ${target.raw.trim()} 之内，得满分 ${pointsText(w, unit)}。`,
          `Done by ${done}, within ${target.raw.trim()}: full ${pointsText(w, unit)}.`,
        ),
      };
    }
  }
  if (target.kind === 'qualitative' || target.kind === 'period') {
    const zh =
      target.kind === 'qualitative' ? `定性指标（${target.raw.trim()}）` : `时段指标（${target.raw.trim()}）`;
    const en = target.kind === 'qualitative' ? 'Qualitative indicator' : 'Period target';
    return scoreByGrade(entry, index, w, { zh, en }, scheme, unit, claimed);
  }
  if (missingActual(actualText)) {
    if (entry?.grade) {
      return scoreByGrade(
        entry,
        index,
        w,
        { zh: '未填实际完成值', en: 'No actual value' },
        scheme,
        unit,
        claimed,
      );
    }
    return {
      cents: 0,
      status: 'missing_actual',
      explanation: explain(
        `— → 0 / ${pointsText(w, unit)}`,
        '未填写实际完成值，暂得 0 分。',
        'No actual value entered: 0 for now.',
      ),
    };
  }
  const actual = readActual(actualText ?? '');
  if (target.kind === 'date') {
    if (actual.kind === 'date' && actual.date && target.date) {
      const met = actual.date.slice(0, target.date.length) <= target.date;
      if (met) {
        return {
          cents: w,
          status: 'met',
          explanation: explain(
            `${actual.date} ≤ ${target.date} → ${pointsText(w, unit)}`,
            `于 ${actual.date} 完成，不晚于 ${target.date}，得满分 ${pointsText(w, unit)}。`,
            `Done on ${actual.date}, not later than ${target.date}: full ${pointsText(w, unit)}.`,
          ),
        };
      }
    }
    return scoreByGrade(
      entry,
      index,
      w,
      { zh: `时间指标（${target.raw.trim()}）未按期或无法判定`, en: 'Deadline missed or not readable' },
      scheme,
      unit,
      claimed,
    );
  }
  if (actual.kind !== 'quantitative' || actual.value === null) {
    return scoreByGrade(
      entry,
      index,
      w,
      { zh: `实际完成值“${actualText}”不是数值`, en: `The actual "${actualText}" is not a number` },
      scheme,
      unit,
      claimed,
    );
  }
  if (actual.unit && target.unit && actual.unit !== target.unit) {
    notes.push({
      code: 'scoring.unit_mismatch',
      severity: 'warning',
      zh: `实际完成值单位“${actual.unit}”与目标值单位“${target.unit}”不同，请核对。`,
      en: `The actual's unit "${actual.unit}" differs from the target's "${target.unit}".`,
      path: `indicators.${index}.actual`,
    });
  }
  const reverse =
    indicator.direction === '反向' ||
    (indicator.direction == null && (target.operator === '<=' || target.operator === '<'));
  return scoreQuantity(target, actual.value, reverse, w, scheme, unit);
}

/** The grade a total earns under the scheme's bands. */
export function gradeOf(total: number, scheme: ScoringScheme): SelfEvaluationScore['grade'] {
  const last = scheme.grades[scheme.grades.length - 1];
  for (const g of scheme.grades) {
    if (g === last) break;
    if (scheme.gradeBoundInclusive === 'lower' ? total >= g.min : total > g.min) return g.grade;
  }
  return last?.grade ?? '差';
}

function scoreExecution(entry: SelfEvaluationEntry, scheme: ScoringScheme, unit: Unit, notes: ScoreNote[]) {
  const w = Math.round(scheme.executionWeight * unit.scale);
  const wp = pointsText(w, unit);
  const { adjusted, executed } = entry.budget;
  if (adjusted == null || executed == null || adjusted <= 0) {
    return {
      rate: null,
      cents: 0,
      status: 'missing_actual' as const,
      explanation: explain(
        `— → 0 / ${wp}`,
        '缺少调整后预算数或执行数，预算执行率暂得 0 分。',
        'Adjusted budget or spending missing: execution scores 0 for now.',
      ),
    };
  }
  // Money in whole 分, so the rate and the score are exact fractions of integers.
  const spent = Math.round(executed * 100);
  const budget = Math.round(adjusted * 100);
  const cents = Math.min(w, Math.max(0, mulDiv(w, spent, budget)));
  const pct = formatCents(mulDiv(10_000, spent, budget), 2).replace(/\.?0+$/, '');
  if (mulDiv(budget, scheme.executionReasonBelow, 1, 'up') > spent && !entry.budget.reason?.trim()) {
    notes.push({
      code: 'scoring.execution_reason_missing',
      severity: 'warning',
      zh: `预算执行率 ${pct}% 低于 ${fmt(scheme.executionReasonBelow * 100)}%，须说明原因。`,
      en: `Execution rate ${pct}% is below ${fmt(scheme.executionReasonBelow * 100)}%: a reason is required.`,
      path: 'budget.reason',
    });
  }
  const s = pointsText(cents, unit);
  return {
    rate: mulDiv(1_000_000, spent, budget) / 1_000_000,
    cents,
    status: spent >= budget ? ('met' as const) : ('unmet' as const),
    explanation: explain(
      `min(${fmt(executed)} ÷ ${fmt(adjusted)}, 100%) × ${wp} = ${s}`,
      `预算执行率 = 执行数 ÷ 调整后预算数 = ${money(executed)} ÷ ${money(adjusted)} = ${pct}%；得分 = min(执行率, 100%) × ${wp} = ${s}。`,
      `Execution rate = spent ÷ adjusted budget = ${money(executed)} ÷ ${money(adjusted)} = ${pct}%; score = min(rate, 100%) × ${wp} = ${s}.`,
    ),
  };
}

function applyAdjustment(
  line: ScoreLine,
  adjustedScore: number,
  reason: string,
  path: string,
  unit: Unit,
): ScoreLine {
  const cents = mulDiv(unit.scale, adjustedScore, 1);
  const w = Math.round(line.weight * unit.scale);
  if (cents < 0 || cents > w) {
    throw new AppError(
      'scoring.adjustment_out_of_range',
      `调整后的得分应在 0 到 ${pointsText(w, unit)} 分之间。`,
      `An adjusted score must lie between 0 and ${pointsText(w, unit)}.`,
      { path },
    );
  }
  return { ...line, score: points(cents, unit), adjustment: { score: points(cents, unit), reason } };
}

/**
 * Scores a year-end self-evaluation of `table` with `scheme`: 预算执行率 plus every indicator, each
 * with its formula and numbers; then reviewers' adjustments; total and grade.
 * Throws AppError (`scoring.*`) for entries that contradict the scheme (grade outside its band …).
 */
export function scoreSelfEvaluation(
  table: PerformanceTable,
  entry: SelfEvaluationEntry,
  scheme: ScoringScheme,
): SelfEvaluationScore {
  const unit: Unit = { decimals: scheme.decimals, scale: 10 ** scheme.decimals };
  const notes: ScoreNote[] = [];
  const byIndex = new Map<number, IndicatorActual>();
  for (const e of entry.indicators) {
    if (e.index >= table.indicators.length) {
      throw new AppError(
        'scoring.indicator_not_found',
        `第 ${e.index + 1} 个指标不存在。`,
        `There is no indicator ${e.index + 1}.`,
        { path: `indicators.${e.index}` },
      );
    }
    byIndex.set(e.index, e);
  }
  const indicators = table.indicators;
  const applicable = indicators.map((_, i) => byIndex.get(i)?.applicable !== false);
  const categories = indicators.map((i) => categoryOf(i, scheme));
  const plan = planWeights(indicators, applicable, categories, entry, scheme, unit);
  notes.push(...plan.notes);

  const execution = scoreExecution(entry, scheme, unit, notes);
  const claimedCents = claimedScores(entry, indicators.length, unit);
  // Lines are built as literals of one shape (no spreads): this loop runs for every indicator of a region.
  const lines: ScoreLine[] = indicators.map((indicator, i) => {
    const w = plan.cents[i] ?? 0;
    const e = byIndex.get(i);
    if (plan.unweighted[i]) {
      return {
        indicatorIndex: i,
        category: categories[i] ?? null,
        weight: 0,
        score: 0,
        computedScore: 0,
        status: 'not_scored' as const,
        explanation: SUB_ITEM_PATTERN.test(indicator.name) ? SUB_ITEM : NO_WEIGHT,
        adjustment: null,
      };
    }
    if (!applicable[i]) {
      return {
        indicatorIndex: i,
        category: categories[i] ?? null,
        weight: 0,
        score: 0,
        computedScore: 0,
        status: 'not_applicable' as const,
        explanation: NOT_APPLICABLE,
        adjustment: null,
      };
    }
    const scored = scoreIndicator(indicator, i, e, w, scheme, unit, notes, claimedCents?.[i] ?? null);
    if (scored.status === 'unmet' && !e?.reason?.trim()) {
      notes.push({
        code: 'scoring.deviation_reason_missing',
        severity: 'warning',
        zh: `“${indicator.name}”未达到目标值，须填写偏差原因及改进措施。`,
        en: `"${indicator.name}" missed its target: give the reason and the improvement measure.`,
        path: `indicators.${i}.reason`,
      });
    }
    const score = points(scored.cents, unit);
    return {
      indicatorIndex: i,
      category: categories[i] ?? null,
      weight: points(w, unit),
      score,
      computedScore: score,
      status: scored.status,
      explanation: withSentence(scored.explanation, weightSentence(indicator.weight, w, plan, unit)),
      adjustment: null,
    };
  });

  let executionLine: SelfEvaluationScore['execution'] = {
    indicatorIndex: null,
    category: null,
    weight: scheme.executionWeight,
    score: points(execution.cents, unit),
    computedScore: points(execution.cents, unit),
    status: execution.status,
    explanation: execution.explanation,
    adjustment: null,
    rate: execution.rate,
  };
  for (const [k, adj] of entry.adjustments.entries()) {
    if (adj.target === 'execution') {
      executionLine = {
        ...executionLine,
        ...applyAdjustment(executionLine, adj.score, adj.reason, `adjustments.${k}`, unit),
      };
      continue;
    }
    const line = lines[adj.target];
    if (!line || line.status === 'not_applicable') {
      throw new AppError(
        'scoring.adjustment_unknown_indicator',
        `调整的指标（第 ${adj.target + 1} 个）不存在或不适用。`,
        `The adjusted indicator ${adj.target + 1} does not exist or does not apply.`,
        { path: `adjustments.${k}.target` },
      );
    }
    lines[adj.target] = applyAdjustment(line, adj.score, adj.reason, `adjustments.${k}`, unit);
  }

  const totalCents =
    Math.round(executionLine.score * unit.scale) +
    lines.reduce((s, l) => s + Math.round(l.score * unit.scale), 0);
  const total = points(totalCents, unit);
  const claim = entry.claim ? compareClaim(table, entry.claim, executionLine, lines, scheme) : null;
  const pending = lines.filter(
    (l) => (l.status === 'needs_grade' || l.status === 'missing_actual') && l.adjustment === null,
  );
  for (const l of pending) {
    // Named, not only located: a list of fifteen identical lines tells the clerk nothing.
    const index = l.indicatorIndex ?? 0;
    const name = table.indicators[index]?.name || `#${index + 1}`;
    notes.push({
      code: l.status === 'needs_grade' ? 'scoring.grade_required' : 'scoring.actual_missing',
      severity: 'warning',
      zh: l.status === 'needs_grade' ? `指标「${name}」须由审核人评分。` : `指标「${name}」缺少实际完成值。`,
      en:
        l.status === 'needs_grade'
          ? `A reviewer must grade the indicator “${name}”.`
          : `The indicator “${name}” has no actual value.`,
      path: `indicators.${l.indicatorIndex}`,
    });
  }
  return {
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    execution: executionLine,
    indicators: lines,
    total,
    grade: gradeOf(total, scheme),
    complete: pending.length === 0 && (execution.rate !== null || executionLine.adjustment !== null),
    notes,
    claim,
  };
}
