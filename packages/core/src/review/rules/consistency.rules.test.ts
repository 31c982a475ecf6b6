import { describe, expect, it } from 'vitest';
import { reviewTable } from '../review-table.ts';
import { buildIndicator, buildTable } from '../testing/table-factory.ts';
import { budgetAmountsInText } from './consistency.rules.ts';

const ids = (table: Parameters<typeof reviewTable>[0]) =>
  reviewTable(table, 'shanghai-2020').map((f) => `${f.ruleId}@${f.path ?? ''}`);

const sound = buildTable();

describe('consistency rules', () => {
  it('K01 flags a budget of the year above the total', () => {
    expect(ids(buildTable({ budget: { ...sound.budget, total: 1_000_000 } }))).toContain(
      'SH2020-K01@budget.currentYear',
    );
    expect(ids(buildTable({ budget: { ...sound.budget, total: 3_000_000 } }))).toEqual([]);
  });

  it('K02 compares the overview amount with the budget within its printed precision', () => {
    const overview = (text: string) => buildTable({ narrative: { ...sound.narrative, overview: text } });
    expect(ids(overview('项目预算总额300万元。'))).toEqual(['SH2020-K02@narrative.overview']);
    expect(ids(overview('项目预算总额200万元。'))).toEqual([]);
    expect(ids(overview('建筑面积5312平方米，无预算金额。'))).toEqual([]);
    // Parts and other years are not the budget; a second stated total must agree too.
    expect(ids(overview('项目预算总额200万元，其中专项资金50万元，上年项目预算180万元。'))).toEqual([]);
    expect(ids(overview('项目预算总额200万元，合计250万元。'))).toEqual(['SH2020-K02@narrative.overview']);
    // 4109.86万元 is 41,098,620 元 rounded to the printed 百元.
    const seedLike = buildTable({
      narrative: { ...sound.narrative, overview: '项目预算总额41\n09.86万元。' },
      budget: { ...sound.budget, total: 41_098_620, currentYear: 41_098_620 },
    });
    expect(ids(seedLike)).toEqual([]);
    expect(budgetAmountsInText('资金总额1,200元')[0]?.yuan.toNumber()).toBe(1200);
  });

  it('K03 flags start after end, invalid dates and dates outside the year', () => {
    expect(ids(buildTable({ startDate: '2020-12-31', endDate: '2020-01-01' }))).toEqual([
      'SH2020-K03@endDate',
    ]);
    expect(ids(buildTable({ startDate: '2020-02-30' }))).toEqual(['SH2020-K03@startDate']);
    expect(ids(buildTable({ endDate: '2021-03-31' }))).toEqual(['SH2020-K03@endDate']);
    expect(ids(buildTable({ startDate: '2020-03-01', endDate: '2020-11-30' }))).toEqual([]);
  });

  it('K04 flags last year executed above last year budget', () => {
    const over = buildTable({ budget: { ...sound.budget, priorYearExecuted: 2_000_000 } });
    expect(ids(over)).toEqual(['SH2020-K04@budget.priorYearExecuted']);
  });

  it('K05 accepts a new project without prior figures and flags a repeating one without execution', () => {
    const newProject = buildTable({ budget: { total: 2_000_000, currentYear: 2_000_000 } });
    expect(ids(newProject)).toEqual([]);
    const repeating = buildTable({ budget: { ...sound.budget, priorYearExecuted: null } });
    expect(ids(repeating)).toEqual(['SH2020-K05@budget.priorYearExecuted']);
    const onlyExecuted = buildTable({ budget: { ...sound.budget, priorYearBudget: null } });
    expect(ids(onlyExecuted)).toEqual(['SH2020-K05@budget.priorYearBudget']);
  });

  it('K06 flags a target date outside the plan', () => {
    const indicators = [...sound.indicators];
    indicators[11] = buildIndicator('产出目标', '时效', '活动完成时间', '2019年12月31日前');
    expect(ids(buildTable({ indicators }))).toEqual(['SH2020-K06@indicators.11.target']);
    indicators[11] = buildIndicator('产出目标', '时效', '活动完成时间', '2020年12月');
    expect(ids(buildTable({ indicators }))).toEqual([]);
  });
});
