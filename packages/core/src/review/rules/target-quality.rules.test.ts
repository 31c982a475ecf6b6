import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../tables/table.schema.ts';
import { reviewTable } from '../review-table.ts';
import { buildIndicator, buildTable } from '../testing/table-factory.ts';

const sound = buildTable();

/** Findings after replacing indicator `index` of the sound table. */
function withIndicator(index: number, indicator: Indicator): string[] {
  const indicators = [...sound.indicators];
  indicators[index] = indicator;
  return reviewTable(buildTable({ indicators }), 'shanghai-2020').map((f) => `${f.ruleId}@${f.path ?? ''}`);
}

describe('target quality rules', () => {
  it('Q01 flags a rate with a qualitative target and accepts a percentage', () => {
    expect(withIndicator(8, buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范'))).toEqual([
      'SH2020-Q01@indicators.8.target',
    ]);
    expect(withIndicator(13, buildIndicator('效果目标', '满意度', '参与市民满意度', '满意'))).toEqual([
      'SH2020-Q01@indicators.13.target',
    ]);
    expect(withIndicator(8, buildIndicator('投入与管理', '实施管理', '信息公开实现率', '=100%'))).toEqual([]);
    // 工作效率 ends in 率 but is not a share.
    expect(withIndicator(12, buildIndicator('效果目标', '社会效益', '窗口工作效率', '提高'))).toEqual([]);
  });

  it('Q02 flags a number written into the name', () => {
    expect(
      withIndicator(12, buildIndicator('效果目标', '社会效益', '提升园区科创成果知名度20%', '>=10%')),
    ).toEqual(['SH2020-Q02@indicators.12.name']);
    expect(
      withIndicator(12, buildIndicator('效果目标', '社会效益', '24小时热线接通人次', '>=2000人次')),
    ).toEqual([]);
  });

  it('Q03 flags placeholders in targets and names', () => {
    expect(withIndicator(9, buildIndicator('产出目标', '数量', '举办科普活动场次', '≥**场'))).toEqual([
      'SH2020-Q03@indicators.9.target',
    ]);
    expect(withIndicator(9, buildIndicator('产出目标', '数量', '指标1：活动场次', '>=120场'))).toEqual([
      'SH2020-Q03@indicators.9.name',
    ]);
  });

  it('Q04 flags the second of two identical indicators', () => {
    const indicators = [
      ...sound.indicators,
      buildIndicator('产出目标', '数量', '举办科普活动 场次', '>=100场'),
    ];
    const ids = reviewTable(buildTable({ indicators }), 'shanghai-2020').map((f) => `${f.ruleId}@${f.path}`);
    expect(ids).toEqual(['SH2020-Q04@indicators.15.name']);
  });

  it('Q05 flags a number with no unit, but not zero', () => {
    expect(withIndicator(9, buildIndicator('产出目标', '数量', '举办科普活动场次', '>=120'))).toEqual([
      'SH2020-Q05@indicators.9.target',
    ]);
    const zero = [...sound.indicators, buildIndicator('效果目标', '社会效益', '安全事故发生次数', '=0')];
    expect(reviewTable(buildTable({ indicators: zero }), 'shanghai-2020')).toEqual([]);
  });

  it('Q06 flags a cost with >= and a positive indicator with <=', () => {
    expect(withIndicator(10, buildIndicator('产出目标', '成本', '每场活动成本', '>=1.5万元'))).toContain(
      'SH2020-Q06@indicators.10.target',
    );
    expect(withIndicator(10, buildIndicator('产出目标', '成本', '每场活动成本', '<=1.5万元'))).not.toContain(
      'SH2020-Q06@indicators.10.target',
    );
    expect(
      withIndicator(
        12,
        buildIndicator('效果目标', '社会效益', '服务市民人次', '<=20000人次', { direction: '正向' }),
      ),
    ).toEqual(['SH2020-Q06@indicators.12.target']);
    // Handling complaints is positive even though the name mentions them.
    expect(withIndicator(12, buildIndicator('效果目标', '社会效益', '投诉处理率', '>=95%'))).toEqual([]);
  });

  it('Q07 flags 100% satisfaction and rates above 100%', () => {
    expect(withIndicator(13, buildIndicator('效果目标', '满意度', '参与市民满意度', '=100%'))).toEqual([
      'SH2020-Q07@indicators.13.target',
    ]);
    expect(withIndicator(10, buildIndicator('产出目标', '质量', '活动方案审核通过率', '>=120%'))).toEqual([
      'SH2020-Q07@indicators.10.target',
    ]);
    expect(withIndicator(12, buildIndicator('效果目标', '社会效益', '参与人数增长率', '>=120%'))).toEqual([]);
  });

  it('Q08 hints when a quantity indicator is a percentage', () => {
    expect(withIndicator(9, buildIndicator('产出目标', '数量', '活动完成率', '>=95%'))).toEqual([
      'SH2020-Q08@indicators.9.target',
    ]);
  });

  it('Q09 hints when satisfaction is asked of the implementers', () => {
    expect(withIndicator(13, buildIndicator('效果目标', '满意度', '项目执行者满意度', '>=80%'))).toEqual([
      'SH2020-Q09@indicators.13.name',
    ]);
  });
});
