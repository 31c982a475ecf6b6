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

  describe('K07 compares targets with the figures the narratives cite', () => {
    const narrative = (fields: Partial<typeof sound.narrative>, indicators = sound.indicators) =>
      buildTable({ narrative: { ...sound.narrative, ...fields }, indicators });
    const withRow = (index: number, row: Parameters<typeof buildIndicator>) => {
      const indicators = [...sound.indicators];
      indicators[index] = buildIndicator(...row);
      return indicators;
    };
    const k07 = (table: Parameters<typeof reviewTable>[0]) => ids(table).filter((id) => id.includes('-K07'));

    it('flags a target far below what the project already achieved in under a year', () => {
      const basis = '自2019年3月起在社区开展科普活动。截至2019年10月累计服务市民近6万人次。';
      const [finding] = reviewTable(narrative({ basis }), 'shanghai-2020');
      expect(finding).toMatchObject({
        ruleId: 'SH2020-K07',
        path: 'indicators.12.target',
        indicatorIndex: 12,
      });
      expect(finding?.zh).toContain('立项依据中已经达到的');
      expect(finding?.zh).toContain('近6万人次');
      expect(finding?.zh).toContain('2019年3月至2019年10月共 8 个月');
      expect(finding?.en).toContain('the legal basis says was already achieved');
      expect(finding?.path).toBe('indicators.12.target');
      // Last year's figure binds the target too, although the goals plan the same 2万 as the target.
      expect(k07(narrative({ basis: '上年服务市民5万人次。' }))).toEqual(['SH2020-K07@indicators.12.target']);
    });

    it('flags a target far from the figure the goals plan, either way', () => {
      expect(k07(narrative({ goals: '全年服务市民6万人次。' }))).toEqual(['SH2020-K07@indicators.12.target']);
      // The brief's form: the measure word before the number, 万 without a unit.
      const visits = withRow(12, ['效果目标', '社会效益', '参观人次', '>=5000人次']);
      expect(k07(narrative({ goals: '全年参观人次1.5万。' }, visits))).toEqual([
        'SH2020-K07@indicators.12.target',
      ]);
      const more = withRow(9, ['产出目标', '数量', '举办科普活动场次', '>=500场']);
      const [finding] = reviewTable(narrative({}, more), 'shanghai-2020');
      expect(finding?.path).toBe('indicators.9.target');
      expect(finding?.zh).toContain('远高于总目标及阶段性目标中计划的「120场」');
      // Chinese numerals read the same.
      expect(k07(narrative({ goals: '全年举办社区科普活动一百二十场。' }, more))).toEqual([
        'SH2020-K07@indicators.9.target',
      ]);
      expect(k07(narrative({ goals: '全年举办社区科普活动一百二十场。' }))).toEqual([]);
    });

    it('compares people with visits only where the narrative names the indicator', () => {
      const people = withRow(12, ['效果目标', '社会效益', '服务市民人数', '>=20000人']);
      const goals = '全年举办社区科普活动120场。';
      expect(k07(narrative({ goals, plan: '全年服务市民6万人次。' }, people))).toEqual([]);
      expect(k07(narrative({ goals, plan: '全年服务市民人数6万人次。' }, people))).toEqual([
        'SH2020-K07@indicators.12.target',
      ]);
    });

    it('reads the narratives of a self-evaluation as what was achieved', () => {
      const report = (goals: string) =>
        buildTable({ kind: 'self-evaluation', narrative: { ...sound.narrative, goals } });
      // Fewer served than the target is a shortfall for the score, not a contradiction of the target.
      expect(k07(report('全年服务市民5000人次。'))).toEqual([]);
      const [finding] = reviewTable(report('全年服务市民6万人次。'), 'shanghai-2020');
      expect(finding?.path).toBe('indicators.12.target');
      expect(finding?.zh).toContain('已经达到的「6万人次」');
    });

    it('flags an exact target with another value, and a cost cap far above the planned cost', () => {
      const teachers = withRow(10, ['产出目标', '质量', '培训科普讲师人数', '=30人']);
      expect(k07(narrative({ plan: '3-6月培训科普讲师25人，7-11月开展活动。' }, teachers))).toEqual([
        'SH2020-K07@indicators.10.target',
      ]);
      expect(k07(narrative({ plan: '3-6月培训科普讲师30人，7-11月开展活动。' }, teachers))).toEqual([]);
      const cost = withRow(10, ['产出目标', '成本', '活动总成本', '<=600万元']);
      expect(k07(narrative({ goals: '全年活动总成本控制在200万元以内。' }, cost))).toEqual([
        'SH2020-K07@indicators.10.target',
      ]);
      expect(k07(narrative({ goals: '全年活动总成本控制在500万元以内。' }, cost))).toEqual([]);
      // A cap on a name that does not say cost reads the same way, and the message says "above".
      const cap = withRow(10, ['产出目标', '质量', '活动场地租用面积', '<=3000平方米']);
      const [above] = reviewTable(
        narrative({ goals: '全年活动场地租用面积控制在1000平方米以内。' }, cap),
        'shanghai-2020',
      );
      expect(above?.path).toBe('indicators.10.target');
      expect(above?.zh).toContain('远高于');
      expect(above?.zh).toContain('目标约为说明中数字的 3 倍');
      expect(above?.en).toContain('far above');
    });

    it('stays quiet on figures that are not the same measure in the same year', () => {
      const quiet: Partial<typeof sound.narrative>[] = [
        // Totals over several years, or since a date with no end.
        { basis: '自2010年起，截至2019年底累计服务市民50万人次。' },
        { basis: '自2010年以来累计服务市民50万人次。' },
        { goals: '三年内服务市民6万人次。' },
        { goals: '近年来服务市民10万人次。' },
        // Rates per month, future years, another measure.
        { goals: '每月举办社区科普活动10场，服务市民2万人次。' },
        { goals: '到2022年服务市民10万人次。' },
        { goals: '全年举办社区科普活动120场，培训科普讲师200人次。' },
        // Achieved before and outdone now, or within a factor of two.
        { basis: '2019年服务市民5000人次。' },
        { basis: '上年服务市民3.5万人次。' },
        // Descriptions without a plan or a year.
        { overview: '社区科普中心已服务市民6万人次。' },
      ];
      // Goals without the 2万 that would agree with the target and so hide a wrong pairing.
      const goals = '全年举办社区科普活动120场，参与者满意度达到90%以上。';
      for (const fields of quiet)
        expect(k07(narrative({ goals, ...fields })), JSON.stringify(fields)).toEqual([]);
      expect(k07(narrative({ goals, overview: '本年社区科普中心服务市民6万人次。' }))).toEqual([
        'SH2020-K07@indicators.12.target',
      ]);
    });

    it('stays quiet on stocks, parts and figures that another indicator accounts for', () => {
      const communities = withRow(10, ['产出目标', '数量', '社区数量', '>=30个']);
      expect(k07(narrative({ goals: '全年服务市民2万人次；全区共有社区120个。' }, communities))).toEqual([]);
      expect(k07(narrative({ goals: '全年服务市民2万人次；服务社区120个。' }, communities))).toEqual([
        'SH2020-K07@indicators.10.target',
      ]);
      const travel = [...sound.indicators];
      travel[10] = buildIndicator('产出目标', '数量', '出差人数', '=8人');
      travel[14] = buildIndicator('产出目标', '数量', '出差人次', '=24人次');
      expect(k07(narrative({ goals: '全年出差8人。' }, travel))).toEqual([]);
      // The goals plan the target's 2万; another figure of the overview is then not its measure.
      expect(k07(narrative({ overview: '全年线上线下服务市民6万人次。' }))).toEqual([]);
      // 500人 are people, not the 人次 the target counts; 2000人次 names no measure.
      const trained = withRow(10, ['产出目标', '数量', '培训科普讲师人次', '>=2000人次']);
      expect(k07(narrative({ plan: '全年培训科普讲师500人，共计2000人次。' }, trained))).toEqual([]);
      // Figures of the parts of the year: by stage, or adding up to the target.
      const sites = withRow(10, ['产出目标', '数量', '建成科普站点数量', '>=100个']);
      expect(k07(narrative({ plan: '第一阶段建成科普站点30个。' }, sites))).toEqual([]);
      const parts = (n: number) =>
        narrative(
          { plan: `1-4月建成科普站点${n}个，5-8月建成科普站点${n}个，9-12月建成科普站点${n}个。` },
          sites,
        );
      expect(k07(parts(33))).toEqual([]);
      // 3 × 20 = 60 is within a factor of two of 100; 3 × 10 = 30 is not.
      expect(k07(parts(20))).toEqual([]);
      expect(k07(parts(10))).toEqual(['SH2020-K07@indicators.10.target']);
      // One figure for two indicators is their total (or names neither clearly).
      const groups = withRow(10, ['产出目标', '数量', '困难残疾人生活补贴人数', '>=2000人']);
      groups[14] = buildIndicator('产出目标', '数量', '重度残疾人护理补贴人数', '>=3000人');
      expect(k07(narrative({ goals: '全年惠及困难残疾人和重度残疾人1.1万人。' }, groups))).toEqual([]);
      expect(k07(narrative({ goals: '全年惠及困难残疾人1.1万人。' }, groups))).toEqual([
        'SH2020-K07@indicators.10.target',
      ]);
      const shows = withRow(10, ['产出目标', '数量', '科普展览场次', '>=20场']);
      shows[9] = buildIndicator('产出目标', '数量', '科普讲座场次', '>=100场');
      expect(k07(narrative({ goals: '全年举办科普讲座100场、科普展览20场。' }, shows))).toEqual([]);
    });
  });
});
