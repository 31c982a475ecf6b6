import { describe, expect, it } from 'vitest';
import { reviewTable } from '../review-table.ts';
import { buildIndicator, buildTable, shanghaiCommonIndicators } from '../testing/table-factory.ts';

const ids = (table: Parameters<typeof reviewTable>[0], set = 'shanghai-2020') =>
  reviewTable(table, set).map((f) => `${f.ruleId}@${f.path ?? ''}`);

const sound = buildTable();

describe('completeness rules', () => {
  it('C01 flags a missing required header field and accepts a filled one', () => {
    expect(ids(buildTable({ category: '  ' }))).toEqual(['SH2020-C01@category']);
    expect(ids(buildTable({ startDate: null }))).toEqual(['SH2020-C01@startDate']);
    expect(ids(sound)).toEqual([]);
  });

  it('C02 flags a missing budget figure', () => {
    const table = buildTable({ budget: { ...sound.budget, total: null } });
    expect(ids(table)).toEqual(['SH2020-C02@budget.total']);
  });

  it('C03 flags an empty narrative only where the set requires it', () => {
    const table = buildTable({ narrative: { ...sound.narrative, basis: '' } });
    expect(ids(table)).toEqual(['SH2020-C03@narrative.basis']);
    expect(ids(table, 'national-2020')).not.toContain('NAT2020-C03@narrative.basis');
  });

  it('C04 flags boilerplate narratives and accepts concrete ones', () => {
    const plan = buildTable({ narrative: { ...sound.narrative, plan: '按照各项目工作实施计划执行' } });
    expect(ids(plan)).toEqual(['SH2020-C04@narrative.plan']);
    const none = buildTable({ narrative: { ...sound.narrative, safeguards: '见附件' } });
    expect(ids(none)).toEqual(['SH2020-C04@narrative.safeguards']);
    const concrete = buildTable({
      narrative: { ...sound.narrative, plan: '按照合同约定，4月至11月分三批开展活动并验收' },
    });
    expect(ids(concrete)).toEqual([]);
  });

  it('C05 flags a missing required level-1 category', () => {
    const table = buildTable({ indicators: sound.indicators.filter((i) => i.level1 !== '影响力目标') });
    expect(ids(table)).toEqual(['SH2020-C05@indicators']);
    // In the form's words: Shanghai prints 影响力目标, not the framework's bare 影响力.
    expect(reviewTable(table, 'shanghai-2020')[0]?.zh).toContain('缺少一级指标「影响力目标」');
  });

  it('C06 flags a missing required level-2 category inside a present level 1', () => {
    const table = buildTable({ indicators: sound.indicators.filter((i) => i.level2 !== '满意度') });
    expect(ids(table)).toEqual(['SH2020-C06@indicators.12']);
    expect(reviewTable(table, 'shanghai-2020')[0]?.zh).toContain(
      '一级指标「效果目标」下缺少二级指标「满意度」',
    );
  });

  it('C07 flags a measurable level with no quantified indicator', () => {
    const indicators = sound.indicators.map((i) =>
      i.level1 === '产出目标' ? { ...i, target: buildIndicator(null, null, 'x', '达标').target } : i,
    );
    expect(ids(buildTable({ indicators }))).toContain('SH2020-C07@indicators.9');
    const c07 = reviewTable(buildTable({ indicators }), 'shanghai-2020').find((f) =>
      f.ruleId.endsWith('C07'),
    );
    expect(c07?.zh).toContain('一级指标「产出目标」下没有定量指标');
  });

  it('C08 flags a missing common indicator of the region', () => {
    const table = buildTable({ indicators: sound.indicators.filter((i) => i.name !== '财务监控有效性') });
    expect(ids(table)).toEqual(['SH2020-C08@indicators']);
  });

  it('C09 flags a table with no indicators', () => {
    expect(ids(buildTable({ indicators: [] }))).toContain('SH2020-C09@indicators');
  });

  it('C10 flags an indicator with no target', () => {
    const indicators = [...sound.indicators];
    indicators[9] = buildIndicator('产出目标', '数量', '举办科普活动场次', '');
    expect(ids(buildTable({ indicators }))).toEqual(['SH2020-C10@indicators.9.target']);
  });

  it('C11 flags outputs that are all generic and accepts project-specific ones', () => {
    const indicators = [
      ...shanghaiCommonIndicators(),
      buildIndicator('产出目标', '数量', '项目完成率', '>=95%'),
      buildIndicator('产出目标', '质量', '项目目标实现率', '>=95%'),
      buildIndicator('产出目标', '时效', '项目完成及时性', '>=95%'),
      ...sound.indicators.slice(12),
    ];
    expect(ids(buildTable({ indicators }))).toContain('SH2020-C11@indicators.9.name');
    expect(ids(sound)).not.toContain('SH2020-C11@indicators.9.name');
  });

  it('C12 flags a level-1 label from another framework', () => {
    const indicators = [
      ...sound.indicators,
      buildIndicator('满意度指标', '服务对象满意度指标', '游客满意度', '>=90%'),
    ];
    expect(ids(buildTable({ indicators }))).toEqual(['SH2020-C12@indicators.15.level1']);
    // The labels it asks for are the form's (产出目标), not the framework's bare categories (产出).
    const [finding] = reviewTable(buildTable({ indicators }), 'shanghai-2020');
    expect(finding?.zh).toContain('应为：投入与管理、产出目标、效果目标、影响力目标');
  });

  it('accepts a sound table under the national set when it follows the national framework', () => {
    const table = buildTable({
      indicators: [
        buildIndicator('产出指标', '数量指标', '举办科普活动场次', '>=120场'),
        buildIndicator('产出指标', '质量指标', '活动方案审核通过率', '=100%'),
        buildIndicator('产出指标', '时效指标', '活动完成时间', '2020年12月31日前'),
        buildIndicator('效益指标', '社会效益指标', '服务市民人次', '>=20000人次'),
        buildIndicator('满意度指标', '服务对象满意度指标', '参与市民满意度', '>=90%'),
      ],
    });
    expect(ids(table, 'national-2020')).toEqual([]);
    expect(ids(table, 'national-2021-cost')).toEqual(['NAT2021C-C05@indicators']);
    expect(reviewTable(table, 'national-2021-cost')[0]?.zh).toContain('缺少一级指标「成本指标」');
    const noQuality = buildTable({ indicators: table.indicators.filter((i) => i.level2 !== '质量指标') });
    const c06 = reviewTable(noQuality, 'national-2020').find((f) => f.ruleId.endsWith('C06'));
    expect(c06?.zh).toContain('一级指标「产出指标」下缺少二级指标「质量指标」');
  });
});

describe('incomplete tables', () => {
  it('skip rules about missing parts and say so, but keep the others', () => {
    const cut = buildTable({
      incomplete: true,
      category: null,
      indicators: [buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范')],
    });
    expect(ids(cut)).toEqual(['SH2020-C00@', 'SH2020-Q01@indicators.0.target']);
  });
});
