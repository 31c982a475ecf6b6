import type { Indicator, PerformanceTable } from '../tables/table.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';
import type { UnitCost } from './peer.schema.ts';

// Units that count outputs (人, 亩, 场, 次 …) are what a budget can be divided by; rates, money, time
// and grades are not. Listed by exclusion: output units vary more than the ones that are not outputs.
const notOutput = new Set([
  '%',
  '‰',
  '元',
  '万元',
  '亿元',
  '年',
  '月',
  '个月',
  '天',
  '日',
  '小时',
  '分',
  '分钟',
  '周',
]);
const costUnit = /^(万)?元\/(.+)$/;

function outputUnit(unit: string | null): string | null {
  if (unit === null) return null;
  const trimmed = unit.trim();
  if (trimmed === '' || notOutput.has(trimmed) || trimmed.includes('/') || trimmed.includes('元'))
    return null;
  return trimmed;
}

/** A number in `unit` read from an actual value as printed (a bare number takes the target's unit). */
function actualIn(actual: string | null | undefined, unit: string): number | null {
  if (!actual) return null;
  const parsed = parseTarget(actual);
  if (parsed.kind !== 'quantitative' || parsed.value === null || parsed.upper !== undefined) return null;
  if (parsed.unit !== null && parsed.unit.trim() !== unit) return null;
  return parsed.value;
}

/**
 * The unit costs a table shows: a cost indicator's own target (`<=500元/人`), and the year's budget divided
 * by each positive output quantity — what was achieved when `actuals` has it (a self-evaluation), else the
 * target. `actuals` maps an indicator's index to its 实际完成值 as printed.
 */
export function unitCostsOf(
  table: Pick<PerformanceTable, 'indicators' | 'budget'>,
  actuals: ReadonlyMap<number, string | null> = new Map(),
): UnitCost[] {
  const costs: UnitCost[] = [];
  const budget = table.budget.currentYear ?? table.budget.total ?? null;
  table.indicators.forEach((indicator: Indicator, index) => {
    const t = indicator.target;
    if (t.kind !== 'quantitative' || t.value === null || t.unit === null) return;
    const stated = costUnit.exec(t.unit.replace(/\s+/g, ''));
    if (stated?.[2]) {
      costs.push({
        per: stated[2],
        yuan: t.value * (stated[1] ? 10_000 : 1),
        indicatorIndex: index,
        basis: 'stated',
      });
      return;
    }
    const per = outputUnit(t.unit);
    if (per === null || budget === null || budget <= 0) return;
    if (indicator.direction === '反向' || t.operator === '<' || t.operator === '<=') return;
    const achieved = actualIn(actuals.get(index) ?? indicator.actual, per);
    const output = achieved ?? t.value;
    if (output <= 0) return;
    costs.push({
      per,
      yuan: Math.round((budget / output) * 100) / 100,
      indicatorIndex: index,
      basis: achieved === null ? 'target' : 'actual',
    });
  });
  return costs;
}
