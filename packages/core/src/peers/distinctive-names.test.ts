import { describe, expect, it } from 'vitest';
import { buildIndicator, buildTable, shanghaiCommonIndicators } from '../review/testing/table-factory.ts';
import { distinctiveIndicatorNames } from './distinctive-names.ts';

describe('distinctiveIndicatorNames', () => {
  it('leaves out the common indicators and the library’s typical ones, and repeats', () => {
    const table = buildTable({
      indicators: [
        ...shanghaiCommonIndicators(),
        buildIndicator('产出目标', '数量', '助餐服务人次', '>=1000人次'),
        buildIndicator('产出目标', '质量', '验收合格率', '>=95%'),
        buildIndicator('产出目标', '数量', '助餐 服务人次', '>=1000人次'),
        buildIndicator('效果目标', '社会效益', '长者食堂覆盖街道数', '>=10个'),
      ],
    });
    expect(shanghaiCommonIndicators().length).toBeGreaterThan(0);
    expect(distinctiveIndicatorNames(table)).toEqual(['助餐服务人次', '长者食堂覆盖街道数']);
  });
});
