import { describe, expect, it } from 'vitest';
import { findLevel1, normaliseCategory, placeIndicator } from './framework-match.ts';
import { national2020Framework, national2021CostFramework } from './national-2020.framework.ts';
import { shanghai2020Framework } from './shanghai-2020.framework.ts';

describe('normaliseCategory', () => {
  it('drops weights, spaces and the 指标/目标 suffix', () => {
    expect(normaliseCategory('产出指标(50分)')).toBe('产出');
    expect(normaliseCategory('成本指标（0-20）分')).toBe('成本');
    expect(normaliseCategory('效果目标')).toBe('效果');
    expect(normaliseCategory(' 社会效益 指标 ')).toBe('社会效益');
    expect(normaliseCategory('投入与管理')).toBe('投入与管理');
  });
});

describe('placeIndicator', () => {
  it('places Shanghai and national labels by role', () => {
    const sh = placeIndicator(shanghai2020Framework, { level1: '产出目标', level2: '数量' });
    expect(sh.level1?.role).toBe('output');
    expect(sh.level2?.role).toBe('quantity');
    const nat = placeIndicator(national2020Framework, { level1: '满意度指标', level2: '服务对象满意度指标' });
    expect(nat.level2?.role).toBe('satisfaction');
  });

  it('infers the level-1 category from the level-2 label when level 1 was not printed', () => {
    const place = placeIndicator(national2021CostFramework, { level1: null, level2: '经济成本指标' });
    expect(place.level1?.name).toBe('成本');
  });

  it('leaves labels of another framework unplaced', () => {
    expect(findLevel1(shanghai2020Framework, '满意度指标')).toBeNull();
    expect(
      placeIndicator(national2020Framework, { level1: '影响力目标', level2: '长效管理' }).level1,
    ).toBeNull();
  });
});

describe('frameworks as data', () => {
  it('Shanghai 2020: four level-1 categories and the nine common 投入与管理 indicators', () => {
    expect(shanghai2020Framework.level1.map((c) => c.name)).toEqual(['投入与管理', '产出', '效果', '影响力']);
    expect(shanghai2020Framework.commonIndicators).toHaveLength(9);
    expect(new Set(shanghai2020Framework.commonIndicators.map((c) => c.level1))).toEqual(
      new Set(['投入与管理']),
    );
  });

  it('national 2020: 产出/效益/满意度; the newer template puts 成本 first at level 1', () => {
    expect(national2020Framework.level1.map((c) => c.name)).toEqual(['产出', '效益', '满意度']);
    expect(national2020Framework.level1[0]?.level2.map((c) => c.name)).toEqual([
      '数量',
      '质量',
      '时效',
      '成本',
    ]);
    expect(national2021CostFramework.level1.map((c) => c.name)).toEqual(['成本', '产出', '效益', '满意度']);
    expect(national2021CostFramework.level1[1]?.level2.map((c) => c.name)).toEqual(['数量', '质量', '时效']);
  });
});
