import Big from 'big.js';
import { normaliseName } from '../../frameworks/framework-match.ts';
import type { Indicator, PerformanceTable } from '../../tables/table.schema.ts';
import { parseTarget } from '../../targets/target-grammar.ts';
import type { IndicatorFacts, Rule, RuleHit } from '../rule.ts';

function byKey(table: PerformanceTable): Map<string, Indicator> {
  const map = new Map<string, Indicator>();
  for (const indicator of table.indicators) {
    const key = normaliseName(indicator.name);
    if (!map.has(key)) map.set(key, indicator);
  }
  return map;
}

/** This year's indicators each with last year's indicator of the same name (none without last year's table). */
function withLastYear(
  previous: PerformanceTable | null | undefined,
  indicators: readonly IndicatorFacts[],
): { f: IndicatorFacts; before: Indicator }[] {
  if (!previous) return [];
  const last = byKey(previous);
  return indicators.flatMap((f) => {
    const before = last.get(f.key);
    return before ? [{ f, before }] : [];
  });
}

/** Last year's actual value as a number in the unit of this year's target, or null. */
function actualValue(previous: Indicator, unit: string | null): number | null {
  if (!previous.actual) return null;
  const actual = parseTarget(previous.actual);
  if (actual.kind !== 'quantitative' || actual.value === null || actual.upper !== undefined) return null;
  // A bare number is taken in the target's unit (forms often print 完成值 without one).
  if (actual.unit !== null && actual.unit !== unit) return null;
  return actual.value;
}

