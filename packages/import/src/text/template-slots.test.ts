import type { Indicator } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { dropUnfilledSlots, isUnfilledSlot } from './template-slots.ts';

const row = (name: string, target: string, extra: Partial<Indicator> = {}): Indicator =>
  ({
    level1: '产出指标',
    level2: '数量指标',
    name,
    target: { ...parseTarget(target), raw: target },
    ...extra,
  }) as Indicator;

describe('unfilled template slots', () => {
  it('are template words or captions with nothing, an ellipsis or another caption as target', () => {
    expect(isUnfilledSlot(row('具体指标', '……'))).toBe(true);
    expect(isUnfilledSlot(row('年度绩效指标', '一级指标'))).toBe(true);
    expect(isUnfilledSlot(row('生态效益指标', '', { weight: 0 }))).toBe(true);
    expect(isUnfilledSlot(row('指标1', ''))).toBe(true);
  });

  it('are never a named row, a row with a target or a row with a result', () => {
    expect(isUnfilledSlot(row('养护里程', ''))).toBe(false);
    expect(isUnfilledSlot(row('数量指标', '375万平方米'))).toBe(false);
    expect(isUnfilledSlot(row('生态效益指标', '', { actual: '达成' }))).toBe(false);
    expect(isUnfilledSlot(row('生态效益指标', '', { score: 5 }))).toBe(false);
  });

  it('are dropped with their warnings, the other warnings pointing at the rows that stay', () => {
    const table = {
      indicators: [row('具体指标', '……'), row('养护里程', '≥120公里'), row('指标2', '…')],
      warnings: [
        { code: 'import.low_confidence', zh: '甲', en: 'a', path: 'indicators.0' },
        { code: 'import.low_confidence', zh: '乙', en: 'b', path: 'indicators.1.target' },
      ],
    };
    dropUnfilledSlots(table);
    expect(table.indicators.map((i) => i.name)).toEqual(['养护里程']);
    expect(table.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'import.low_confidence indicators.0.target',
      'import.template_slots indicators',
    ]);
  });
});

describe('a blank template', () => {
  it('yields no indicator, and says its slots were left out', () => {
    const text = [
      '项目支出绩效目标申报表',
      '项目名称\t',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t具体指标\t……',
      '\t质量指标\t具体指标\t……',
      '效益指标\t社会效益指标\t具体指标\t……',
      '填表人：',
    ].join('\n');
    const { tables } = importText(text);
    expect(tables.flatMap((t) => t.indicators)).toEqual([]);
    expect(tables[0]?.warnings.map((w) => w.code)).toContain('import.template_slots');
  });
});
