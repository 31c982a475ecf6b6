import { describe, expect, it } from 'vitest';
import type { PerformanceTable } from '../../tables/table.schema.ts';
import { reviewTable } from '../review-table.ts';
import { buildIndicator, buildTable } from '../testing/table-factory.ts';

const sound = buildTable();

/** Last year's self-evaluation of the sound table's project, with the given actual for 服务市民人次. */
function lastYear(actual: string, budget = 1_900_000): PerformanceTable {
  return buildTable({
    kind: 'self-evaluation',
    year: 2019,
    startDate: '2019-01-01',
    endDate: '2019-12-31',
    budget: { total: budget, currentYear: budget, adjusted: budget, executed: 1_850_000 },
    indicators: sound.indicators.map((i) => (i.name === '服务市民人次' ? { ...i, actual } : i)),
  });
}

const ids = (table: PerformanceTable, previous?: PerformanceTable) =>
  reviewTable(table, 'shanghai-2020', { previous }).map((f) => `${f.ruleId}@${f.path ?? ''}`);

describe('comparison rules', () => {
  it('do nothing without last year', () => {
    expect(ids(sound)).toEqual([]);
  });

  it('Y01 flags a target below last year actual', () => {
    expect(ids(sound, lastYear('25000人次'))).toEqual(['SH2020-Y01@indicators.12.target']);
    expect(ids(sound, lastYear('18000人次'))).toEqual([]);
    // A bare actual is read in the target's unit.
    expect(ids(sound, lastYear('25000'))).toEqual(['SH2020-Y01@indicators.12.target']);
  });

  it('Y01 flags a reverse target looser than last year actual', () => {
    const cost = buildIndicator('产出目标', '成本', '每场活动成本', '<=2万元');
    const now = buildTable({ indicators: [...sound.indicators, cost] });
    const before = buildTable({
      year: 2019,
      indicators: [...sound.indicators, { ...cost, actual: '1.6万元' }],
    });
    expect(ids(now, before)).toContain('SH2020-Y01@indicators.15.target');
  });

  it('Y02 flags money up 20% while no output target grew', () => {
    const grown = buildTable({
      narrative: { ...sound.narrative, overview: '在全市社区开展科普讲座和展览。' },
      budget: { ...sound.budget, total: 2_400_000, currentYear: 2_400_000 },
    });
    const before = lastYear('18000人次', 1_900_000);
    expect(ids(grown, before)).toEqual(['SH2020-Y02@budget.currentYear']);
    // It names what it compared: last year's money and the outputs' targets of both years.
    const finding = reviewTable(grown, 'shanghai-2020', { previous: before }).find((f) =>
      f.ruleId.endsWith('Y02'),
    );
    expect(finding?.zh).toContain('当年预算 2400000元比上年（2019年绩效表 1900000元）增加 26%');
    expect(finding?.zh).toMatch(/「举办科普活动场次」上年 [^、]+、当年 /);
    expect(finding?.en).toContain('1900000 yuan in the 2019 table');
    const moreEvents = grown.indicators.map((i) =>
      i.name === '举办科普活动场次' ? buildIndicator('产出目标', '数量', i.name, '>=150场') : i,
    );
    expect(ids({ ...grown, indicators: moreEvents }, before)).not.toContain('SH2020-Y02@budget.currentYear');
  });

  it('Y03 flags prior-year figures that differ from last year table', () => {
    expect(ids(sound, lastYear('18000人次', 1_850_000))).toEqual(['SH2020-Y03@budget.priorYearBudget']);
  });

  it('Y04 hints at a target lowered from last year target when there is no actual', () => {
    const before = buildTable({
      year: 2019,
      budget: { ...sound.budget, priorYearBudget: null, priorYearExecuted: null },
    });
    const lowered = sound.indicators.map((i) =>
      i.name === '举办科普活动场次' ? buildIndicator('产出目标', '数量', i.name, '>=100场') : i,
    );
    const table = buildTable({
      budget: { ...sound.budget, priorYearBudget: 2_000_000, priorYearExecuted: 1_900_000 },
      indicators: lowered,
    });
    expect(ids(table, before)).toEqual(['SH2020-Y04@indicators.9.target']);
    expect(ids(buildTable({ budget: table.budget }), before)).toEqual([]);
  });
});