/** Y01: a target is not lower than what the same project already achieved last year. */
export const targetBelowLastActualRule: Rule = {
  code: 'Y01',
  category: 'comparison',
  severity: 'warning',
  zh: '目标值不低于上年同一指标的实际完成值（反向指标不高于）',
  en: "Targets are not below last year's actual value of the same indicator (not above for reverse ones)",
  check({ previous, indicators }) {
    const hits: RuleHit[] = [];
    for (const { f, before } of withLastYear(previous, indicators)) {
      const t = f.indicator.target;
      if (t.kind !== 'quantitative' || t.value === null) continue;
      const actual = actualValue(before, t.unit);
      if (actual === null) continue;
      const lower = !f.reverse && t.operator !== '<' && t.operator !== '<=' && t.value < actual;
      const looser = f.reverse && t.operator !== '>' && t.operator !== '>=' && t.value > actual;
      if (!lower && !looser) continue;
      const raw = t.raw.trim();
      hits.push({
        zh: lower
          ? `指标「${f.indicator.name}」的目标值「${raw}」低于上年实际完成值「${before.actual}」：请按不低于上年实际水平设定目标，或说明下调原因。`
          : `反向指标「${f.indicator.name}」的目标值「${raw}」宽于上年实际值「${before.actual}」：请按不高于上年实际水平设定目标，或说明原因。`,
        en: lower
          ? `The target of "${f.indicator.name}" (${raw}) is below last year's actual value (${before.actual}): aim at least as high, or explain why it was lowered.`
          : `Reverse indicator "${f.indicator.name}" targets ${raw}, looser than last year's actual ${before.actual}: aim at most that, or explain why.`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

function grew(now: IndicatorFacts, before: Indicator | undefined): boolean | null {
  const t = now.indicator.target;
  const b = before?.target;
  if (!b || t.kind !== 'quantitative' || b.kind !== 'quantitative' || t.value === null || b.value === null)
    return null;
  if (t.unit !== b.unit) return null;
  return t.value > b.value;
}

/** How many compared outputs a Y02 finding lists before it says "等 n 项". */
const namedOutputs = 4;

/** Y02: when the budget grows beyond the threshold, at least one output target grows too. */
export const moneyUpOutputsFlatRule: Rule = {
  code: 'Y02',
  category: 'comparison',
  severity: 'warning',
  zh: '预算比上年明显增加时，产出目标也相应提高',
  en: 'When the budget grows markedly over last year, output targets grow too',
  check({ table, previous, params, indicators }) {
    if (!previous) return [];
    const now = table.budget.currentYear;
    const before = previous.budget.currentYear ?? previous.budget.adjusted ?? table.budget.priorYearBudget;
    if (now === null || now === undefined || before === null || before === undefined || before <= 0)
      return [];
    const growth = new Big(now).div(before).minus(1);
    if (growth.lte(params.budgetGrowthThreshold)) return [];
    const last = byKey(previous);
    const outputs = indicators
      .filter((f) => f.place.level1?.role === 'output' && !f.reverse)
      .flatMap((f) => {
        const was = last.get(f.key);
        const g = grew(f, was);
        return g === null || !was ? [] : [{ f, was, grew: g }];
      });
    if (outputs.length === 0 || outputs.some((o) => o.grew)) return [];
    const percent = growth.times(100).toFixed(0);
    // The finding names what it compared: last year's table and money, and each output's two targets.
    const shown = outputs.slice(0, namedOutputs);
    const more = outputs.length - shown.length;
    const listZh =
      shown
        .map(
          (o) =>
            `「${o.f.indicator.name}」上年 ${o.was.target.raw.trim()}、当年 ${o.f.indicator.target.raw.trim()}`,
        )
        .join('；') + (more > 0 ? ` 等 ${outputs.length} 项` : '');
    const listEn =
      shown
        .map(
          (o) =>
            `"${o.f.indicator.name}" ${o.was.target.raw.trim()} then, ${o.f.indicator.target.raw.trim()} now`,
        )
        .join('; ') + (more > 0 ? ` and ${more} more` : '');
    return [
      {
        zh: `当年预算 ${now}元比上年（${previous.year}年绩效表 ${before}元）增加 ${percent}%，而可比的产出指标目标都没有提高：${listZh}。请提高产出目标，或说明增加资金的用途。`,
        en: `The budget of ${now} yuan is ${percent}% above last year's (${before} yuan in the ${previous.year} table) while no comparable output target grew: ${listEn}. Raise the output targets or explain what the extra money buys.`,
        path: 'budget.currentYear',
      },
    ];
  },
};

/** Y03: 上年预算额/执行数 agree with last year's own table. */
export const priorFiguresMatchRule: Rule = {
  code: 'Y03',
  category: 'comparison',
  severity: 'warning',
  zh: '上年预算额和执行数与上年绩效表一致',
  en: "Last year's budget and execution agree with last year's table",
  check({ table, previous }) {
    if (!previous) return [];
    const hits: RuleHit[] = [];
    const lastBudget = previous.budget.adjusted ?? previous.budget.currentYear;
    const { priorYearBudget, priorYearExecuted } = table.budget;
    if (
      lastBudget !== null &&
      lastBudget !== undefined &&
      priorYearBudget !== null &&
      priorYearBudget !== undefined &&
      lastBudget !== priorYearBudget &&
      previous.budget.currentYear !== priorYearBudget
    ) {
      hits.push({
        zh: `同名项目上年预算额（${priorYearBudget}元）与上年绩效表的预算（${lastBudget}元）不一致：请核对。`,
        en: `Last year's budget (${priorYearBudget} yuan) differs from last year's table (${lastBudget} yuan): check it.`,
        path: 'budget.priorYearBudget',
      });
    }
    const lastExecuted = previous.budget.executed;
    if (
      lastExecuted !== null &&
      lastExecuted !== undefined &&
      priorYearExecuted !== null &&
      priorYearExecuted !== undefined &&
      lastExecuted !== priorYearExecuted
    ) {
      hits.push({
        zh: `同名项目上年预算执行数（${priorYearExecuted}元）与上年自评表的执行数（${lastExecuted}元）不一致：请核对。`,
        en: `Last year's execution (${priorYearExecuted} yuan) differs from last year's self-evaluation (${lastExecuted} yuan): check it.`,
        path: 'budget.priorYearExecuted',
      });
    }
    return hits;
  },
};

/** Y04: without last year's actual, a target is at least not lowered from last year's target. */
export const targetLoweredRule: Rule = {
  code: 'Y04',
  category: 'comparison',
  severity: 'hint',
  zh: '没有上年完成值时，目标值不低于上年同一指标的目标值（反向指标不高于）',
  en: "Without last year's actual, targets are not lowered from last year's target (not raised for reverse ones)",
  check({ previous, indicators }) {
    const hits: RuleHit[] = [];
    for (const { f, before } of withLastYear(previous, indicators)) {
      const t = f.indicator.target;
      const b = before.target;
      if (before.actual || !b || t.kind !== 'quantitative' || b.kind !== 'quantitative') continue;
      if (t.value === null || b.value === null || t.unit !== b.unit || t.value === b.value) continue;
      if (f.reverse ? t.value < b.value : t.value > b.value) continue;
      hits.push({
        zh: `指标「${f.indicator.name}」的目标值「${t.raw.trim()}」${f.reverse ? '比上年目标宽松' : '低于上年目标'}「${b.raw.trim()}」：请说明调整原因，或维持不低于上年的水平。`,
        en: `The target of "${f.indicator.name}" (${t.raw.trim()}) is ${f.reverse ? 'looser than' : 'below'} last year's target (${b.raw.trim()}): explain why, or keep at least last year's level.`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

export const comparisonRules: readonly Rule[] = [
  targetBelowLastActualRule,
  moneyUpOutputsFlatRule,
  priorFiguresMatchRule,
  targetLoweredRule,
];
