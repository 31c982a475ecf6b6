import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A self-evaluation published as a report (written in the shape such pages take): the page has no form
// title (`…绩效自评表`), only the report's, and its indicators are clauses under level-2 captions.
describe('a self-evaluation report without a form title', () => {
  const report = (title: string) =>
    [
      title,
      '一、绩效目标分解下达情况',
      '下达专项资金预算80万元。',
      '二、绩效指标完成情况分析',
      '1.产出指标。',
      '(1)数量指标。',
      '培训基层干部人数年初任务数300人,全年完成值320人。',
      '(2)质量指标。',
      '培训合格率(≥**%)≥95%。',
    ].join('\n');

  it('is a self-evaluation when its title names a 自评报告 or a 绩效评价报告', () => {
    for (const title of [
      '某县农业农村局2023年度基层培训经费绩效自评报告',
      '某县司法局关于2021年度政法转移支付资金绩效的自评报告',
      '关于上报2023年基层培训经费项目支出绩效自评的报告',
      '某县文化馆2018年度项目支出绩效评价报告',
    ]) {
      const { tables } = importText(report(title));
      expect(
        tables.map((t) => t.kind),
        title,
      ).toEqual(['self-evaluation']);
    }
  });

  it('is a department-wide table when the report is of a whole department', () => {
    const { tables } = importText(report('某县文化馆2018年度部门整体支出绩效评价报告'));
    expect(tables.map((t) => t.kind)).toEqual(['department-wide']);
  });

  it('leaves a page without either title a target table', () => {
    const { tables } = importText(report('某县2023年度基层培训经费项目绩效目标公示'));
    expect(tables.map((t) => t.kind)).toEqual(['target']);
  });
});

// A report states the year's results clause by clause; only a clause that states a target (a comparison
// sign, or a target caption with its result) is an indicator.
describe('results stated in a self-evaluation report', () => {
  const report = [
    '某县司法局2021年度政法转移支付资金绩效自评报告',
    '一、绩效目标完成情况分析',
    '1.产出指标完成情况分析。',
    '(1)数量指标。',
    '办理法律援助案件94件;调解各类纠纷数量1087件;开展普法宣传活动场次86场。',
    '培训人民调解员人数年初任务数300人,全年完成值320人。',
    '(2)质量指标。',
    '采购装备出现不合格装备的比例≦0%。',
    '二、佐证材料',
    '2.项目资金情况。',
    '2021年度下达资金150万元,全部拨付到位。',
  ].join('\n');

  it('reads the clauses with a target as rows and lists the results it did not read', () => {
    const { tables, warnings } = importText(report);
    expect(tables.map((t) => t.kind)).toEqual(['self-evaluation']);
    expect(tables[0]?.indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual ?? null])).toEqual([
      ['数量指标', '培训人民调解员人数', '300人', '320人'],
      ['质量指标', '采购装备出现不合格装备的比例', '≦0%', null],
    ]);
    const all = [...warnings, ...(tables[0]?.warnings ?? [])];
    const results = all.find((w) => w.code === 'import.results_without_target');
    expect(results?.zh).toContain('办理法律援助案件');
    expect(results?.zh).toContain('开展普法宣传活动场次');
    // Every row's warning still points at its own row.
    for (const w of all.filter((x) => x.code === 'import.low_confidence'))
      expect(w.zh).toContain(tables[0]?.indicators[Number(w.path?.split('.')[1])]?.name ?? '?');
  });

  it('keeps such clauses as rows on a page that is not a report', () => {
    const page = report.replace('绩效自评报告', '绩效目标公示');
    const { tables } = importText(page);
    expect(tables[0]?.indicators.map((i) => i.name)).toContain('办理法律援助案件');
  });
});
