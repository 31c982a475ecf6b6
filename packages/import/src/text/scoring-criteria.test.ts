import { describe, expect, it } from 'vitest';
import { isScoringClause } from './scoring-criteria.ts';
import { readIndicatorStream } from './stream-indicators.ts';

describe('isScoringClause', () => {
  it('takes a figure that points are awarded or deducted for as the scoring standard', () => {
    expect(isScoringClause('成本节约率', '以上计20分,低于0%')).toBe(true);
    expect(isScoringClause('每降低', '扣1分,扣完为止')).toBe(true);
    expect(isScoringClause('维修维护覆盖率', '计3分,每少5%扣1分')).toBe(true);
    expect(isScoringClause('开放日活动次数', '及以上,计3分')).toBe(true);
    expect(isScoringClause('护理覆盖率', '以下不计分')).toBe(true);
  });

  it('takes a name that awards points as a clause of the standard', () => {
    expect(isScoringClause('以上计20分,低于', '')).toBe(true);
    expect(isScoringClause('计3分,每少', '扣1分')).toBe(true);
    expect(isScoringClause('扣完为止', '')).toBe(true);
  });

  it('leaves rows whose figure is followed by a weight, an actual or the next name', () => {
    expect(isScoringClause('群众满意度', ' 10分 10')).toBe(false);
    expect(isScoringClause('群众满意度', '10 10')).toBe(false);
    expect(isScoringClause('受益农户数', '质量指标工程验收合格率100%')).toBe(false);
    expect(isScoringClause('得分率', '')).toBe(false);
  });
});

// A department-wide target table whose rows ran together with their explanation and scoring standard
// (指标值 | 计量单位 | 指标解释 | 评(扣)分标准 | 备注), written for this test in the shape such pages take.
describe('readIndicatorStream with a scoring standard in each row', () => {
  it('reads each row once and no clause of its standard', () => {
    const text = [
      '一级指标二级指标三级指标指标值类型指标值计量单位指标解释评(扣)分标准备注',
      '成本指标经济成本指标成本节约率0%资金支出严格按预算执行成本节约率0%以上计20分,低于0%,每降低1%扣1分,扣完为止20',
      '产出指标数量指标设施设备维修维护覆盖率90%设施设备应维尽维维修维护覆盖率90%计3分,每少5%扣1分,扣完为止3',
      '服务对象护理覆盖率=100%保障服务对象护理服务全覆盖护理覆盖率100%计3分,低于100%不计分3',
    ].join('\n');
    const { indicators } = readIndicatorStream(text, 1, 2025);
    expect(indicators.map((i) => [i.level1, i.level2, i.name, i.target.raw])).toEqual([
      ['成本指标', '经济成本指标', '成本节约率', '0%'],
      ['产出指标', '数量指标', '设施设备维修维护覆盖率', '90%'],
      ['产出指标', '数量指标', '服务对象护理覆盖率', '=100%'],
    ]);
  });
});

describe('isScoringClause on hostile text', () => {
  it('stays linear on long runs of spaces and digits', () => {
    const spaces = ' '.repeat(200_000);
    const started = performance.now();
    isScoringClause(`计${spaces}`, `${spaces},${spaces}x`);
    isScoringClause(`扣${'9'.repeat(200_000)}`, `以上${spaces}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
